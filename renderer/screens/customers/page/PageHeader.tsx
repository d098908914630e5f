import type { Customer } from '../../../../shared/domain/customer';
import { formatPhone } from '../../../../shared/domain/phone';
import { StatusBadge } from '../../../components/Badge';
import { navigate, paths } from '../../../lib/router';

interface PageHeaderProps {
  customer: Customer;
  busy: boolean;
  onArchive: () => void;
  onRestore: () => void;
}

export function PageHeader({ customer: c, busy, onArchive, onRestore }: PageHeaderProps) {
  const contact = [c.email, c.phone && formatPhone(c.phone)].filter(Boolean).join(' · ');
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
        <button type="button" className="btn btn-primary" onClick={() => navigate(paths.customerEdit(c.id))}>Edit</button>
        {c.archivedAt ? (
          <button type="button" className="btn" onClick={onRestore} disabled={busy}>Restore</button>
        ) : (
          <button type="button" className="btn" onClick={onArchive}>Archive</button>
        )}
      </div>
    </header>
  );
}
