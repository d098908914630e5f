/** How each Billbook field is named in the mapping step. */
const IMPORT_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  company: 'Company (if no name)',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  secondaryEmail: 'Secondary email',
  secondaryPhone: 'Secondary phone',
  street: 'Street',
  street2: 'Street, second line',
  city: 'City',
  region: 'County, state or province',
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
  openingBalance: 'Opening balance (owed)',
  openingBalanceDate: 'Opening balance date',
  code: 'Customer code',
};

export function importFieldLabel(field: string): string {
  return IMPORT_FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export type DuplicateAction = 'skip' | 'update';
