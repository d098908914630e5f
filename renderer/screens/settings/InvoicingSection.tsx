// "Numbering and terms": the invoice, credit note and receipt number formats (with the number each
// would take next), this device's code, and the payment terms new customers start with. Until saved
// here they are whatever config.json said.
import { invoke } from '../../api';
import { PAYMENT_TERMS, paymentTermsLabel } from '../../../shared/domain/customer';
import type { InvoicingSettings, SettingsView } from '../../../shared/domain/settings';
import { numberFormatProblem } from '../../../shared/numbering';
import { Field, describe } from '../../components/Field';
import { useDebounced } from '../../lib/useDebounced';
import { useRemote } from '../../lib/useRemote';
import { HEADINGS } from './headings';
import { SectionActions } from './SectionActions';
import { SectionForm } from './SectionForm';
import { TextField } from './TextField';
import { useSettingsSection } from './useSettingsSection';

interface Form {
  numberFormat: string;
  creditNoteFormat: string;
  paymentFormat: string;
  quoteFormat: string;
  refundFormat: string;
  openingBalanceFormat: string;
  deviceCode: string;
  terms: string;
}

const TERM_CHOICES = Object.values(PAYMENT_TERMS);
const DEVICE = /^[A-Za-z0-9]{0,6}$/;

function check(f: Form): { update: { invoicing: InvoicingSettings } | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const key of ['numberFormat', 'creditNoteFormat', 'paymentFormat', 'quoteFormat', 'refundFormat'] as const) {
    const problem = numberFormatProblem(f[key].trim());
    if (problem) errors[key] = problem;
  }
  if (!DEVICE.test(f.deviceCode.trim())) errors.deviceCode = 'Letters and digits only, at most 6, e.g. SHOP1';
  const days = Number(f.terms);
  if (!/^\d{1,3}$/.test(f.terms.trim()) || days > 365) errors.defaultPaymentTermsDays = 'A whole number of days from 0 to 365';
  if (Object.keys(errors).length > 0) return { update: null, errors };
  return {
    update: {
      invoicing: {
        numberFormat: f.numberFormat.trim(), creditNoteFormat: f.creditNoteFormat.trim(), paymentFormat: f.paymentFormat.trim(),
        quoteFormat: f.quoteFormat.trim(), refundFormat: f.refundFormat.trim(), openingBalanceFormat: f.openingBalanceFormat,
        deviceCode: f.deviceCode.trim().toUpperCase(), defaultPaymentTermsDays: days,
      },
    },
    errors,
  };
}

const TOKENS_HINT = '{YYYY} year, {YY} short year, {MM} month, {DEVICE} this device’s code, {seq:4} the running number with 4 digits.';

export function InvoicingSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.invoicing,
    formOf: (i: InvoicingSettings): Form => ({
      numberFormat: i.numberFormat, creditNoteFormat: i.creditNoteFormat, paymentFormat: i.paymentFormat, deviceCode: i.deviceCode,
      quoteFormat: i.quoteFormat, refundFormat: i.refundFormat, openingBalanceFormat: i.openingBalanceFormat,
      terms: String(i.defaultPaymentTermsDays),
    }),
    check,
    errorPrefix: 'invoicing.',
    savedMessage: 'Numbering and terms saved',
  });
  const set = (field: keyof Form, errorKey: string = field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearErrors(errorKey);
  };

  // The next numbers as typed, asked once typing pauses: nothing is reserved.
  const typed = useDebounced(form, 300);
  const next = useRemote(
    () => invoke('settings.nextNumbers', { numberFormat: typed.numberFormat, creditNoteFormat: typed.creditNoteFormat, paymentFormat: typed.paymentFormat, deviceCode: typed.deviceCode }),
    JSON.stringify([typed.numberFormat, typed.creditNoteFormat, typed.paymentFormat, typed.deviceCode]),
  );
  const preview = (which: 'invoice' | 'creditNote' | 'payment') => {
    if (next.state !== 'ready') return 'Working out the next number…';
    const n = next.value[which];
    return n ? `Next: ${n}` : 'Fix the format to see the next number';
  };
  const custom = !TERM_CHOICES.includes(Number(form.terms) as (typeof TERM_CHOICES)[number]);

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.invoicing.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.invoicing.id} tabIndex={-1}>{HEADINGS.invoicing.title}</h2>
        <p className="muted">How invoices, credit notes and receipts are numbered, and the payment terms a new customer starts with. A number once used is never used again.</p>
      </div>
      <SectionForm onSave={save}>
        <div className="settings-grid">
          <TextField id="settings-invoicing-numberFormat" label="Invoice numbers" value={form.numberFormat} onValue={set('numberFormat')} error={errors.numberFormat} hint={preview('invoice')} />
          <TextField id="settings-invoicing-creditNoteFormat" label="Credit note numbers" value={form.creditNoteFormat} onValue={set('creditNoteFormat')} error={errors.creditNoteFormat} hint={preview('creditNote')} />
          <TextField id="settings-invoicing-paymentFormat" label="Receipt numbers (payments)" value={form.paymentFormat} onValue={set('paymentFormat')} error={errors.paymentFormat} hint={preview('payment')} />
          <TextField id="settings-invoicing-quoteFormat" label="Quote numbers" value={form.quoteFormat} onValue={set('quoteFormat')} error={errors.quoteFormat} hint="Quotes and pro-forma invoices count in a series of their own." />
          <TextField id="settings-invoicing-refundFormat" label="Refund numbers" value={form.refundFormat} onValue={set('refundFormat')} error={errors.refundFormat} hint="Money paid back out of a customer’s credit." />
          <TextField
            id="settings-invoicing-deviceCode"
            label="This device’s code"
            value={form.deviceCode}
            onValue={set('deviceCode')}
            error={errors.deviceCode}
            hint="For {DEVICE}: give each laptop that issues invoices offline its own code (e.g. SHOP1, VAN2), so their numbers never collide."
          />
          <p className="field-hint field-wide">{TOKENS_HINT} Each year (and device code) counts from 1 again.</p>
          <Field id="settings-invoicing-terms" label="Payment terms for new customers" error={errors.defaultPaymentTermsDays} hint="Each customer can have their own; this is what a new one starts with.">
            <div className="inline-field">
              <select
                {...describe('settings-invoicing-terms', errors.defaultPaymentTermsDays, 'Each customer can have their own; this is what a new one starts with.')}
                value={custom ? 'custom' : form.terms}
                onChange={(e) => set('terms', 'defaultPaymentTermsDays')(e.target.value === 'custom' ? '45' : e.target.value)}
              >
                {TERM_CHOICES.map((d) => <option key={d} value={String(d)}>{paymentTermsLabel(d)}</option>)}
                <option value="custom">Other number of days…</option>
              </select>
              {custom && (
                <input
                  type="text"
                  inputMode="numeric"
                  aria-label="Days to pay"
                  className="terms-days"
                  value={form.terms}
                  aria-invalid={errors.defaultPaymentTermsDays ? true : undefined}
                  onChange={(e) => set('terms', 'defaultPaymentTermsDays')(e.target.value)}
                />
              )}
            </div>
          </Field>
        </div>
        <SectionActions busy={busy} dirty={dirty} errors={errors} saveLabel="Save numbering and terms" />
      </SectionForm>
    </section>
  );
}
