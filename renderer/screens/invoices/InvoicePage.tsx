// One invoice, read-only: header and actions, lines and totals, payments, credit notes, history.
import { useState } from 'react';
import { invoke } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate, formatDateTime } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { toast } from '../../stores/toasts';
import { useCan } from '../../lib/useCan';
import { RecordPaymentDialog } from '../payments/RecordPaymentDialog';
import { SendDialog } from '../sending/SendDialog';
import { useSendShortcut } from '../sending/useSendShortcut';
import { CreditNoteDialog } from './page/CreditNoteDialog';
import { CreditNotesSection } from './page/CreditNotesSection';
import { DeliverySection } from './page/DeliverySection';
import { GetPaidSection } from './page/GetPaidSection';
import { EtimsSection } from './page/EtimsSection';
import { InvoiceFacts } from './page/InvoiceFacts';
import { allowedActions, InvoiceHeader, type InvoiceAction } from './page/InvoiceHeader';
import { LinesTable } from './page/LinesTable';
import { PdfPreviewDialog } from './page/pdf/PdfPreviewDialog';
import { PaymentsSection } from './page/PaymentsSection';
import { Timeline } from './page/Timeline';
import { TotalsTable } from './page/TotalsTable';
import { useInvoice } from './page/useInvoice';
import { usePaymentShortcut } from './page/usePaymentShortcut';
import { VoidDialog } from './page/VoidDialog';
import { ScheduleDialog } from '../recurring/ScheduleDialog';
import './invoices.css';

