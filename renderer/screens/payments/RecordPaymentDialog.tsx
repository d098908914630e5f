// Record a payment: amount, date, method, reference, and where the money goes.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { PaymentMethod } from '../../../shared/domain/customer';
import { PAYMENT_METHODS } from '../../../shared/domain/customer';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import type { Payment } from '../../../shared/domain/payment';
import { parseMoney, type CurrencyCode } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describe, Field } from '../../components/Field';
import { MoneyInput, moneyText } from '../../components/MoneyInput';
import { errorMessage, formatDate, money } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { toast } from '../../stores/toasts';
import { AllocationTable } from './AllocationTable';
import { applyEdits, fetchPlan, type Plan, type PreselectedInvoice } from './allocation';
import { todayLocal } from '../../lib/clock';
import { formFailure, NO_FAILURE, type FormFailure } from './errors';
import { useFocusFirstField } from './useFocusFirstField';
import './payments.css';
import { DateInput } from '../../components/DateInput';

export interface RecordPaymentDialogProps {
  customerId: string;
  customerName?: string;
  currency: CurrencyCode;
  /** Opened from an invoice: it is paid first, and its balance is the amount offered. */
  invoice?: PreselectedInvoice;
  defaultMethod?: PaymentMethod | null;
  onClose: () => void;
  onRecorded?: (payment: Payment) => void;
}

const FIELDS = ['amountMinor', 'paidOn', 'method', 'reference', 'notes', 'allocations'] as const;

function amountProblem(text: string, currency: CurrencyCode): string | null {
  if (text.trim() === '') return 'Enter the amount received';
  const minor = parseMoney(text, currency);
  if (minor === null) return `Enter an amount like ${moneyText(150000, currency)}`;
  if (minor <= 0) return 'The amount must be more than 0';
  return null;
}

