import { paths } from '../../../lib/router';
import { GuardedLink } from '../../../components/Guarded';

export function NoCustomersYet() {
  return (
    <div className="empty">
      <h2>No customers yet</h2>
      <p>
        Customers are the people and businesses you bill. Add them one at a time, or bring your existing list
        in from a spreadsheet saved as CSV.
      </p>
      <div className="empty-actions">
        <GuardedLink action="customers.write" className="btn btn-primary" href={paths.customerNew()}>New customer</GuardedLink>
        <GuardedLink action="customers.write" className="btn" href={paths.customerImport()}>Import CSV</GuardedLink>
      </div>
    </div>
  );
}

export function NoMatches({ search, onClear }: { search: string; onClear: () => void }) {
  return (
    <div className="empty">
      <h2>No customers match</h2>
      <p>
        {search.trim() ? <>Nothing matches “{search.trim()}” with the current filters. </> : <>No customers match the current filters. </>}
        Check the spelling, search by part of a phone number or email, or clear the search to see everyone.
      </p>
      <div className="empty-actions">
        <button type="button" className="btn" onClick={onClear}>Clear search</button>
      </div>
    </div>
  );
}
