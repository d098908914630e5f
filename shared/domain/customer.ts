import { z } from 'zod';
import { CUSTOMER_STATUSES, type CustomerStatus, type PaymentStatus } from './customerStatus';
import { AMOUNT_TOO_LARGE, CURRENCIES, MAX_AMOUNT_MINOR } from '../money';
import { multiLine, oneLine, textProblem } from '../text';
import { normalizePhone } from './phone';
import { normalizeTaxId, taxIdProblem } from './taxId';
import { countryCodeOf } from './countries';

export { CUSTOMER_STATUSES, PAYMENT_STATUSES, type CustomerStatus, type PaymentStatus } from './customerStatus';

export const PAYMENT_METHODS = ['mpesa', 'bank', 'cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const INVOICE_TEMPLATES = ['professional', 'simple', 'detailed'] as const;
export type InvoiceTemplate = (typeof INVOICE_TEMPLATES)[number];
export const INVOICE_TEMPLATE_LABELS: Record<InvoiceTemplate, string> = { professional: 'Professional', simple: 'Simple', detailed: 'Detailed' };
export const LANGUAGES = ['en', 'sw'] as const;

/** The named terms people pick; any other whole number of days is allowed too. */
export const PAYMENT_TERMS = { net_0: 0, net_7: 7, net_15: 15, net_30: 30, net_60: 60 } as const;

/** "net_30", "Net 30", "30", "30 days", "due on receipt" -> 30 / 0; null when unreadable. */
export function paymentTermsDaysOf(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'due on receipt' || t === 'cod' || t === 'immediate') return 0;
  const match = /^(?:net[\s_-]*)?(\d{1,3})(?:\s*days?)?$/.exec(t);
  if (!match) return null;
  const days = Number(match[1]);
  return days <= 365 ? days : null;
}

export function paymentTermsLabel(days: number): string {
  return days === 0 ? 'Due on receipt' : `Net ${days}`;
}

const optionalText = (max: number) => oneLine(z.string().trim().max(max, `At most ${max} characters`)).default('');

// The pattern z.email() checks by default, named so the quick reader can test it without zod's walk.
const EMAIL_PATTERN = z.regexes.email;
const emailSchema = z.email({ pattern: EMAIL_PATTERN });
const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .default('')
  .refine((v) => v === '' || emailSchema.safeParse(v).success, 'Enter an email address like name@example.com');

export const aiPreferencesSchema = z.object({
  template: z.enum(INVOICE_TEMPLATES).default('professional'),
  language: z.enum(LANGUAGES).default('en'),
  /** The prices quoted to this customer include VAT: their drafts work VAT out from inside the prices. */
  includeTax: z.boolean().default(false),
});

export const addressSchema = z.object({
  street: optionalText(200),
  city: optionalText(100),
  postalCode: optionalText(20),
  /** ISO 3166 alpha-2; a country name is accepted and read into its code. */
  country: oneLine(z.string().trim()).default('KE'),
});

/**
 * What a person fills in for a customer. Parsing normalizes it: phones to E.164, tax IDs to upper
 * case, country names to codes; and it refuses what cannot be a real customer, per field.
 */
