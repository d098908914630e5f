import type { Invoice } from '../../../../shared/domain/invoice';
import { InvoiceStatusBadge } from '../../../components/InvoiceStatusBadge';
import { paths } from '../../../lib/router';
import { GuardedButton, GuardedLink } from '../../../components/Guarded';

export type InvoiceAction = 'payment' | 'credit' | 'void' | 'duplicate' | 'send' | 'pdf';

/** What a person may do with an invoice in its state. The backend checks again and explains a refusal. */
export function allowedActions(invoice: Invoice): Set<InvoiceAction> {
  const actions = new Set<InvoiceAction>(['duplicate', 'pdf']);
  const { status } = invoice;
  // A draft is finalized as it is sent; a void invoice owes nothing and is not sent.
  if (status !== 'void') actions.add('send');
  const owing = (status === 'open' || status === 'partially_paid') && invoice.balanceMinor > 0;
  if (owing) actions.add('payment');
  // A credit note reduces what is still owed; a settled invoice is refunded by reversing its payment first.
  if (owing) actions.add('credit');
  // Voiding is for an invoice nothing happened to yet: paid or credited ones are corrected otherwise.
  const activePayments = invoice.payments.some((p) => !p.reversed);
  if (status !== 'draft' && status !== 'void' && !activePayments && invoice.creditNotes.length === 0) actions.add('void');
  return actions;
}

interface InvoiceHeaderProps {
  invoice: Invoice;
  busy: boolean;
  onAction: (action: InvoiceAction) => void;
}

export function InvoiceHeader({ invoice, busy, onAction }: InvoiceHeaderProps) {
  const isDraft = invoice.status === 'draft';
  const actions = allowedActions(invoice);
  return (
    <header className="screen-header invoice-header">
      <div>
        <p className="breadcrumb"><a href={paths.invoices()}>Invoices</a></p>
        <h1>{isDraft ? 'Draft invoice' : `Invoice ${invoice.number ?? ''}`}</h1>
        <p className="customer-meta">
          <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} daysOverdue={invoice.daysOverdue} both />
          <span>
            for <a href={paths.customer(invoice.customer.id)}>{invoice.customer.name}</a>
          </span>
          <span className="code">{invoice.customer.code}</span>
        </p>
      </div>
      <div className="header-actions">
        {isDraft && <GuardedLink action="drafts.write" className="btn btn-primary" href={paths.draftEdit(invoice.id)}>Edit draft</GuardedLink>}
        {actions.has('send') && (
          <GuardedButton action={isDraft ? 'invoices.finalize' : 'invoices.send'} className="btn" onClick={() => onAction('send')} aria-keyshortcuts="E Control+Shift+S">
            Send…
          </GuardedButton>
        )}
        {actions.has('payment') && (
          <GuardedButton action="payments.record" className="btn btn-primary" onClick={() => onAction('payment')} aria-keyshortcuts="P">
            Record payment
          </GuardedButton>
        )}
        {actions.has('credit') && <GuardedButton action="creditNotes.create" className="btn" onClick={() => onAction('credit')}>Credit note</GuardedButton>}
        {actions.has('pdf') && <button type="button" className="btn" onClick={() => onAction('pdf')}>Preview PDF</button>}
        {actions.has('duplicate') && (
          <GuardedButton action="drafts.write" className="btn" onClick={() => onAction('duplicate')} disabled={busy}>
            {busy ? 'Duplicating…' : 'Duplicate'}
          </GuardedButton>
        )}
        {actions.has('void') && <GuardedButton action="invoices.void" className="btn btn-danger-outline" onClick={() => onAction('void')}>Void</GuardedButton>}
      </div>
    </header>
  );
}