/** The same day next month: where a monthly schedule made from an invoice starts. */
function nextMonth(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

type OpenDialog = 'payment' | 'credit' | 'void' | 'send' | 'pdf' | null;

export function InvoicePage({ id }: { id: string }) {
  const { invoice, setInvoice, error, reload } = useInvoice(id);
  const [scheduling, setScheduling] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [duplicating, setDuplicating] = useState(false);
  const mayPay = useCan('payments.record').allowed;
  const maySend = useCan(invoice?.status === 'draft' ? 'invoices.finalize' : 'invoices.send').allowed;
  const canPay = invoice !== null && allowedActions(invoice).has('payment') && mayPay;
  usePaymentShortcut(canPay && dialog === null, () => setDialog('payment'));
  const canSend = invoice !== null && allowedActions(invoice).has('send') && maySend;
  useSendShortcut(canSend && dialog === null, () => setDialog('send'), 'e');

  if (error && !invoice) {
    return (
      <section className="screen">
        <h1>Invoice not found</h1>
        <ErrorNotice title="This invoice could not be opened" message={error}>
          <a className="btn" href={paths.invoices()}>Back to invoices</a>
        </ErrorNotice>
      </section>
    );
  }
  if (!invoice) {
    return (
      <section className="screen">
        <h1>Invoice</h1>
        <Loading label="Loading invoice…" />
      </section>
    );
  }

  const duplicate = async () => {
    setDuplicating(true);
    try {
      const draft = await invoke('drafts.duplicate', { invoiceId: invoice.id });
      toast.success(`Copied ${invoice.number ?? 'the draft'} into a new draft dated ${formatDate(draft.issueDate)}`);
      navigate(paths.draftEdit(draft.id));
    } catch (e) {
      toast.error(errorMessage(e));
      setDuplicating(false);
    }
  };

  const onAction = (action: InvoiceAction) => {
    if (action === 'duplicate') void duplicate();
    else setDialog(action);
  };

  const close = () => setDialog(null);
  const isDraft = invoice.status === 'draft';

  return (
    <section className="screen invoice-page">
      <InvoiceHeader invoice={invoice} busy={duplicating} onAction={onAction} />
      {error && (
        <ErrorNotice title="This invoice could not be refreshed" message={`${error} What is shown may be out of date.`}>
          <button type="button" className="btn" onClick={reload}>Retry</button>
        </ErrorNotice>
      )}
      {invoice.status === 'void' && (
        <div className="notice notice-warning">
          <p className="notice-title">Void</p>
          <p>
            Voided {invoice.voidedAt ? formatDateTime(invoice.voidedAt) : ''}
            {invoice.voidReason ? <>: “{invoice.voidReason}”</> : null}. It owes nothing and is kept for the record.
          </p>
        </div>
      )}
      {isDraft && (
        <div className="notice notice-info">
          <p>
            This is a draft: it has no number and is not owed yet. <a href={paths.draftEdit(invoice.id)}>Edit the draft</a> to
            change it and finalize it, or use Send… to finalize it and send it.
          </p>
        </div>
      )}
      <InvoiceFacts invoice={invoice} />
      {invoice.fromQuote && (
        <p className="muted invoice-from-quote">
          Converted from quote <a href={paths.quotes()}>{invoice.fromQuote.number}</a>
        </p>
      )}
      {!isDraft && invoice.status !== 'void' && (
        <p className="invoice-schedule">
          {invoice.recurring ? (
            <span className="muted">Made by a <a href={paths.customerTab(invoice.customer.id, 'recurring')}>recurring schedule</a> for {formatDate(invoice.recurring.periodOn)}.</span>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setScheduling(true)}>Make this a schedule</button>
          )}
        </p>
      )}
      {scheduling && (
        <ScheduleDialog
          seed={{
            customerId: invoice.customer.id, customerName: invoice.customer.name, currency: invoice.currency, pricesIncludeTax: invoice.pricesIncludeTax,
            discount: invoice.discount, startDate: nextMonth(invoice.issueDate), baseDate: invoice.issueDate, cadence: 'monthly', totalMinor: invoice.totals.totalMinor,
            lines: invoice.lines.map((l) => ({ description: l.description, quantityMilli: l.quantityMilli, unit: l.unit, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp, priceIncludesTax: l.priceIncludesTax, itemId: l.itemId })),
          }}
          onClose={() => setScheduling(false)}
          onCreated={() => navigate(paths.customerTab(invoice.customer.id, 'recurring'))}
        />
      )}

      <section className="invoice-section" aria-labelledby="invoice-lines-heading">
        <h2 id="invoice-lines-heading">Lines</h2>
        <LinesTable invoice={invoice} />
        <div className="invoice-under-lines">
          <div className="invoice-notes">
            {invoice.pricesIncludeTax && <p className="muted">Prices include VAT.</p>}
            {invoice.terms && <p><strong>Terms:</strong> {invoice.terms}</p>}
            {invoice.notes && <p className="notes">{invoice.notes}</p>}
          </div>
          <TotalsTable invoice={invoice} />
        </div>
      </section>

      {!isDraft && <EtimsSection invoice={invoice} />}
      {!isDraft && <DeliverySection invoice={invoice} onSend={canSend ? () => setDialog('send') : undefined} />}
      {!isDraft && invoice.status !== 'void' && <GetPaidSection invoice={invoice} />}

      <div className={isDraft ? 'invoice-lower invoice-lower-draft' : 'invoice-lower'}>
        {!isDraft && (
          <div className="invoice-lower-main">
            <section className="invoice-section" aria-labelledby="invoice-payments-heading">
              <h2 id="invoice-payments-heading">Payments</h2>
              <PaymentsSection invoice={invoice} />
            </section>
            <section className="invoice-section" aria-labelledby="invoice-credit-heading">
              <h2 id="invoice-credit-heading">Credit notes</h2>
              <CreditNotesSection invoice={invoice} />
            </section>
          </div>
        )}
        <section className="invoice-section invoice-history" aria-labelledby="invoice-history-heading">
          <h2 id="invoice-history-heading">History</h2>
          <Timeline entries={invoice.timeline} />
        </section>
      </div>

      {dialog === 'payment' && invoice.number && (
        <RecordPaymentDialog
          customerId={invoice.customer.id}
          customerName={invoice.customer.name}
          currency={invoice.currency}
          invoice={{ id: invoice.id, number: invoice.number, dueDate: invoice.dueDate, balanceMinor: invoice.balanceMinor }}
          onClose={close}
          onRecorded={reload}
        />
      )}
      {dialog === 'credit' && <CreditNoteDialog invoice={invoice} onClose={close} onIssued={reload} />}
      {dialog === 'void' && <VoidDialog invoice={invoice} onClose={close} onVoided={setInvoice} />}
      {dialog === 'send' && <SendDialog invoice={invoice} onClose={close} onSent={reload} />}
      {dialog === 'pdf' && <PdfPreviewDialog invoice={invoice} onClose={close} />}
    </section>
  );
}