export const customerInputSchema = z
  .object({
    name: oneLine(z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters')),
    email: optionalEmail,
    phone: optionalText(40),
    secondaryEmail: optionalEmail,
    secondaryPhone: optionalText(40),
    address: addressSchema.default({ street: '', city: '', postalCode: '', country: 'KE' }),
    businessType: optionalText(80),
    taxId: optionalText(40),
    paymentTermsDays: z.number().int('Whole days only').min(0, 'Cannot be negative').max(365, 'At most 365 days').default(30),
    creditLimitMinor: z.number().int('Credit limit must be a whole amount').min(0, 'Cannot be negative').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE).default(0),
    currency: z.enum(CURRENCIES).default('KES'),
    status: z.enum(CUSTOMER_STATUSES).default('active'),
    preferredPaymentMethod: z.enum(PAYMENT_METHODS).nullable().default(null),
    autoSendInvoices: z.boolean().default(false),
    sendReminders: z.boolean().default(true),
    aiPreferences: aiPreferencesSchema.default({ template: 'professional', language: 'en', includeTax: false }),
    notes: multiLine(z.string().trim().max(5000, 'At most 5000 characters')).default(''),
    tags: z.array(oneLine(z.string().trim().toLowerCase().min(1).max(40))).max(30, 'At most 30 tags').default([]),
  })
  // Runs even when other fields fail, so a form shows every problem at once, not one round at a time.
  .superRefine(
    (input, ctx) => {
      const countryText = typeof input.address?.country === 'string' ? input.address.country : '';
      const country = countryCodeOf(countryText);
      if (!country) {
        ctx.addIssue({ code: 'custom', path: ['address', 'country'], message: `Unknown country "${countryText}"` });
      }
      for (const key of ['phone', 'secondaryPhone'] as const) {
        const value = input[key];
        if (typeof value !== 'string' || value.trim() === '') continue;
        const result = normalizePhone(value, country ?? 'KE');
        if (!result.ok) ctx.addIssue({ code: 'custom', path: [key], message: result.reason });
      }
      if (typeof input.taxId === 'string') {
        const problem = taxIdProblem(normalizeTaxId(input.taxId), country);
        if (problem) ctx.addIssue({ code: 'custom', path: ['taxId'], message: problem });
      }
    },
    { when: () => true },
  )
  .transform((input) => {
    const country = countryCodeOf(input.address.country) ?? 'KE';
    const phoneOf = (value: string) => {
      const result = value === '' ? null : normalizePhone(value, country);
      return result?.ok ? result.e164 : value;
    };
    return {
      ...input,
      phone: phoneOf(input.phone),
      secondaryPhone: phoneOf(input.secondaryPhone),
      taxId: normalizeTaxId(input.taxId),
      address: { ...input.address, country },
      tags: [...new Set(input.tags)],
    };
  });

export type CustomerInput = z.input<typeof customerInputSchema>;
export type CustomerFields = z.output<typeof customerInputSchema>;

// quickCustomerFields's readers of one field each: null when the value is not plainly acceptable.
const quickLine = (value: unknown, max: number, fallback: string | null): string | null => {
  if (value === undefined && fallback !== null) return fallback;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length <= max && textProblem(text, 'oneLine') === null ? text : null;
};
const quickEmail = (value: unknown): string | null => {
  if (value === undefined) return '';
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  return text === '' || EMAIL_PATTERN.test(text) ? text : null;
};
const quickCount = (value: unknown, max: number, fallback: number): number | null => {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max ? value : null;
};
const quickOneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null =>
  value === undefined ? fallback : (allowed as readonly unknown[]).includes(value) ? (value as T) : null;
const quickFlag = (value: unknown, fallback: boolean): boolean | null => (value === undefined ? fallback : typeof value === 'boolean' ? value : null);

/**
 * customerInputSchema's answer for input it accepts, computed without zod: the same trims, lower
 * cases, defaults, checks, rule and transform, field for field and in the same key order. null
 * whenever anything is not plainly acceptable (a wrong type, a check that fails): the caller then
 * asks the schema itself, which gives the messages. An import checks every row of a 100,000-row
 * file, and zod's generic walk was most of that (tests/unit/customer-quick-read.test.ts holds the
 * two side by side).
 */
