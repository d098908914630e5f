import { useId, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { parseMoney } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { describe, Field } from '../../../components/Field';
import { MoneyInput, moneyText } from '../../../components/MoneyInput';
import { money } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { formFailure, NO_FAILURE, type FormFailure } from '../../payments/errors';
import { useFocusFirstField } from '../../payments/useFocusFirstField';
import '../../payments/payments.css';

interface CreditNoteDialogProps {
  invoice: Invoice;
  onClose: () => void;
  onIssued: () => void;
}

/** Credits part or all of an invoice: the invoice stays as it was, and owes less. */
export function CreditNoteDialog({ invoice, onClose, onIssued }: CreditNoteDialogProps) {
  const formId = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  const { currency } = invoice;
  const [amount, setAmount] = useState(() => (invoice.balanceMinor > 0 ? moneyText(invoice.balanceMinor, currency) : ''));
  const [reason, setReason] = useState('');
  // Returning only exempt goods must not credit VAT: the person can say which rate the credit is for.
  const rates = invoice.totals.taxSummary;
  const [rate, setRate] = useState('all');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure>(NO_FAILURE);
  useFocusFirstField(amountRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const amountMinor = parseMoney(amount, currency);
    const fields: Record<string, string> = {};
    if (amount.trim() === '') fields.amountMinor = 'Enter the amount to credit';
    else if (amountMinor === null) fields.amountMinor = `Enter an amount like ${moneyText(150000, currency)}`;
    else if (amountMinor <= 0) fields.amountMinor = 'The amount must be more than 0';
    if (reason.trim() === '') fields.reason = 'A reason is required: it is printed on the credit note';
    if (Object.keys(fields).length > 0 || amountMinor === null) {
      setFailure({ fields, message: null });
      return;
    }
    setBusy(true);
    setFailure(NO_FAILURE);
    try {
      const chosen = rates.find((r) => String(r.taxRateBp) === rate);
      const note = await invoke('invoices.creditNote', {
        invoiceId: invoice.id,
        reason: reason.trim(),
        ...(chosen ? { byRate: [{ taxRateBp: chosen.taxRateBp, amountMinor }] } : { amountMinor }),
      });
      toast.success(`Credit note ${note.number} issued for ${money(note.amountMinor, note.currency)}`);
      onIssued();
      onClose();
    } catch (error) {
      setFailure(formFailure(error, ['amountMinor', 'reason', 'byRate']));
      setBusy(false);
    }
  };

  const amountError = failure.fields.amountMinor;
  const reasonError = failure.fields.reason;
  const hint = `Tax included. ${money(invoice.balanceMinor, currency)} is still owed.`;
  return (
    <Dialog
      title="Credit note"
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>{busy ? 'Issuing…' : 'Issue credit note'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="reason-form">
        <p>Credit part or all of <strong>{invoice.number}</strong>. The invoice is kept as issued; the credit note reduces what it owes.</p>
        <Field id={`${formId}-amount`} label="Amount" hint={hint} error={amountError}>
          <MoneyInput ref={amountRef} currency={currency} value={amount} onChange={setAmount} {...describe(`${formId}-amount`, amountError, hint)} />
        </Field>
        {rates.length > 1 && (
          <Field id={`${formId}-rate`} label="Credited at" hint="Which tax rate the returned items were billed at" error={failure.fields.byRate}>
            <select value={rate} onChange={(e) => setRate(e.target.value)} {...describe(`${formId}-rate`, failure.fields.byRate, 'Which tax rate the returned items were billed at')}>
              <option value="all">Every rate, in proportion to the invoice</option>
              {rates.map((r) => (
                <option key={String(r.taxRateBp)} value={String(r.taxRateBp)}>
                  {r.taxRateBp === null ? 'Exempt items only' : `${taxRateLabel(r.taxRateBp)} VAT items only`}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${formId}-reason`} label="Reason" error={reasonError}>
          <textarea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} {...describe(`${formId}-reason`, reasonError)} />
        </Field>
        {failure.message && <ErrorNotice title="The credit note was not issued" message={failure.message} />}
      </form>
    </Dialog>
  );
}
