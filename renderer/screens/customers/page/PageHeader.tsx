import type { Customer } from '../../../../shared/domain/customer';
import { formatPhone } from '../../../../shared/domain/phone';
import { StatusBadge } from '../../../components/Badge';
import { navigate, paths } from '../../../lib/router';
import { GuardedButton, GuardedLink } from '../../../components/Guarded';

interface PageHeaderProps {
  customer: Customer;
  busy: boolean;
  onArchive: () => void;
  onRestore: () => void;
  onRecordPayment: () => void;
  onStatement: () => void;
}

/** Who, and what is done for them most: a new invoice, a payment (N and P), then edit and archive. */
export function PageHeader({ customer: c, busy, onArchive, onRestore, onRecordPayment, onStatement }: PageHeaderProps) {
  const contact = [c.email, c.phone && formatPhone(c.phone)].filter(Boolean).join(' · ');
  const archived = c.archivedAt !== null;
  return (
    <header className="screen-header customer-header">
      <div>
        <p className="breadcrumb"><a href={paths.customers()}>Customers</a></p>
        <h1>{c.name}</h1>
        <p className="customer-meta">
          <span className="code">{c.code}</span>
          <StatusBadge status={c.status} />
          {contact && <span>{contact}</span>}
        </p>
      </div>
      <div className="header-actions">
        {!archived && (
          <>
            <GuardedLink action="drafts.write" className="btn btn-primary" href={paths.draftNew(c.id)} aria-keyshortcuts="N">New invoice</GuardedLink>
            <GuardedButton action="payments.record" className="btn" onClick={onRecordPayment} aria-keyshortcuts="P">Record payment</GuardedButton>
          </>
        )}
        <button type="button" className="btn" onClick={onStatement} aria-keyshortcuts="S" title="Statement of account (S)">Statement</button>
        <GuardedButton action="customers.write" className="btn" onClick={() => navigate(paths.customerEdit(c.id))}>Edit</GuardedButton>
        {archived ? (
          <GuardedButton action="customers.write" className="btn btn-primary" onClick={onRestore} disabled={busy}>Restore</GuardedButton>
        ) : (
          <GuardedButton action="customers.write" className="btn" onClick={onArchive}>Archive</GuardedButton>
        )}
      </div>
    </header>
  );
}