export function quickCustomerFields(input: CustomerInput): CustomerFields | null {
  if (typeof input !== 'object' || input === null) return null;
  const name = typeof input.name === 'string' ? quickLine(input.name, 200, null) : null;
  if (name === null || name === '') return null;
  const fields = {
    name,
    email: quickEmail(input.email),
    phone: quickLine(input.phone, 40, ''),
    secondaryEmail: quickEmail(input.secondaryEmail),
    secondaryPhone: quickLine(input.secondaryPhone, 40, ''),
    address: null as CustomerFields['address'] | null,
    businessType: quickLine(input.businessType, 80, ''),
    taxId: quickLine(input.taxId, 40, ''),
    paymentTermsDays: quickCount(input.paymentTermsDays, 365, 30),
    creditLimitMinor: quickCount(input.creditLimitMinor, MAX_AMOUNT_MINOR, 0),
    currency: quickOneOf(input.currency, CURRENCIES, 'KES'),
    status: quickOneOf(input.status, CUSTOMER_STATUSES, 'active'),
    preferredPaymentMethod: input.preferredPaymentMethod == null ? null : quickOneOf(input.preferredPaymentMethod, PAYMENT_METHODS, 'other'),
    autoSendInvoices: quickFlag(input.autoSendInvoices, false),
    sendReminders: quickFlag(input.sendReminders, true),
    aiPreferences: null as CustomerFields['aiPreferences'] | null,
    notes: null as string | null,
    tags: null as string[] | null,
  };
  // Absent or null is null (the default); anything else must be a method.
  if (input.preferredPaymentMethod != null && fields.preferredPaymentMethod === null) return null;

  const address = input.address;
  if (address === undefined) return null;
  if (typeof address !== 'object' || address === null || Array.isArray(address)) return null;
  const street = quickLine(address.street, 200, '');
  const city = quickLine(address.city, 100, '');
  const postalCode = quickLine(address.postalCode, 20, '');
  const countryText = quickLine(address.country, Infinity, 'KE');
  if (street === null || city === null || postalCode === null || countryText === null) return null;

  const ai = input.aiPreferences;
  if (ai === undefined) return null;
  if (typeof ai !== 'object' || ai === null || Array.isArray(ai)) return null;
  const template = quickOneOf(ai.template, INVOICE_TEMPLATES, 'professional');
  const language = quickOneOf(ai.language, LANGUAGES, 'en');
  const includeTax = quickFlag(ai.includeTax, false);
  if (template === null || language === null || includeTax === null) return null;
  fields.aiPreferences = { template, language, includeTax };

  if (input.notes === undefined) fields.notes = '';
  else if (typeof input.notes === 'string') {
    const notes = input.notes.trim();
    fields.notes = notes.length <= 5000 && textProblem(notes, 'multiLine') === null ? notes : null;
  }
  if (input.tags === undefined) fields.tags = [];
  else if (Array.isArray(input.tags) && input.tags.length <= 30) {
    const tags: string[] = [];
    for (const tag of input.tags as unknown[]) {
      if (typeof tag !== 'string') return null;
      const text = tag.trim().toLowerCase();
      if (text.length < 1 || text.length > 40 || textProblem(text, 'oneLine') !== null) return null;
      tags.push(text);
    }
    fields.tags = [...new Set(tags)];
  }
  if (
    fields.email === null || fields.phone === null || fields.secondaryEmail === null || fields.secondaryPhone === null || fields.businessType === null ||
    fields.taxId === null || fields.paymentTermsDays === null || fields.creditLimitMinor === null || fields.currency === null || fields.status === null ||
    fields.autoSendInvoices === null || fields.sendReminders === null || fields.notes === null || fields.tags === null
  ) return null;

  // The schema's rule, then its transform.
  const country = countryCodeOf(countryText);
  if (!country) return null;
  const phones: string[] = [];
  for (const value of [fields.phone!, fields.secondaryPhone!]) {
    if (value === '') {
      phones.push(value);
      continue;
    }
    const result = normalizePhone(value, country);
    if (!result.ok) return null;
    phones.push(result.e164);
  }
  const taxId = normalizeTaxId(fields.taxId!);
  if (taxIdProblem(taxId, country) !== null) return null;
  fields.phone = phones[0]!;
  fields.secondaryPhone = phones[1]!;
  fields.taxId = taxId;
  fields.address = { street, city, postalCode, country };
  return fields as CustomerFields;
}

export interface CustomerFinancials {
  invoiceCount: number;
  billedMinor: number;
  paidMinor: number;
  outstandingMinor: number;
  lastInvoiceDate: string | null;
  paymentStatus: PaymentStatus;
  /** Money received and not yet applied to an invoice. */
  creditMinor: number;
  /** Paid back to the customer by refunds not reversed. */
  refundedMinor: number;
  /** Refunded beyond the credit there was (two computers refunding offline): owed back by the customer. */
  refundExcessMinor: number;
  /** Over invoices paid in full: days from issue to the day the balance reached zero. null: none paid yet. */
  averageDaysToPay: number | null;
}

export interface Customer extends CustomerFields {
  id: string;
  code: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Change counter: an update must name the version it edited. */
  version: number;
  financials: CustomerFinancials;
}

/** A list row: what the table shows, nothing more. */
export interface CustomerListRow {
  id: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  status: CustomerStatus;
  currency: string;
  tags: string[];
  financials: CustomerFinancials;
}
