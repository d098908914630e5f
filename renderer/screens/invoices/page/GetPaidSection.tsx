// How this invoice gets paid online, through Billbook Cloud: the customer's link (copy, open), an
// M-Pesa prompt to the customer's phone, a Paystack "Pay now" link, and each request with what
// happened to it in words ("Cancelled by the customer", "Paid: M-Pesa QK7X…"). Refreshes when a
// sync brings the Cloud's answer.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { InvoiceGettingPaid, InvoicePaymentRequest } from '../../../../shared/channels/cloudPayments';
import type { Invoice } from '../../../../shared/domain/invoice';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { GuardedButton } from '../../../components/Guarded';
import { Loading } from '../../../components/Loading';
import { errorMessage, formatDateTime, money } from '../../../lib/format';
import { useEventCount } from '../../../lib/useEventCount';
import { useRemote } from '../../../lib/useRemote';
import { toast } from '../../../stores/toasts';
import { RequestMpesaDialog } from './RequestMpesaDialog';

const STATUS_WORDS: Record<InvoicePaymentRequest['status'], string> = { pending: 'Waiting', paid: 'Paid', failed: 'Not paid', cancelled: 'Cancelled' };

export function GetPaidSection({ invoice }: { invoice: Invoice }) {
  const synced = useEventCount('sync.applied', ({ invoiceIds }) => invoiceIds.length === 0 || invoiceIds.includes(invoice.id));
  const state = useRemote<InvoiceGettingPaid>(() => invoke('cloudPayments.forInvoice', { invoiceId: invoice.id }), `${invoice.id}:${synced}`);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState<'share' | 'paystack' | null>(null);
  const owes = invoice.balanceMinor > 0 && invoice.status !== 'void';

  const share = async () => {
    setBusy('share');
    try {
      const answer = await invoke('cloudPayments.shareInvoice', { invoiceId: invoice.id });
      state.set(answer);
      if (answer.link) {
        await navigator.clipboard?.writeText(answer.link).catch(() => undefined);
        toast.success('Link copied. The customer’s page has the invoice’s PDF.');
      }
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const paystack = async () => {
    setBusy('paystack');
    try {
      const made = await invoke('cloudPayments.paystackLink', { invoiceId: invoice.id });
      await navigator.clipboard?.writeText(made.url).catch(() => undefined);
      toast.success('Paystack link made and copied: send it to the customer.');
      state.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="invoice-section invoice-get-paid" aria-labelledby="invoice-get-paid-heading">
      <div className="section-head">
        <h2 id="invoice-get-paid-heading">Get paid online</h2>
      </div>
      {state.state === 'loading' && <Loading label="Loading…" />}
      {state.state === 'failed' && (
        <ErrorNotice title="Online payments could not be loaded" message={state.message}>
          <button type="button" className="btn" onClick={state.reload}>Try again</button>
        </ErrorNotice>
      )}
      {state.state === 'ready' && (
        <>
          {state.value.link ? (
            <div className="get-paid-link">
              <label htmlFor="invoice-customer-link">Customer’s link</label>
              <div className="get-paid-link-row">
                <input id="invoice-customer-link" readOnly value={state.value.link} onFocus={(e) => e.currentTarget.select()} />
                <GuardedButton action="invoices.send" className="btn" onClick={() => void share()} disabled={busy !== null}>
                  {busy === 'share' ? 'Sharing…' : 'Copy link'}
                </GuardedButton>
                <a className="btn btn-quiet" href={state.value.link} target="_blank" rel="noreferrer">Open</a>
              </div>
              <p className="field-hint">The customer sees this invoice, what is still owed, its PDF and how to pay. Emails, SMS and PDFs of this invoice carry it (with a QR code on the PDF) while something is owed; copy it for WhatsApp.</p>
            </div>
          ) : (
            <p className="muted">{state.value.linkNote}</p>
          )}
          {!state.value.link && state.value.linkNote?.includes('Share link') && (
            <GuardedButton action="invoices.send" className="btn" onClick={() => void share()} disabled={busy !== null}>Share link</GuardedButton>
          )}
          {state.value.link && owes && (
            <div className="get-paid-actions">
              <GuardedButton action="invoices.send" className="btn btn-primary" onClick={() => setAsking(true)}>
                Ask for M-Pesa payment…
              </GuardedButton>
              <GuardedButton action="invoices.send" className="btn" onClick={() => void paystack()} disabled={busy !== null}>
                {busy === 'paystack' ? 'Making the link…' : 'Make a Paystack link'}
              </GuardedButton>
            </div>
          )}
          {state.value.requests.length > 0 && (
            <table className="data-table get-paid-requests">
              <caption className="visually-hidden">Requests for payment on this invoice</caption>
              <thead>
                <tr><th scope="col">Asked</th><th scope="col">How</th><th scope="col" className="num">Amount</th><th scope="col">Status</th><th scope="col">What happened</th></tr>
              </thead>
              <tbody>
                {state.value.requests.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.kind === 'stk' ? `M-Pesa prompt to ${r.phone}` : 'Paystack link'}</td>
                    <td className="num">{money(r.amountMinor, r.currency)}</td>
                    <td><span className={`badge badge-request-${r.status}`}>{STATUS_WORDS[r.status]}</span></td>
                    <td>{r.resultText}{r.kind === 'paystack' && r.url && r.status === 'pending' ? <> · <a href={r.url} target="_blank" rel="noreferrer">the link</a></> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {asking && (
        <RequestMpesaDialog
          invoice={invoice}
          onClose={() => setAsking(false)}
          onAsked={() => {
            setAsking(false);
            state.reload();
          }}
        />
      )}
    </section>
  );
}
