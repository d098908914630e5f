import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { IMPORT_FIELD_LABELS, type ImportField } from '../../../../shared/contract';
import { countryCodeOf } from '../../../../shared/domain/countries';
import {
  CUSTOMER_STATUSES,
  customerInputSchema,
  paymentTermsDaysOf,
  quickCustomerFields,
  type CustomerFields,
  type CustomerInput,
} from '../../../../shared/domain/customer';
import { CURRENCIES, type CurrencyCode } from '../../../../shared/money';
import { countryOfPhone } from '../../../../shared/domain/phone';
import { readImportAmount } from '../../imports/amount';
import { COUNTRY_OF_CURRENCY, readPhone } from './phones';

export type RowCells = Partial<Record<ImportField, string>>;

/** A value left out of a row, and why; the row imports without it. */
export interface RowWarning {
  field: ImportField;
  value: string;
  /** "phone 867-5309 left out: not a full number". */
  message: string;
}

export interface RowCheck {
  fields: CustomerFields | null;
  /** Why the row cannot be a customer at all (no name, a name that cannot be stored). */
  reasons: string[];
  warnings: RowWarning[];
  /** The CSV fields whose own cells the reasons or warnings are about. */
  faults: Set<ImportField>;
}

/** What the business is, for values the row leaves out. */
export interface RowDefaults {
  /** The business's own country: phones are read there last. */
  country: string;
}

/** Where each customer field's problem comes from, by its schema path. */
const FIELD_OF_PATH: Record<string, ImportField> = {
  name: 'name', email: 'email', phone: 'phone', secondaryEmail: 'secondaryEmail', secondaryPhone: 'secondaryPhone',
  'address.street': 'street', 'address.city': 'city', 'address.postalCode': 'postalCode', 'address.country': 'country',
  businessType: 'businessType', taxId: 'taxId', paymentTermsDays: 'paymentTerms', creditLimitMinor: 'creditLimit', currency: 'currency',
  status: 'status', notes: 'notes', tags: 'tags',
};

const STATUS_WORDS: Record<string, CustomerFields['status']> = { 'not-active': 'inactive', 'not active': 'inactive', archived: 'inactive', disabled: 'inactive' };

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** How a warning names the value: as the person knows it from their file, a phone is a phone. */
const WARNING_LABELS: Partial<Record<ImportField, string>> = { secondaryPhone: 'phone', secondaryEmail: 'email', street2: 'street' };
const joined = (parts: string[], separator: string) => parts.filter((p) => p !== '').join(separator);

/** A value as a message shows it: an invisible or direction-changing character as a visible mark, long text cut. */
// eslint-disable-next-line no-control-regex -- showing control characters is this regex's job
const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value).replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '�');

/** Resets the customer field a problem is about to what it was before the row, so the rest imports. */
function leaveOut(input: CustomerInput, base: CustomerInput, path: string): void {
  const [first, second] = path.split('.');
  if (first === 'address' && second) (input.address as Record<string, unknown>)[second] = (base.address as Record<string, unknown>)[second];
  else if (first === 'tags') input.tags = base.tags ?? [];
  else (input as Record<string, unknown>)[first!] = (base as Record<string, unknown>)[first!];
}

/**
 * Turns one CSV row into customer fields, on top of a base (defaults for a new customer, the stored
 * customer for an update). A blank cell keeps the base's value. Only a row without a usable name
 * is refused; any other value that cannot be read is left out, with a warning saying which and why.
 */
