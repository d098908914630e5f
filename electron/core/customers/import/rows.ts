import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../../../shared/contract';
import {
  CUSTOMER_STATUSES,
  customerInputSchema,
  paymentTermsDaysOf,
  type CustomerFields,
  type CustomerInput,
} from '../../../../shared/domain/customer';
import { CURRENCIES, parseMoney, type CurrencyCode } from '../../../../shared/money';

export type RowCells = Partial<Record<ImportField, string>>;

const PATH_LABELS: Record<string, string> = {
  ...IMPORT_FIELD_LABELS,
  'address.street': 'Street',
  'address.city': 'City',
  'address.postalCode': 'Postal code',
  'address.country': 'Country',
  paymentTermsDays: 'Payment terms',
  creditLimitMinor: 'Credit limit',
};

/** The CSV field a customer field's problem comes from, by the first part of its path. */
const FIELD_OF_PATH: Record<string, ImportField> = { paymentTermsDays: 'paymentTerms', creditLimitMinor: 'creditLimit' };
const ADDRESS_FIELDS: Record<string, ImportField> = { street: 'street', city: 'city', postalCode: 'postalCode', country: 'country' };

function fieldOfPath(path: readonly PropertyKey[]): ImportField | null {
  const [first, second] = path.map(String);
  if (first === 'address' && second !== undefined) return ADDRESS_FIELDS[second] ?? null;
  const field = FIELD_OF_PATH[first ?? ''] ?? first;
  return (IMPORT_FIELDS as readonly string[]).includes(field ?? '') ? (field as ImportField) : null;
}

export interface RowCheck {
  fields: CustomerFields | null;
  reasons: string[];
  /** The CSV fields whose own cells the reasons are about. */
  faults: Set<ImportField>;
}

/**
 * Turns one CSV row into customer fields, on top of a base (defaults for a new customer, the stored
 * customer for an update). A blank cell keeps the base's value. Returns every problem, not the first,
 * and which fields they are about.
 */
export function rowToFields(cells: RowCells, base: CustomerInput): RowCheck {
  const reasons: string[] = [];
  const faults = new Set<ImportField>();
  const problem = (field: ImportField, reason: string) => {
    faults.add(field);
    reasons.push(reason);
  };
  const input: CustomerInput = { ...base, address: { ...base.address }, aiPreferences: { ...base.aiPreferences } };
  // Our own export guards cells against spreadsheet formulas; undo exactly that guard, nothing else.
  const cell = (field: ImportField) => fromSpreadsheetSafe((cells[field] ?? '').trim());
  const text = (field: ImportField, set: (value: string) => void) => {
    const value = cell(field);
    if (value !== '') set(value);
  };

  text('name', (v) => (input.name = v));
  text('email', (v) => (input.email = v));
  text('phone', (v) => (input.phone = v));
  text('secondaryEmail', (v) => (input.secondaryEmail = v));
  text('secondaryPhone', (v) => (input.secondaryPhone = v));
  text('street', (v) => (input.address!.street = v));
  text('city', (v) => (input.address!.city = v));
  text('postalCode', (v) => (input.address!.postalCode = v));
  text('country', (v) => (input.address!.country = v));
  text('businessType', (v) => (input.businessType = v));
  text('taxId', (v) => (input.taxId = v));
  text('notes', (v) => (input.notes = v));
  text('tags', (v) => (input.tags = v.split(/[;,|]/).map((t) => t.trim()).filter((t) => t !== '')));
  text('currency', (v) => {
    const code = v.toUpperCase();
    if ((CURRENCIES as readonly string[]).includes(code)) input.currency = code as CurrencyCode;
    else problem('currency', `Currency: "${v}" is not one Billbook handles (${CURRENCIES.join(', ')})`);
  });
  text('status', (v) => {
    const status = v.toLowerCase();
    if ((CUSTOMER_STATUSES as readonly string[]).includes(status)) input.status = status as CustomerFields['status'];
    else problem('status', `Status: "${v}" should be active, inactive or suspended`);
  });
  text('paymentTerms', (v) => {
    const days = paymentTermsDaysOf(v);
    if (days === null) problem('paymentTerms', `Payment terms: "${v}" should be like Net 30, net_30 or 30 (days, up to 365)`);
    else input.paymentTermsDays = days;
  });
  text('creditLimit', (v) => {
    const minor = parseMoney(v, input.currency ?? 'KES');
    if (minor === null) problem('creditLimit', `Credit limit: "${v}" is not an amount (write it like 50000 or 50,000.00)`);
    else input.creditLimitMinor = minor;
  });

  const parsed = customerInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = fieldOfPath(issue.path);
      if (field) faults.add(field);
      // The value that failed, beside the reason, so the row can be fixed without opening the file.
      // Tabs, line breaks and other invisible characters are shown as marks, so the person sees where they are.
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      const value = (field ? cell(field) : '').replace(/\t/g, '⇥').replace(/\r?\n/g, '↵').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '·');
      const shown = value !== '' && !issue.message.includes(value) ? ` "${value.length > 60 ? `${value.slice(0, 57)}…` : value}" —` : '';
      reasons.push(`${PATH_LABELS[path] ?? PATH_LABELS[String(issue.path[0])] ?? path}:${shown} ${issue.message}`);
    }
  }
  return { fields: reasons.length === 0 && parsed.success ? parsed.data : null, reasons, faults };
}

/** What a new customer starts from before the row's cells are laid on top. */
export function newCustomerBase(country: string, currency: string, paymentTermsDays: number): CustomerInput {
  return {
    name: '',
    paymentTermsDays,
    address: { street: '', city: '', postalCode: '', country },
    currency: (CURRENCIES as readonly string[]).includes(currency) ? (currency as CurrencyCode) : 'KES',
  };
}
