// "Payment instructions": how customers pay (M-Pesa, bank transfer, anything else), printed on every
// invoice and put in every message, with an example of how it reads.
import type { PaymentInstructions, SettingsView } from '../../../shared/domain/settings';
import { Field, describe } from '../../components/Field';
import { HEADINGS } from './headings';
import { bankIncomplete, exampleInvoiceNumber, paymentLines } from './paymentExample';
import { RadioGroup } from './RadioGroup';
import { SectionActions } from './SectionActions';
import { TextField } from './TextField';
import { useSettingsSection } from './useSettingsSection';
import { SectionForm } from './SectionForm';
import { appNow } from '../../lib/clock';

type MpesaKind = PaymentInstructions['mpesa']['kind'];
type BankField = keyof PaymentInstructions['bank'];

const MPESA_KINDS: { value: MpesaKind; label: string }[] = [
  { value: 'none', label: 'No M-Pesa' },
  { value: 'paybill', label: 'Paybill' },
  { value: 'till', label: 'Till (Buy Goods)' },
];
const KIND_NAME: Record<Exclude<MpesaKind, 'none'>, string> = { paybill: 'Paybill', till: 'Till' };

function check(f: PaymentInstructions): { update: { payment: PaymentInstructions }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const typed = f.mpesa.number.trim();
  // With M-Pesa off the number box is hidden: a leftover that is not a number is dropped, not refused.
  const number = f.mpesa.kind === 'none' && !/^\d{0,10}$/.test(typed) ? '' : typed;
  if (f.mpesa.kind !== 'none' && !/^\d{5,10}$/.test(typed)) {
    errors['mpesa.number'] = `Enter the ${KIND_NAME[f.mpesa.kind]} number: 5 to 10 digits, no spaces`;
  }
  const bank = Object.fromEntries(Object.entries(f.bank).map(([k, v]) => [k, v.trim()])) as PaymentInstructions['bank'];
  return { update: { payment: { mpesa: { kind: f.mpesa.kind, number }, bank: { ...bank, swift: bank.swift.toUpperCase() }, note: f.note.trim() } }, errors };
}

export function PaymentSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.payment,
    formOf: (p: PaymentInstructions) => ({ mpesa: { ...p.mpesa }, bank: { ...p.bank }, note: p.note }),
    check,
    errorPrefix: 'payment.',
    savedMessage: 'Payment instructions saved',
  });

  const setMpesa = (patch: Partial<PaymentInstructions['mpesa']>) => {
    setForm((f) => ({ ...f, mpesa: { ...f.mpesa, ...patch } }));
    clearErrors('mpesa.number', 'mpesa');
  };
  const bankField = (field: BankField, label: string, hint: string) => (
    <TextField
      id={`settings-bank-${field}`}
      label={label}
      hint={hint}
      error={errors[`bank.${field}`]}
      value={form.bank[field]}
      onValue={(value) => {
        setForm((f) => ({ ...f, bank: { ...f.bank, [field]: value } }));
        clearErrors(`bank.${field}`);
      }}
    />
  );

  const kind = form.mpesa.kind;
  const example = exampleInvoiceNumber(new Date(appNow()).getFullYear());
  const lines = paymentLines(form, example);
  const noteError = errors.note;

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.payment.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.payment.id} tabIndex={-1}>{HEADINGS.payment.title}</h2>
        <p className="muted">How customers pay you. Printed on every invoice and included in every email and text message.</p>
      </div>
      <SectionForm onSave={save}>
        <div className="settings-subsection">
          <h3>M-Pesa</h3>
          <div className="mpesa-row">
            <RadioGroup id="settings-mpesa-kind" legend="How customers pay by M-Pesa" options={MPESA_KINDS} value={kind} onChange={(k) => setMpesa({ kind: k })} />
            {kind !== 'none' && (
              <TextField
                id="settings-mpesa-number"
                label={`${KIND_NAME[kind]} number`}
                inputMode="numeric"
                autoComplete="off"
                value={form.mpesa.number}
                onValue={(number) => setMpesa({ number })}
                error={errors['mpesa.number'] ?? errors.mpesa}
                hint={
                  kind === 'paybill'
                    ? 'Customers use the invoice number as the account number, so each payment finds its invoice.'
                    : 'Buy Goods takes no account number: customers pay the Till directly.'
                }
              />
            )}
          </div>
        </div>

        <div className="settings-subsection">
          <h3>Bank transfer</h3>
          <div className="settings-grid settings-grid-3">
            {bankField('bankName', 'Bank name', 'e.g. KCB, Equity Bank')}
            {bankField('accountName', 'Account name', 'As the bank has it, e.g. Baraka Hardware Ltd')}
            {bankField('accountNumber', 'Account number', 'Bank details print only with an account number')}
            {bankField('branch', 'Branch', 'e.g. Moi Avenue')}
            {bankField('swift', 'SWIFT code', '8 or 11 letters and digits, for payments from abroad, e.g. KCBLKENX')}
          </div>
        </div>

        <div className="settings-subsection">
          <Field id="settings-payment-note" label="Other payment instructions" error={noteError} hint="Anything else, e.g. “Cheques payable to Baraka Hardware Ltd”. Up to 500 characters.">
            <textarea
              {...describe('settings-payment-note', noteError, 'hint')}
              className="payment-note"
              rows={2}
              maxLength={500}
              value={form.note}
              onChange={(e) => {
                setForm((f) => ({ ...f, note: e.target.value }));
                clearErrors('note');
              }}
            />
          </Field>
        </div>

        <figure className="payment-example" aria-labelledby="settings-payment-example-title">
          <figcaption id="settings-payment-example-title">How it prints on invoice {example}</figcaption>
          {lines.length > 0 ? (
            <ul>
              {lines.map((line) => <li key={line}>{line}</li>)}
            </ul>
          ) : (
            <p className="muted">Nothing yet: invoices will not say how to pay.</p>
          )}
          {bankIncomplete(form) && <p className="payment-example-warning">The bank details are not printed until you add the account number.</p>}
        </figure>

        <SectionActions busy={busy} dirty={dirty} errors={errors} saveLabel="Save payment instructions" />
      </SectionForm>
    </section>
  );
}