export function rowToFields(cells: RowCells, base: CustomerInput, defaults: RowDefaults): RowCheck {
  const reasons: string[] = [];
  const warnings: RowWarning[] = [];
  const faults = new Set<ImportField>();
  const input: CustomerInput = { ...base, address: { ...base.address }, aiPreferences: { ...base.aiPreferences } };
  // Our own export guards cells against spreadsheet formulas; undo exactly that guard, nothing else.
  const cell = (field: ImportField) => fromSpreadsheetSafe((cells[field] ?? '').trim());
  const warn = (field: ImportField, value: string, reason: string) => {
    faults.add(field);
    warnings.push({ field, value, message: `${WARNING_LABELS[field] ?? lowerFirst(IMPORT_FIELD_LABELS[field])} ${shown(value)} left out: ${reason}` });
  };

  // The name: the name column, else the company, else the person's first and last name.
  const person = joined([cell('firstName'), cell('lastName')], ' ');
  const name = cell('name') || cell('company') || person;
  if (name === '') {
    faults.add('name');
    return { fields: null, reasons: ['Name: this row has no name (its name, company and first and last name cells are all empty)'], warnings, faults };
  }
  input.name = name;
  const extraNotes: string[] = [];
  if (cell('company') !== '' && cell('company') !== name) extraNotes.push(`Company: ${cell('company')}`);
  if (person !== '' && person !== name) extraNotes.push(`Contact: ${person}`);

  const text = (field: ImportField, set: (value: string) => void) => {
    const value = cell(field);
    if (value !== '') set(value);
  };
  text('email', (v) => (input.email = v));
  text('secondaryEmail', (v) => (input.secondaryEmail = v));
  const street = joined([cell('street'), cell('street2')], ', ');
  if (street !== '') input.address!.street = street;
  const city = joined([cell('city'), cell('region')], ', ');
  if (city !== '') input.address!.city = city;
  text('postalCode', (v) => (input.address!.postalCode = v));
  text('businessType', (v) => (input.businessType = v));
  text('taxId', (v) => (input.taxId = v));
  const notes = joined([cell('notes'), ...extraNotes], '\n');
  if (notes !== '') input.notes = notes;
  text('tags', (v) => (input.tags = v.split(/[;,|]/).map((t) => t.trim()).filter((t) => t !== '')));

  let rowCountry: string | null = null;
  text('country', (v) => {
    rowCountry = countryCodeOf(v);
    if (rowCountry) input.address!.country = rowCountry;
    else warn('country', v, `not a country Billbook knows; ${base.address?.country ?? defaults.country} is used`);
  });
  let rowCurrency: string | null = null;
  text('currency', (v) => {
    rowCurrency = v.toUpperCase();
    if ((CURRENCIES as readonly string[]).includes(rowCurrency)) input.currency = rowCurrency as CurrencyCode;
    else warn('currency', v, `Billbook bills in ${CURRENCIES.join(', ')}; this customer is billed in ${input.currency ?? 'KES'}`);
  });
  text('status', (v) => {
    const word = v.toLowerCase();
    const status = (CUSTOMER_STATUSES as readonly string[]).includes(word) ? (word as CustomerFields['status']) : STATUS_WORDS[word];
    if (status) input.status = status;
    else warn('status', v, 'should be active, inactive or suspended');
  });
  text('paymentTerms', (v) => {
    const days = paymentTermsDaysOf(v);
    if (days === null) warn('paymentTerms', v, 'should be like Net 30, net_30 or 30 (days, up to 365)');
    else input.paymentTermsDays = days;
  });
  text('creditLimit', (v) => {
    const amount = readImportAmount(v, input.currency ?? 'KES');
    if (!amount.ok) warn('creditLimit', v, amount.reason);
    else if (amount.minor < 0) warn('creditLimit', v, 'a credit limit cannot be negative');
    else input.creditLimitMinor = amount.minor;
  });

  // A phone is read in the row's country, then its currency's, then the business's.
  const countries = [rowCountry, rowCurrency ? COUNTRY_OF_CURRENCY[rowCurrency] : undefined, input.address!.country, defaults.country].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  const read: Partial<Record<'phone' | 'secondaryPhone', string>> = {};
  for (const field of ['phone', 'secondaryPhone'] as const) {
    const value = cell(field);
    if (value === '') continue;
    const phone = readPhone(value, countries);
    if (phone.ok) read[field] = phone.e164;
    else warn(field, value, phone.reason);
  }
  // A row that names no country is in the country its phone number is from (a US number, say).
  if (!rowCountry && cell('country') === '') {
    const from = [read.phone, read.secondaryPhone].map((p) => (p ? countryOfPhone(p) : undefined)).find((c) => c !== undefined);
    if (from && from !== input.address!.country) input.address!.country = from;
  }
  if (read.phone) input.phone = read.phone;
  if (read.secondaryPhone) {
    // With no main number, the other one is the one to reach them by (SMS, M-Pesa).
    if (!input.phone) input.phone = read.secondaryPhone;
    else if (read.secondaryPhone !== input.phone) input.secondaryPhone = read.secondaryPhone;
  }

  // Whatever the schema still refuses is left out the same way, one round at a time (a country
  // left out can change how the tax ID reads); the name alone refuses the row.
  // Most rows are plainly fine: read without zod, which is asked only when something is not.
  const quick = quickCustomerFields(input);
  if (quick) return { fields: quick, reasons, warnings, faults };
  for (let round = 0; round < 4; round++) {
    const parsed = customerInputSchema.safeParse(input);
    if (parsed.success) return { fields: parsed.data, reasons, warnings, faults };
    const nameIssue = parsed.error.issues.find((i) => i.path[0] === 'name');
    if (nameIssue) {
      faults.add('name');
      return { fields: null, reasons: [`Name: ${nameIssue.message}`], warnings, faults };
    }
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const key = issue.path[0] === 'tags' ? 'tags' : path;
      if (seen.has(key)) continue;
      seen.add(key);
      const field = FIELD_OF_PATH[key] ?? FIELD_OF_PATH[String(issue.path[0])] ?? 'notes';
      warn(field, cell(field) || String(issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown>)?.[k], input) ?? ''), lowerFirst(issue.message));
      leaveOut(input, base, key);
    }
  }
  return { fields: null, reasons: ['This row could not be read; check it in your spreadsheet'], warnings, faults };
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
