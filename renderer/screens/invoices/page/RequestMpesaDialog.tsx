// Rings the customer's phone with an M-Pesa prompt for this invoice: the number (the customer's, to
// start with) and the amount (what is still owed, or part of it).
import { useState } from 'react';
import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { Dialog } from '../../../components/Dialog';
import { describe, Field } from '../../../components/Field';
import { errorMessage, money } from '../../../lib/format';
import { parseMoney } from '../../../../shared/money';
import { toast } from '../../../stores/toasts';

interface RequestMpesaDialogProps {
  invoice: Invoice;
  onClose: () => void;
  onAsked: () => void;
}

export function RequestMpesaDialog({ invoice, onClose, onAsked }: RequestMpesaDialogProps) {
  const [phone, setPhone] = useState(invoice.customer.phone ?? '');
  const [amount, setAmount] = useState((invoice.balanceMinor / 100).toFixed(2));
  const [errors, setErrors] = useState<{ phone?: string; amount?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const amountMinor = parseMoney(amount, invoice.currency);
    const problems: typeof errors = {};
    if (phone.replace(/\D/g, '').length < 9) problems.phone = 'Enter the M-Pesa number, like 0722 123456';
    if (amountMinor === null || amountMinor <= 0) problems.amount = 'Enter an amount in shillings, like 15,000';
    else if (amountMinor > invoice.balanceMinor) problems.amount = `At most what is owed, ${money(invoice.balanceMinor, invoice.currency)}`;
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await invoke('cloudPayments.requestMpesa', { invoiceId: invoice.id, phone, amountMinor: amountMinor! });
      toast.success('The customer’s phone is ringing with the M-Pesa prompt. The invoice shows paid once they enter their PIN.');
      onAsked();
    } catch (e) {
      setErrors({ form: errorMessage(e) });
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Ask for M-Pesa payment"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy}>{busy ? 'Sending the prompt…' : 'Send the prompt'}</button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
        </>
      }
    >
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p>
          The customer gets a prompt on their phone for invoice <strong>{invoice.number}</strong> and pays by entering their M-Pesa PIN.
          Still owed: {money(invoice.balanceMinor, invoice.currency)}.
        </p>
        <Field id="mpesa-phone" label="Customer’s M-Pesa number" error={errors.phone} hint="A Kenyan mobile number: 0722 123456 or +254 722 123456">
          <input {...describe('mpesa-phone', errors.phone, 'x')} type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field id="mpesa-amount" label="Amount (KES)" error={errors.amount} hint="M-Pesa takes whole shillings; cents are rounded up and kept as the customer’s credit">
          <input {...describe('mpesa-amount', errors.amount, 'x')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
      </form>
    </Dialog>
  );
}
