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
  warnings: readonly RowWarning[];
  /** The CSV fields whose own cells the reasons or warnings are about. */
  faults: ReadonlySet<ImportField>;
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

// A file's rows are mostly fine: they share these instead of holding empty ones each (a preview
// keeps every row's check until the commit).
const NO_FAULTS: ReadonlySet<ImportField> = new Set();
const NO_WARNINGS: readonly RowWarning[] = Object.freeze([]);
const TAG_SEPARATORS = /[;,|]/;
const PHONE_FIELDS = ['phone', 'secondaryPhone'] as const;

/** A row's problems so far: made once per row, so checking it creates no functions. */
interface Problems {
  warnings: RowWarning[] | null;
  faults: Set<ImportField> | null;
}

function fault(problems: Problems, field: ImportField): void {
  (problems.faults ??= new Set()).add(field);
}

function warn(problems: Problems, field: ImportField, value: string, reason: string): void {
  fault(problems, field);
  (problems.warnings ??= []).push({ field, value, message: `${WARNING_LABELS[field] ?? lowerFirst(IMPORT_FIELD_LABELS[field])} ${shown(value)} left out: ${reason}` });
}

// Our own export guards cells against spreadsheet formulas; undo exactly that guard, nothing else
// (it always starts with an apostrophe, so other cells skip its test).
function cellOf(cells: RowCells, field: ImportField): string {
  const text = cells[field];
  if (text === undefined) return '';
  const trimmed = text.trim();
  return trimmed.charCodeAt(0) === 39 ? fromSpreadsheetSafe(trimmed) : trimmed;
}

const checked = (fields: CustomerFields | null, reasons: string[], problems: Problems): RowCheck => ({
  fields, reasons, warnings: problems.warnings ?? NO_WARNINGS, faults: problems.faults ?? NO_FAULTS,
});

/**
 * A copy of `base` to lay a row's cells on, with every field of a customer written out, in one
 * order: copied with `...base` and given each cell's field as it came, 100,000 rows made objects of
 * many shapes, and setting a field was a fifth of reading a row (an absent field and an undefined
 * one read the same to quickCustomerFields and the schema).
 */
function inputOn(base: CustomerInput): CustomerInput {
  const address = base.address;
  const ai = base.aiPreferences;
  // `satisfies`: a field added to the schema and left out here fails the typecheck, not an update by import.
  const input = {
    name: base.name, email: base.email, phone: base.phone, secondaryEmail: base.secondaryEmail, secondaryPhone: base.secondaryPhone,
    address: { street: address?.street, city: address?.city, postalCode: address?.postalCode, country: address?.country },
    businessType: base.businessType, taxId: base.taxId, paymentTermsDays: base.paymentTermsDays, creditLimitMinor: base.creditLimitMinor,
    currency: base.currency, status: base.status, preferredPaymentMethod: base.preferredPaymentMethod, autoSendInvoices: base.autoSendInvoices,
    sendReminders: base.sendReminders, aiPreferences: { template: ai?.template, language: ai?.language, includeTax: ai?.includeTax },
    notes: base.notes, tags: base.tags,
  } satisfies Record<keyof CustomerInput, unknown>;
  return input;
}

/**
 * Turns one CSV row into customer fields, on top of a base (defaults for a new customer, the stored
 * customer for an update). A blank cell keeps the base's value. Only a row without a usable name
 * is refused; any other value that cannot be read is left out, with a warning saying which and why.
 */
