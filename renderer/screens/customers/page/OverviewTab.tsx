import type { ReactNode } from 'react';
import { addressLines } from '../../../../shared/domain/address';
import { INVOICE_TEMPLATE_LABELS, paymentTermsLabel, type Customer } from '../../../../shared/domain/customer';
import { formatPhone } from '../../../../shared/domain/phone';
import { money } from '../../../lib/format';

const METHODS: Record<string, string> = { mpesa: 'M-Pesa', bank: 'Bank transfer', cash: 'Cash', card: 'Card', other: 'Other' };
const TEMPLATES: Record<string, string> = INVOICE_TEMPLATE_LABELS;
const LANGUAGES: Record<string, string> = { en: 'English', sw: 'Swahili' };

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl-item">
      <dt>{term}</dt>
      <dd>{children || <span className="muted">Not set</span>}</dd>
    </div>
  );
}


export function OverviewTab({ customer: c }: { customer: Customer }) {
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
  return (
    <div className="overview">
      <section>
        <h2 id="ov-contact">Contact</h2>
        <dl>
          <Item term="Email">{c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}</Item>
          <Item term="Phone">{c.phone && formatPhone(c.phone)}</Item>
          <Item term="Secondary email">{c.secondaryEmail}</Item>
          <Item term="Secondary phone">{c.secondaryPhone && formatPhone(c.secondaryPhone)}</Item>
          <Item term="Address">{addressLines(c.address).map((line) => <div key={line}>{line}</div>)}</Item>
        </dl>
      </section>
      <section>
        <h2 id="ov-business">Business & billing</h2>
        <dl>
          <Item term="Business type">{c.businessType}</Item>
          <Item term="Tax ID">{c.taxId}</Item>
          <Item term="Payment terms">{paymentTermsLabel(c.paymentTermsDays)}</Item>
          <Item term="Credit limit">{c.creditLimitMinor === 0 ? 'No limit' : money(c.creditLimitMinor, c.currency)}</Item>
          <Item term="Currency">{c.currency}</Item>
          <Item term="Preferred payment method">{c.preferredPaymentMethod ? METHODS[c.preferredPaymentMethod] : ''}</Item>
        </dl>
      </section>
      <section>
        <h2 id="ov-prefs">Invoicing preferences</h2>
        <dl>
          <Item term="Send invoices automatically">{yesNo(c.autoSendInvoices)}</Item>
          <Item term="Send payment reminders">{yesNo(c.sendReminders)}</Item>
          <Item term="Invoice template">{TEMPLATES[c.aiPreferences.template]}</Item>
          <Item term="Invoice language">{LANGUAGES[c.aiPreferences.language]}</Item>
          <Item term="Prices include VAT">{yesNo(c.aiPreferences.includeTax)}</Item>
          <Item term="Tags">
            {c.tags.length > 0 && (
              <ul className="tags">{c.tags.map((t) => <li key={t} className="tag">{t}</li>)}</ul>
            )}
          </Item>
        </dl>
      </section>
    </div>
  );
}
