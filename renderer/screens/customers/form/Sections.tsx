// The form's sections. Each is a fieldset-like group with a heading; controls come from ./controls.
import type { ReactNode } from 'react';
import { COUNTRIES } from '../../../../shared/domain/countries';
import { CUSTOMER_STATUSES, INVOICE_TEMPLATE_LABELS, INVOICE_TEMPLATES } from '../../../../shared/domain/customer';
import { CURRENCIES } from '../../../../shared/money';
import { CheckInput, SelectInput, TextArea, TextInput } from './controls';
import type { CustomerFormApi } from './useCustomerForm';
import type { TermsChoice } from './formValues';
import type { FormValues } from './formValues';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="form-section">
      <h2 id={id}>{title}</h2>
      <div className="form-grid">{children}</div>
    </section>
  );
}

type Props = { form: CustomerFormApi };

export function ContactSection({ form }: Props) {
  return (
    <Section title="Contact">
      <TextInput form={form} field="name" label="Name" className="field-wide" />
      <TextInput form={form} field="email" label="Email" type="email" />
      <TextInput form={form} field="phone" label="Phone" type="tel" hint="Local numbers are read for the country below, e.g. 0712 345 678" />
      <TextInput form={form} field="secondaryEmail" label="Secondary email" type="email" />
      <TextInput form={form} field="secondaryPhone" label="Secondary phone" type="tel" />
    </Section>
  );
}

const COUNTRY_OPTIONS = COUNTRIES.map((c) => [c.code, c.name] as const);

export function AddressSection({ form }: Props) {
  return (
    <Section title="Address">
      <TextInput form={form} field="street" label="Street" className="field-wide" />
      <TextInput form={form} field="city" label="City" />
      <TextInput form={form} field="postalCode" label="Postal code" />
      <SelectInput form={form} field="country" label="Country" options={COUNTRY_OPTIONS} />
    </Section>
  );
}

export function BusinessSection({ form }: Props) {
  return (
    <Section title="Business & tax">
      <TextInput form={form} field="businessType" label="Business type" hint="e.g. Retail shop, Law firm, NGO" />
      <TextInput form={form} field="taxId" label="Tax ID" hint="KRA PIN for Kenyan customers, e.g. P051234567X" />
    </Section>
  );
}

const TERMS_OPTIONS: readonly (readonly [TermsChoice, string])[] = [
  ['net_0', 'Due on receipt'],
  ['net_7', 'Net 7'],
  ['net_15', 'Net 15'],
  ['net_30', 'Net 30'],
  ['net_60', 'Net 60'],
  ['custom', 'Custom…'],
];
const CURRENCY_OPTIONS = CURRENCIES.map((c) => [c, c] as const);
const STATUS_OPTIONS = CUSTOMER_STATUSES.map((s) => [s, s[0]!.toUpperCase() + s.slice(1)] as const);
const METHOD_OPTIONS: readonly (readonly [FormValues['preferredPaymentMethod'], string])[] = [
  ['', 'None'],
  ['mpesa', 'M-Pesa'],
  ['bank', 'Bank transfer'],
  ['cash', 'Cash'],
  ['card', 'Card'],
  ['other', 'Other'],
];

export function BillingSection({ form }: Props) {
  const custom = form.values.terms === 'custom';
  return (
    <Section title="Billing">
      <SelectInput form={form} field="terms" label="Payment terms" options={TERMS_OPTIONS} />
      {custom && <TextInput form={form} field="customDays" label="Custom terms (days)" inputMode="numeric" />}
      <TextInput
        form={form}
        field="creditLimit"
        label="Credit limit"
        inputMode="decimal"
        hint={`In ${form.values.currency}. Leave blank or 0 for no limit.`}
      />
      <SelectInput form={form} field="currency" label="Currency" options={CURRENCY_OPTIONS} />
      <SelectInput form={form} field="status" label="Status" options={STATUS_OPTIONS} />
      <SelectInput form={form} field="preferredPaymentMethod" label="Preferred payment method" options={METHOD_OPTIONS} />
    </Section>
  );
}

const TEMPLATE_OPTIONS = INVOICE_TEMPLATES.map((t) => [t, INVOICE_TEMPLATE_LABELS[t]] as const);
const LANGUAGE_OPTIONS = [['en', 'English'], ['sw', 'Swahili']] as const;

export function PreferencesSection({ form }: Props) {
  return (
    <Section title="Invoicing preferences">
      <div className="field-wide checks">
        <CheckInput form={form} field="autoSendInvoices" label="Send invoices automatically" />
        <CheckInput form={form} field="sendReminders" label="Send payment reminders" />
        <CheckInput form={form} field="includeTax" label="Prices include VAT (drafts work VAT out from inside the prices)" />
      </div>
      <SelectInput form={form} field="template" label="Invoice template" options={TEMPLATE_OPTIONS} />
      <SelectInput form={form} field="language" label="Invoice language" options={LANGUAGE_OPTIONS} />
    </Section>
  );
}

export function NotesSection({ form }: Props) {
  return (
    <Section title="Notes & tags">
      <TextArea form={form} field="notes" label="Notes" />
      <TextInput form={form} field="tags" label="Tags" className="field-wide" hint="Separate tags with commas, e.g. wholesale, nairobi" />
    </Section>
  );
}
