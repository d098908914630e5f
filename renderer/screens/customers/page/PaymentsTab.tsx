import { useState } from 'react';
import { invoke } from '../../../api';
import { PAGE, useFirstRows } from './useFirstRows';
import type { Customer } from '../../../../shared/domain/customer';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/domain/invoice';
import type { PaymentListRow } from '../../../../shared/domain/payment';
import type { Refund } from '../../../../shared/domain/refund';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { errorMessage, formatDate, money, plural } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { ReversePaymentDialog } from '../../payments/ReversePaymentDialog';
import { GuardedButton } from '../../../components/Guarded';
import { ReasonDialog } from '../../payments/ReasonDialog';

/** Money received and not yet applied, and the button that applies it to unpaid invoices. */
function CreditPanel({ customer, onApplied, onRefund }: { customer: Customer; onApplied: () => void; onRefund: () => void }) {
  const [busy, setBusy] = useState(false);
  const credit = customer.financials.creditMinor;
  const excess = customer.financials.refundExcessMinor;
  if (excess > 0) {
    return (
      <div className="notice notice-warning" role="group" aria-label="Refunded more than the credit">
        <p className="notice-title">Refunded more than the credit: {money(excess, customer.currency)}</p>
        <p>
          Refunds recorded on two computers (or a payment reversed after its credit was refunded) paid back more than {customer.name} had.
          Recover the money from them, or reverse a refund that did not happen.
        </p>
      </div>
    );
  }
  if (credit <= 0) return null;
  const apply = async () => {
    setBusy(true);
    try {
      const result = await invoke('payments.applyCredit', { customerId: customer.id });
      if (result.appliedMinor === 0) toast.info('There are no unpaid invoices to apply the credit to');
      else {
        const left = result.creditLeftMinor > 0 ? `; ${money(result.creditLeftMinor, customer.currency)} credit left` : '';
        toast.success(`Applied ${money(result.appliedMinor, customer.currency)} of credit${left}`);
      }
      onApplied();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const canApply = customer.financials.outstandingMinor > 0;
  return (
    <div className="credit-panel" role="group" aria-label="Credit">
      <div>
        <p className="credit-amount">{money(credit, customer.currency)} credit</p>
        <p className="muted">
          {canApply
            ? 'Money received and not yet applied. Apply it to unpaid invoices, oldest due first.'
            : 'Money received and not yet applied. It will be there to apply when the next invoice is issued.'}
        </p>
      </div>
      <div className="credit-actions">
        <GuardedButton action="payments.record" className="btn" onClick={() => void apply()} disabled={busy || !canApply}>
          {busy ? 'Applying…' : 'Apply credit'}
        </GuardedButton>
        <GuardedButton action="payments.reverse" className="btn" onClick={onRefund} aria-keyshortcuts="R" title="Refund credit (R)">
          Refund credit
        </GuardedButton>
      </div>
    </div>
  );
}

/** The customer's refunds, newest first, each reversible with a reason. */
function RefundsSection({ customer, refreshToken, onChanged }: { customer: Customer; refreshToken: number; onChanged: () => void }) {
  const { rows, error } = useFirstRows(
    (offset: number, limit: number) => invoke('refunds.list', { customerId: customer.id, offset, limit }),
    customer.id,
    refreshToken,
  );
  const [reversing, setReversing] = useState<Refund | null>(null);
  if (error) return <ErrorNotice title="Refunds could not be loaded" message={error} />;
  if (!rows || rows.length === 0) return null;
  return (
    <section className="refunds-section" aria-labelledby="customer-refunds-heading">
      <h3 id="customer-refunds-heading">Refunds</h3>
      <div className="table-wrap">
        <table className="data-table billing-table" aria-label={`Refunds to ${customer.name}`}>
          <thead>
            <tr>
              <th scope="col">Refund</th>
              <th scope="col">Date</th>
              <th scope="col">Method</th>
              <th scope="col">Reference</th>
              <th scope="col">Notes</th>
              <th scope="col" className="num">Amount</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const reversed = r.status === 'reversed';
              return (
                <tr key={r.id} className={reversed ? 'row-reversed' : undefined}>
                  <td className="nowrap">
                    <span className="struck">{r.number}</span>
                    {reversed && <> <span className="badge badge-reversed" title={r.reversalReason ?? undefined}>Reversed</span></>}
                  </td>
                  <td className="nowrap"><span className="struck">{formatDate(r.refundedOn)}</span></td>
                  <td><span className="struck">{PAYMENT_METHOD_LABELS[r.method]}</span></td>
                  <td><span className="struck code">{r.reference || '—'}</span></td>
                  <td>{reversed ? <span className="cell-note">Reversed: {r.reversalReason}</span> : r.notes || '—'}</td>
                  <td className="num nowrap"><span className="struck">{money(r.amountMinor, r.currency)}</span></td>
                  <td className="row-actions">
                    {!reversed && (
                      <button type="button" className="btn btn-small" aria-label={`Reverse ${r.number}`} onClick={() => setReversing(r)}>
                        Reverse
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {reversing && (
        <ReasonDialog
          title="Reverse refund"
          confirmLabel="Reverse refund"
          busyLabel="Reversing…"
          reasonHint="For example: the M-Pesa transfer bounced back, recorded twice"
          onClose={() => setReversing(null)}
          onConfirm={async (reason) => {
            const done = await invoke('refunds.reverse', { id: reversing.id, reason });
            toast.success(`Refund ${done.number} reversed`);
            onChanged();
            setReversing(null);
          }}
        >
          <p>
            Reverse <strong>{reversing.number}</strong>, {money(reversing.amountMinor, reversing.currency)} paid back {formatDate(reversing.refundedOn)}?
            The money becomes {customer.name}’s credit again. The refund stays in the records, marked reversed.
          </p>
        </ReasonDialog>
      )}
    </section>
  );
}

export function PaymentsTab({ customer, refreshToken, onChanged, onRefund }: { customer: Customer; refreshToken: number; onChanged: () => void; onRefund: () => void }) {
  const { rows, total, error, showMore } = useFirstRows(
    (offset: number, limit: number) => invoke('payments.list', { customerId: customer.id, includeReversed: true, offset, limit }),
    customer.id,
    refreshToken,
  );
  const [reversing, setReversing] = useState<PaymentListRow | null>(null);

  // The page fetches the customer again, and its new refresh token fetches this list again.
  const changed = onChanged;

  const fmt = (minor: number, currency: string) => money(minor, currency);
  return (
    <>
      <CreditPanel customer={customer} onApplied={changed} onRefund={onRefund} />
      <div className="section-header">
        <p className="muted section-count">{rows ? plural(total, 'payment') : ''}</p>
        <span className="muted">Record a payment with the button at the top (or press P).</span>
      </div>
      {error && <ErrorNotice title="Payments could not be loaded" message={error} />}
      {!error && !rows && <Loading label="Loading payments…" />}
      {rows && rows.length === 0 && (
        <p className="muted">No payments from {customer.name} yet. Record one when money arrives; it pays their oldest invoices first.</p>
      )}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table billing-table" aria-label={`Payments from ${customer.name}`}>
            <thead>
              <tr>
                <th scope="col">Receipt</th>
                <th scope="col">Date</th>
                <th scope="col">Method</th>
                <th scope="col">Reference</th>
                <th scope="col">Paid invoices</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const reversed = p.status === 'reversed';
                return (
                  <tr key={p.id} className={reversed ? 'row-reversed' : undefined}>
                    <td className="nowrap">
                      <span className="struck">{p.number}</span>
                      {reversed && <> <span className="badge badge-reversed">Reversed</span></>}
                    </td>
                    <td className="nowrap"><span className="struck">{formatDate(p.paidOn)}</span></td>
                    <td><span className="struck">{PAYMENT_METHOD_LABELS[p.method]}</span></td>
                    <td><span className="struck code">{p.reference || '—'}</span></td>
                    <td>
                      <span className="struck">{p.invoiceNumbers.length > 0 ? p.invoiceNumbers.join(', ') : '—'}</span>
                      {p.unallocatedMinor > 0 && !reversed && (
                        <span className="cell-note">{fmt(p.unallocatedMinor, p.currency)} kept as credit</span>
                      )}
                    </td>
                    <td className="num nowrap"><span className="struck">{fmt(p.amountMinor, p.currency)}</span></td>
                    <td className="row-actions">
                      {!reversed && (
                        <GuardedButton action="payments.reverse" className="btn btn-small" aria-label={`Reverse ${p.number}`} onClick={() => setReversing(p)}>
                          Reverse
                        </GuardedButton>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows && rows.length < total && (
        <p className="show-more">
          <button type="button" className="btn" onClick={showMore}>
            Show {Math.min(PAGE, total - rows.length)} more of {plural(total - rows.length, 'older payment')}
          </button>
        </p>
      )}
      <RefundsSection customer={customer} refreshToken={refreshToken} onChanged={changed} />
      {reversing && <ReversePaymentDialog payment={reversing} onClose={() => setReversing(null)} onReversed={changed} />}
    </>
  );
}
