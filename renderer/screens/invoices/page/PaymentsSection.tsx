import { useState } from 'react';
import { invoke } from '../../../api';
import type { Invoice, InvoicePaymentEntry } from '../../../../shared/domain/invoice';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/domain/invoice';
import { formatDate, money } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { ReasonDialog } from '../../payments/ReasonDialog';
import { GuardedButton } from '../../../components/Guarded';

/** Takes one payment off this invoice: the invoice owes that again and the money becomes the customer's credit. */
function UnapplyDialog({ invoice, entry, onClose }: { invoice: Invoice; entry: InvoicePaymentEntry; onClose: () => void }) {
  const amount = money(entry.amountMinor, invoice.currency);
  return (
    <ReasonDialog
      title="Take payment off this invoice"
      confirmLabel="Take it off"
      busyLabel="Taking it off…"
      reasonHint="For example: applied to the wrong invoice"
      onClose={onClose}
      onConfirm={async (reason) => {
        await invoke('payments.unapply', { paymentId: entry.paymentId, invoiceId: invoice.id, reason });
        toast.success(`${amount} of ${entry.paymentNumber} is now ${invoice.customer.name}'s credit`);
        onClose();
      }}
    >
      <p>
        {invoice.number} will owe {amount} again. The money of {entry.paymentNumber} stays recorded and becomes{' '}
        {invoice.customer.name}'s credit, to apply to another invoice. Use this to correct a settled invoice: take the payment off,
        then void or credit it.
      </p>
    </ReasonDialog>
  );
}

export function PaymentsSection({ invoice }: { invoice: Invoice }) {
  const fmt = (minor: number) => money(minor, invoice.currency);
  const [unapplying, setUnapplying] = useState<InvoicePaymentEntry | null>(null);
  const canUnapply = invoice.status !== 'void' && invoice.status !== 'draft';
  if (invoice.payments.length === 0) {
    return <p className="muted">No payments yet.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table invoice-payments" aria-label="Payments on this invoice">
        <thead>
          <tr>
            <th scope="col">Receipt</th>
            <th scope="col">Date</th>
            <th scope="col">Method</th>
            <th scope="col">Reference</th>
            <th scope="col" className="num">Amount</th>
            {canUnapply && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {invoice.payments.map((p) => (
            <tr key={`${p.paymentId}-${p.allocatedOn}`} className={p.reversed ? 'row-reversed' : undefined}>
              <td>
                <span className="struck">{p.paymentNumber}</span>
                {p.reversed && <> <span className="badge badge-reversed">Reversed</span></>}
              </td>
              <td><span className="struck">{formatDate(p.allocatedOn)}</span></td>
              <td><span className="struck">{PAYMENT_METHOD_LABELS[p.method]}</span></td>
              <td><span className="struck code">{p.reference || '—'}</span></td>
              <td className="num">
                <span className="struck">{fmt(p.amountMinor)}</span>
                {!p.reversed && p.appliedMinor > p.amountMinor && (
                  <span className="applied-note muted">of {fmt(p.appliedMinor)} applied</span>
                )}
              </td>
              {canUnapply && (
                <td>
                  {!p.reversed && (
                    <GuardedButton action="payments.reverse" className="btn btn-small" aria-label={`Take ${p.paymentNumber} off this invoice`} onClick={() => setUnapplying(p)}>
                      Unapply
                    </GuardedButton>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {unapplying && <UnapplyDialog invoice={invoice} entry={unapplying} onClose={() => setUnapplying(null)} />}
    </div>
  );
}