/** The backend's proposal for the amount, once it has stopped changing; `retry` asks again after a failure. */
function usePlan(customerId: string, amountMinor: number | null, invoice: PreselectedInvoice | undefined) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  const settled = useDebounced(amountMinor, 250);
  const invoiceKey = invoice ? `${invoice.id}:${invoice.balanceMinor}` : '';
  const invoiceRef = useRef(invoice);
  useEffect(() => {
    invoiceRef.current = invoice;
  });
  useEffect(() => {
    if (settled === null || settled <= 0) return;
    let live = true;
    fetchPlan(customerId, settled, invoiceRef.current).then(
      (p) => {
        if (!live) return;
        setPlan(p);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [customerId, settled, invoiceKey, asked]);
  const retry = useCallback(() => {
    setError(null);
    setAsked((n) => n + 1);
  }, []);
  return { plan, error, retry };
}

/** A retry of the same payment keeps its key (the backend records it once); any change gets a new one. */
function useIdempotencyKey() {
  const last = useRef<{ content: string; key: string } | null>(null);
  return useCallback((content: string) => {
    if (last.current?.content !== content) last.current = { content, key: crypto.randomUUID() };
    return last.current.key;
  }, []);
}

export function RecordPaymentDialog({ customerId, customerName, currency, invoice, defaultMethod, onClose, onRecorded }: RecordPaymentDialogProps) {
  const formId = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  // A double click or a retry after a lost answer records one payment; a retry after an edit is a new one.
  const keyFor = useIdempotencyKey();
  const [amount, setAmount] = useState(() => (invoice && invoice.balanceMinor > 0 ? moneyText(invoice.balanceMinor, currency) : ''));
  const [paidOn, setPaidOn] = useState(todayLocal);
  const [method, setMethod] = useState<PaymentMethod>(defaultMethod ?? 'mpesa');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [showErrors, setShowErrors] = useState(false);
  const [failure, setFailure] = useState<FormFailure>(NO_FAILURE);
  const [busy, setBusy] = useState(false);
  useFocusFirstField(amountRef);

  const amountMinor = parseMoney(amount, currency);
  const localAmountProblem = amountProblem(amount, currency);
  const { plan, error: planError, retry: retryPlan } = usePlan(customerId, localAmountProblem ? null : amountMinor, invoice);
  const fmt = (minor: number) => money(minor, currency);
  // The plan for the amount typed; until it arrives the previous one stays on screen, dimmed and
  // read-only, and nothing can be recorded: what is recorded is the split shown.
  const current = plan && amountMinor !== null && plan.amountMinor === amountMinor ? plan : null;
  const stale = plan !== null && current === null;

  // A new amount spreads the money again: the person's edits were for the old one.
  const planAmount = plan?.amountMinor;
  useEffect(() => {
    setOverrides({});
  }, [planAmount]);

  const state = useMemo(() => (plan ? applyEdits(plan, overrides, currency, (m) => money(m, currency)) : null), [plan, overrides, currency]);

  const clearField = (field: string) => {
    if (failure.fields[field]) setFailure((f) => ({ ...f, fields: Object.fromEntries(Object.entries(f.fields).filter(([k]) => k !== field)) }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (localAmountProblem || amountMinor === null) {
      amountRef.current?.focus();
      return;
    }
    if (busy || !current) return;
    const applied = applyEdits(current, overrides, currency, fmt);
    if (!applied.valid) return;
    setBusy(true);
    setFailure(NO_FAILURE);
    try {
      const edited = Object.keys(overrides).length > 0;
      const allocations = invoice || edited
        ? applied.rows
          .filter((r) => r.appliedMinor !== null && r.appliedMinor > 0)
          .map((r) => ({ invoiceId: r.row.invoiceId, amountMinor: r.appliedMinor! }))
        : undefined;
      const content = { customerId, amountMinor, paidOn, method, reference, notes, ...(allocations ? { allocations } : {}) };
      const payment = await invoke('payments.record', { ...content, idempotencyKey: keyFor(JSON.stringify(content)) });
      toast.success(`Payment ${payment.number} recorded`);
      onRecorded?.(payment);
      onClose();
    } catch (error) {
      setFailure(formFailure(error, FIELDS));
      setBusy(false);
    }
  };

  const amountError = (showErrors ? localAmountProblem : null) ?? failure.fields.amountMinor;
  const referenceLabel = method === 'mpesa' ? 'M-Pesa code' : 'Reference';
  // The error replaces the hint when it says the same thing better.
  const referenceHint = failure.fields.reference
    ? undefined
    : method === 'mpesa' ? '10 letters and digits, like QJK3H7Z2XP' : 'A bank, card or cheque reference, if there is one';
  // Waiting for the split of the amount typed also blocks; a wrong amount does not, so pressing the
  // button can say what is wrong with it.
  const blocked = busy || (!localAmountProblem && (current === null || (state !== null && !state.valid)));

  return (
    <Dialog
      title="Record payment"
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="btn btn-primary" disabled={blocked}>
            {busy ? 'Recording…' : 'Record payment'}
          </button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <form id={formId} className="payment-form" onSubmit={submit} noValidate>
        {(customerName || invoice) && (
          <p className="payment-context muted">
            {customerName && <>From <strong>{customerName}</strong></>}
            {customerName && invoice && ' · '}
            {invoice && <>For {invoice.number}, {fmt(invoice.balanceMinor)} due {formatDate(invoice.dueDate)}</>}
          </p>
        )}
        <div className="payment-grid">
          <Field id={`${formId}-amount`} label="Amount" error={amountError}>
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
          <Field id={`${formId}-date`} label="Date" error={failure.fields.paidOn}>
            <DateInput label="Date paid"
              
              value={paidOn}
              max={todayLocal()}
              onValue={(value) => {
                setPaidOn(value);
                clearField('paidOn');
              }}
              {...describe(`${formId}-date`, failure.fields.paidOn)}
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
        <section className="payment-allocation" aria-labelledby={`${formId}-alloc`}>
          <h3 id={`${formId}-alloc`}>Where it goes</h3>
          {localAmountProblem ? (
            <p className="muted">Enter the amount to see which invoices it pays.</p>
          ) : planError ? (
            <div className="allocation-failed" role="alert">
              <p className="field-error">Which invoices it pays could not be worked out: {planError}</p>
              <button type="button" className="btn btn-small" onClick={retryPlan}>Try again</button>
            </div>
          ) : state ? (
            <div className={stale ? 'allocation-stale' : undefined} aria-busy={stale ? true : undefined}>
              {stale && <p className="muted allocation-waiting" role="status">Working out where the new amount goes…</p>}
              <AllocationTable
                state={state}
                currency={currency}
                readOnly={stale}
                overrides={overrides}
                onEdit={(id, text) => {
                  setOverrides((o) => ({ ...o, [id]: text }));
                  clearField('allocations');
                }}
                error={failure.fields.allocations}
              />
            </div>
          ) : (
            <p className="muted" aria-busy="true">Working out which invoices it pays…</p>
          )}
        </section>
        {failure.message && <ErrorNotice title="The payment was not recorded" message={failure.message} />}
      </form>
    </Dialog>
  );
}
