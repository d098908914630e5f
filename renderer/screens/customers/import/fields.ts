import type { ImportField } from '../../../../shared/contract';

/** How each Billbook field is named in the mapping step. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  secondaryEmail: 'Secondary email',
  secondaryPhone: 'Secondary phone',
  street: 'Street',
  city: 'City',
  postalCode: 'Postal code',
  country: 'Country',
  businessType: 'Business type',
  taxId: 'Tax ID',
  paymentTerms: 'Payment terms',
  creditLimit: 'Credit limit',
  currency: 'Currency',
  status: 'Status',
  notes: 'Notes',
  tags: 'Tags',
  code: 'Customer code',
};

export type DuplicateAction = 'skip' | 'update';
