// Refund a customer's credit, in part or in full: amount (at most the credit), date, method and its
// reference. The backend refuses more than the credit; the form says so before asking.
import { useId, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain/customer';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import type { Refund } from '../../../shared/domain/refund';
import { parseMoney, type CurrencyCode } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describe, Field } from '../../components/Field';
import { MoneyInput, moneyText } from '../../components/MoneyInput';
import { todayLocal } from '../../lib/clock';
import { money } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { formFailure, NO_FAILURE, type FormFailure } from './errors';
import { useFocusFirstField } from './useFocusFirstField';
import './payments.css';

const FIELDS = ['amountMinor', 'refundedOn', 'method', 'reference', 'notes'] as const;

export interface RefundDialogProps {
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  /** The credit there is to refund. */
  creditMinor: number;
  defaultMethod?: PaymentMethod | null;
  onClose: () => void;
  onRefunded?: (refund: Refund) => void;
}

export function RefundDialog({ customerId, customerName, currency, creditMinor, defaultMethod, onClose, onRefunded }: RefundDialogProps) {
  const formId = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  // One key per content: a double click or a retry of the same refund records it once.
  const keys = useRef<{ content: string; key: string } | null>(null);
  const [amount, setAmount] = useState(() => moneyText(creditMinor, currency));
  const [refundedOn, setRefundedOn] = useState(todayLocal);
  const [method, setMethod] = useState<PaymentMethod>(defaultMethod ?? 'mpesa');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [failure, setFailure] = useState<FormFailure>(NO_FAILURE);
  const [busy, setBusy] = useState(false);
  useFocusFirstField(amountRef);

  const amountMinor = parseMoney(amount, currency);
  const localProblem =
    amount.trim() === '' ? 'Enter the amount to pay back'
      : amountMinor === null ? `Enter an amount like ${moneyText(50000, currency)}`
        : amountMinor <= 0 ? 'The amount must be more than 0'
          : amountMinor > creditMinor ? `At most ${money(creditMinor, currency)}, the credit there is`
            : null;
  const clearField = (field: string) => {
    if (failure.fields[field]) setFailure((f) => ({ ...f, fields: Object.fromEntries(Object.entries(f.fields).filter(([k]) => k !== field)) }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (localProblem || amountMinor === null) {
      amountRef.current?.focus();
      return;
    }
    if (busy) return;
    setBusy(true);
    setFailure(NO_FAILURE);
    try {
      const content = { customerId, amountMinor, refundedOn, method, reference, notes };
      const text = JSON.stringify(content);
      if (keys.current?.content !== text) keys.current = { content: text, key: crypto.randomUUID() };
      const refund = await invoke('refunds.record', { ...content, idempotencyKey: keys.current.key });
      toast.success(`Refund ${refund.number} recorded`);
      onRefunded?.(refund);
      onClose();
    } catch (error) {
      setFailure(formFailure(error, FIELDS));
      setBusy(false);
    }
  };

  const amountError = (showErrors ? localProblem : null) ?? failure.fields.amountMinor;
  const referenceLabel = method === 'mpesa' ? 'M-Pesa code' : 'Reference';
  const referenceHint = failure.fields.reference
    ? undefined
    : method === 'mpesa' ? 'The code of the money sent back, like QJK3H7Z2XP' : 'A bank or cheque reference, if there is one';

  return (
    <Dialog
      title="Refund credit"
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>{busy ? 'Recording…' : 'Record refund'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <form id={formId} className="payment-form" onSubmit={submit} noValidate>
        <p className="payment-context muted">
          To <strong>{customerName}</strong> · {money(creditMinor, currency)} of credit to refund
        </p>
        <div className="payment-grid">
          <Field id={`${formId}-amount`} label="Amount to refund" error={amountError}>
            <MoneyInput
              ref={amountRef}
              currency={currency}
              value={amount}
              onChange={(t) => {
                setAmount(t);
                clearField('amountMinor');
              }}
              placeholder={`${currency} 0.00`}
              {...describe(`${formId}-amount`, amountError)}
            />
          </Field>
          <Field id={`${formId}-date`} label="Date" error={failure.fields.refundedOn}>
            <DateInput
              label="Date refunded"
              value={refundedOn}
              max={todayLocal()}
              onValue={(value) => {
                setRefundedOn(value);
                clearField('refundedOn');
              }}
              {...describe(`${formId}-date`, failure.fields.refundedOn)}
            />
          </Field>
          <Field id={`${formId}-method`} label="Method" error={failure.fields.method}>
            <select
              value={method}
              onChange={(e) => {
                setMethod(e.target.value as PaymentMethod);
                clearField('reference');
                clearField('method');
              }}
              {...describe(`${formId}-method`, failure.fields.method)}
            >
              {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{PAYMENT_METHOD_LABELS[m]}</option>)}
            </select>
          </Field>
          <Field id={`${formId}-reference`} label={referenceLabel} hint={referenceHint} error={failure.fields.reference}>
            <input
              type="text"
              value={reference}
              autoComplete="off"
              spellCheck={false}
              className={method === 'mpesa' ? 'mpesa-code' : undefined}
              onChange={(e) => {
                setReference(method === 'mpesa' ? e.target.value.toUpperCase() : e.target.value);
                clearField('reference');
              }}
              {...describe(`${formId}-reference`, failure.fields.reference, referenceHint)}
            />
          </Field>
          <Field id={`${formId}-notes`} label="Notes" error={failure.fields.notes} className="field-wide">
            <input type="text" value={notes} onChange={(e) => setNotes(e.target.value)} {...describe(`${formId}-notes`, failure.fields.notes)} />
          </Field>
        </div>
        {amountMinor !== null && !localProblem && (
          <p className="muted" role="status">
            {amountMinor === creditMinor ? 'Refunds all of the credit.' : `${money(creditMinor - amountMinor, currency)} of credit stays with ${customerName}.`}
          </p>
        )}
        {failure.message && <ErrorNotice title="The refund was not recorded" message={failure.message} />}
      </form>
    </Dialog>
  );
}