export function rowToFields(cells: RowCells, base: CustomerInput, defaults: RowDefaults): RowCheck {
  const problems: Problems = { warnings: null, faults: null };
  const input = inputOn(base);
  const address = input.address!;

  // The name: the name column, else the company, else the person's first and last name.
  const firstName = cellOf(cells, 'firstName');
  const lastName = cellOf(cells, 'lastName');
  const person = joined([firstName, lastName], ' ');
  const company = cellOf(cells, 'company');
  const name = cellOf(cells, 'name') || company || person;
  if (name === '') {
    fault(problems, 'name');
    return checked(null, ['Name: this row has no name (its name, company and first and last name cells are all empty)'], problems);
  }
  input.name = name;

  const email = cellOf(cells, 'email');
  if (email !== '') input.email = email;
  const secondaryEmail = cellOf(cells, 'secondaryEmail');
  if (secondaryEmail !== '') input.secondaryEmail = secondaryEmail;
  const street = joined([cellOf(cells, 'street'), cellOf(cells, 'street2')], ', ');
  if (street !== '') address.street = street;
  const city = joined([cellOf(cells, 'city'), cellOf(cells, 'region')], ', ');
  if (city !== '') address.city = city;
  const postalCode = cellOf(cells, 'postalCode');
  if (postalCode !== '') address.postalCode = postalCode;
  const businessType = cellOf(cells, 'businessType');
  if (businessType !== '') input.businessType = businessType;
  const taxId = cellOf(cells, 'taxId');
  if (taxId !== '') input.taxId = taxId;
  const notes = joined(
    [cellOf(cells, 'notes'), company !== '' && company !== name ? `Company: ${company}` : '', person !== '' && person !== name ? `Contact: ${person}` : ''],
    '\n',
  );
  if (notes !== '') input.notes = notes;
  const tags = cellOf(cells, 'tags');
  if (tags !== '') input.tags = tags.split(TAG_SEPARATORS).map((t) => t.trim()).filter((t) => t !== '');

  let rowCountry: string | null = null;
  const countryCell = cellOf(cells, 'country');
  if (countryCell !== '') {
    rowCountry = countryCodeOf(countryCell);
    if (rowCountry) address.country = rowCountry;
    else warn(problems, 'country', countryCell, `not a country Billbook knows; ${base.address?.country ?? defaults.country} is used`);
  }
  let rowCurrency: string | null = null;
  const currencyCell = cellOf(cells, 'currency');
  if (currencyCell !== '') {
    rowCurrency = currencyCell.toUpperCase();
    if ((CURRENCIES as readonly string[]).includes(rowCurrency)) input.currency = rowCurrency as CurrencyCode;
    else warn(problems, 'currency', currencyCell, `Billbook bills in ${CURRENCIES.join(', ')}; this customer is billed in ${input.currency ?? 'KES'}`);
  }
  const statusCell = cellOf(cells, 'status');
  if (statusCell !== '') {
    const word = statusCell.toLowerCase();
    const status = (CUSTOMER_STATUSES as readonly string[]).includes(word) ? (word as CustomerFields['status']) : STATUS_WORDS[word];
    if (status) input.status = status;
    else warn(problems, 'status', statusCell, 'should be active, inactive or suspended');
  }
  const termsCell = cellOf(cells, 'paymentTerms');
  if (termsCell !== '') {
    const days = paymentTermsDaysOf(termsCell);
    if (days === null) warn(problems, 'paymentTerms', termsCell, 'should be like Net 30, net_30 or 30 (days, up to 365)');
    else input.paymentTermsDays = days;
  }
  const limitCell = cellOf(cells, 'creditLimit');
  if (limitCell !== '') {
    const amount = readImportAmount(limitCell, input.currency ?? 'KES');
    if (!amount.ok) warn(problems, 'creditLimit', limitCell, amount.reason);
    else if (amount.minor < 0) warn(problems, 'creditLimit', limitCell, 'a credit limit cannot be negative');
    else input.creditLimitMinor = amount.minor;
  }

  // A phone is read in the row's country, then its currency's, then the business's.
  let phone: string | undefined;
  let secondaryPhone: string | undefined;
  let countries: string[] | null = null;
  for (const field of PHONE_FIELDS) {
    const value = cellOf(cells, field);
    if (value === '') continue;
    countries ??= phoneCountries(rowCountry, rowCurrency, address.country, defaults.country);
    const reading = readPhone(value, countries);
    if (!reading.ok) warn(problems, field, value, reading.reason);
    else if (field === 'phone') phone = reading.e164;
    else secondaryPhone = reading.e164;
  }
  // A row that names no country is in the country its phone number is from (a US number, say).
  if (!rowCountry && countryCell === '') {
    const from = (phone ? countryOfPhone(phone) : undefined) ?? (secondaryPhone ? countryOfPhone(secondaryPhone) : undefined);
    if (from && from !== address.country) address.country = from;
  }
  if (phone) input.phone = phone;
  if (secondaryPhone) {
    // With no main number, the other one is the one to reach them by (SMS, M-Pesa).
    if (!input.phone) input.phone = secondaryPhone;
    else if (secondaryPhone !== input.phone) input.secondaryPhone = secondaryPhone;
  }

  // Whatever the schema still refuses is left out the same way, one round at a time (a country
  // left out can change how the tax ID reads); the name alone refuses the row.
  // Most rows are plainly fine: read without zod, which is asked only when something is not.
  const quick = quickCustomerFields(input);
  if (quick) return checked(quick, [], problems);
  for (let round = 0; round < 4; round++) {
    const parsed = customerInputSchema.safeParse(input);
    if (parsed.success) return checked(parsed.data, [], problems);
    const nameIssue = parsed.error.issues.find((i) => i.path[0] === 'name');
    if (nameIssue) {
      fault(problems, 'name');
      return checked(null, [`Name: ${nameIssue.message}`], problems);
    }
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const key = issue.path[0] === 'tags' ? 'tags' : path;
      if (seen.has(key)) continue;
      seen.add(key);
      const field = FIELD_OF_PATH[key] ?? FIELD_OF_PATH[String(issue.path[0])] ?? 'notes';
      warn(problems, field, cellOf(cells, field) || String(issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown>)?.[k], input) ?? ''), lowerFirst(issue.message));
      leaveOut(input, base, key);
    }
  }
  return checked(null, ['This row could not be read; check it in your spreadsheet'], problems);
}

/** The countries a row's phones are read in, in order: its own, its currency's, its address's, the business's. */
function phoneCountries(rowCountry: string | null, rowCurrency: string | null, addressCountry: string | undefined, business: string): string[] {
  const countries = [rowCountry, rowCurrency ? COUNTRY_OF_CURRENCY[rowCurrency] : undefined, addressCountry, business].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  return [...new Set(countries)];
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
