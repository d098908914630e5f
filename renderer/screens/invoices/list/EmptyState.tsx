import { paths } from '../../../lib/router';
import { GuardedLink } from '../../../components/Guarded';

export function NoInvoicesYet() {
  return (
    <div className="empty">
      <h2>Your invoices will appear here</h2>
      <p>No invoices yet — create one from a customer or with New invoice.</p>
      <p>
        Open a customer and choose “New invoice” on their Invoices tab, or start here and pick the customer in the
        editor. Save a draft as often as you like; it gets its number only when you finalize it.
      </p>
      <div className="empty-actions">
        <GuardedLink action="drafts.write" className="btn btn-primary" href={paths.draftNew()}>New invoice</GuardedLink>
        <a className="btn" href={paths.customers()}>Go to customers</a>
      </div>
    </div>
  );
}

export function NoMatches({ search, onClear }: { search: string; onClear: () => void }) {
  return (
    <div className="empty">
      <h2>No invoices match</h2>
      <p>
        {search.trim() ? <>Nothing matches “{search.trim()}” with the current filters. </> : <>No invoices match the current filters. </>}
        Search by invoice number (like INV-2026-0107) or part of the customer’s name, or clear the filters to see every invoice.
      </p>
      <div className="empty-actions">
        <button type="button" className="btn" onClick={onClear}>Clear filters</button>
      </div>
    </div>
  );
}
