// The version of a draft saved on another computer, shown beside the one being edited here, so the
// person can see what they would load (and lose by loading) before choosing.
import type { Invoice } from '../../../shared/domain/invoice';
import { formatDate, money } from '../../lib/format';
import { LinesTable } from '../invoices/page/LinesTable';

export function OtherVersion({ invoice }: { invoice: Invoice }) {
  const version = invoice.draft.version;
  return (
    <div className="other-version">
      <p className="other-version-facts">
        <span>For <strong>{invoice.customer.name}</strong></span>
        <span>Dated {formatDate(invoice.issueDate)}</span>
        <span>Total <strong>{money(invoice.totals.totalMinor, invoice.currency)}</strong></span>
      </p>
      <LinesTable invoice={invoice} label={`Lines of version ${version}`} />
      {invoice.notes && <p className="other-version-notes"><span className="muted">Notes: </span>{invoice.notes}</p>}
    </div>
  );
}
