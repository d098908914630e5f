// The form's text-based values, and how they become the contract's CustomerInput (with per-field errors).
import {
  PAYMENT_TERMS,
  customerInputSchema,
  type Customer,
  type CustomerInput,
  type CustomerStatus,
  type PaymentMethod,
} from '../../../../shared/domain/customer';
import { formatMoney, parseMoney, type CurrencyCode } from '../../../../shared/money';
import { isCurrency } from '../../../lib/format';

export type TermsChoice = keyof typeof PAYMENT_TERMS | 'custom';

export interface FormValues {
  name: string;
  email: string;
  phone: string;
  secondaryEmail: string;
  secondaryPhone: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  businessType: string;
  taxId: string;
  terms: TermsChoice;
  customDays: string;
  creditLimit: string;
  currency: CurrencyCode;
  status: CustomerStatus;
  preferredPaymentMethod: PaymentMethod | '';
  autoSendInvoices: boolean;
  sendReminders: boolean;
  template: 'professional' | 'simple' | 'detailed';
  language: 'en' | 'sw';
  includeTax: boolean;
  notes: string;
  tags: string;
}

/** Which error key (a schema path, as the backend names fields) each form value answers to. */
export const ERROR_KEY: Partial<Record<keyof FormValues, string>> = {
  street: 'address.street',
  city: 'address.city',
  postalCode: 'address.postalCode',
  country: 'address.country',
  terms: 'paymentTermsDays',
  customDays: 'paymentTermsDays',
  creditLimit: 'creditLimitMinor',
  template: 'aiPreferences.template',
  language: 'aiPreferences.language',
  includeTax: 'aiPreferences.includeTax',
};

export function errorKeyOf(field: keyof FormValues): string {
  return ERROR_KEY[field] ?? field;
}

export const EMPTY_VALUES: FormValues = {
  name: '', email: '', phone: '', secondaryEmail: '', secondaryPhone: '',
  street: '', city: '', postalCode: '', country: 'KE',
  businessType: '', taxId: '',
  terms: 'net_30', customDays: '', creditLimit: '', currency: 'KES', status: 'active', preferredPaymentMethod: '',
  autoSendInvoices: false, sendReminders: true, template: 'professional', language: 'en', includeTax: false,
  notes: '', tags: '',
};

function termsChoiceOf(days: number): TermsChoice {
  const found = (Object.keys(PAYMENT_TERMS) as (keyof typeof PAYMENT_TERMS)[]).find((k) => PAYMENT_TERMS[k] === days);
  return found ?? 'custom';
}

/** A new customer's form: empty, with the business's default payment terms (Settings → Numbering and terms). */
export function newCustomerValues(defaultTermsDays: number): FormValues {
  const terms = termsChoiceOf(defaultTermsDays);
  return { ...EMPTY_VALUES, terms, customDays: terms === 'custom' ? String(defaultTermsDays) : '' };
}

/** "KES 50,000.00" -> "50,000.00": the amount as a person would type it. */
export function minorToText(minor: number, currency: CurrencyCode): string {
  return minor === 0 ? '' : formatMoney(minor, currency).replace(`${currency} `, '');
}

export function valuesOf(c: Customer): FormValues {
  const currency = isCurrency(c.currency) ? c.currency : 'KES';
  const terms = termsChoiceOf(c.paymentTermsDays);
  return {
    name: c.name, email: c.email, phone: c.phone, secondaryEmail: c.secondaryEmail, secondaryPhone: c.secondaryPhone,
    street: c.address.street, city: c.address.city, postalCode: c.address.postalCode, country: c.address.country,
    businessType: c.businessType, taxId: c.taxId,
    terms, customDays: terms === 'custom' ? String(c.paymentTermsDays) : '',
    creditLimit: minorToText(c.creditLimitMinor, currency), currency, status: c.status,
    preferredPaymentMethod: c.preferredPaymentMethod ?? '',
    autoSendInvoices: c.autoSendInvoices, sendReminders: c.sendReminders,
    template: c.aiPreferences.template, language: c.aiPreferences.language, includeTax: c.aiPreferences.includeTax,
    notes: c.notes, tags: c.tags.join(', '),
  };
}

export interface Validation {
  input: CustomerInput;
  errors: Record<string, string>;
}

/** Builds the CustomerInput and checks it with the shared schema; errors are keyed by schema path. */
export function validate(v: FormValues): Validation {
  const errors: Record<string, string> = {};
  let paymentTermsDays = 30;
  if (v.terms === 'custom') {
    if (/^\s*\d{1,3}\s*$/.test(v.customDays)) paymentTermsDays = Number(v.customDays);
    else errors.paymentTermsDays = 'Enter a whole number of days, e.g. 45';
  } else {
    paymentTermsDays = PAYMENT_TERMS[v.terms];
  }
  let creditLimitMinor = 0;
  if (v.creditLimit.trim() !== '') {
    const parsed = parseMoney(v.creditLimit, v.currency);
    if (parsed === null) errors.creditLimitMinor = `Enter an amount in ${v.currency}, like 50,000 or 50000.00`;
    else creditLimitMinor = parsed;
  }
  const input: CustomerInput = {
    name: v.name, email: v.email, phone: v.phone, secondaryEmail: v.secondaryEmail, secondaryPhone: v.secondaryPhone,
    address: { street: v.street, city: v.city, postalCode: v.postalCode, country: v.country },
    businessType: v.businessType, taxId: v.taxId, paymentTermsDays, creditLimitMinor,
    currency: v.currency, status: v.status,
    preferredPaymentMethod: v.preferredPaymentMethod === '' ? null : v.preferredPaymentMethod,
    autoSendInvoices: v.autoSendInvoices, sendReminders: v.sendReminders,
    aiPreferences: { template: v.template, language: v.language, includeTax: v.includeTax },
    notes: v.notes,
    tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
  };
  const result = customerInputSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      // "tags.3" is shown under the one Tags input.
      const key = path[0] === 'tags' ? 'tags' : path.join('.');
      errors[key] ??= issue.message;
    }
  }
  return { input, errors };
}
