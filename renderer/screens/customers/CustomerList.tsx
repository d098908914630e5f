// The customer list: totals, search and filters, and a virtualized table fed page by page.
import { useEffect, useRef, useState } from 'react';
import { hasFilters, toQuery, useCustomerQuery } from '../../stores/customerQuery';
import { useCustomersChanged } from '../../lib/useCustomersChanged';
import { navigate, paths } from '../../lib/router';
import { errorMessage, plural } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { StatsCards } from './list/StatsCards';
import { ListToolbar } from './list/ListToolbar';
import { CustomerTable } from './list/CustomerTable';
import { NoCustomersYet, NoMatches } from './list/EmptyState';
import { askedEarly, PageCache, useCacheFollowing } from '../../lib/pageCache';
import { exportCustomersCsv } from './list/exportCsv';
import { useListShortcuts } from '../../lib/useListShortcuts';
import { invoke, onEvent } from '../../api';
import { SendStatementsDialog } from '../statements/SendStatementsDialog';
import type { ChannelInput } from '../../../shared/contract';
import type { CustomerListRow } from '../../../shared/domain/customer';
import { GuardedButton } from '../../components/Guarded';

export type CustomerListQuery = Omit<ChannelInput<'customers.list'>, 'offset' | 'limit'>;

const early = askedEarly(
  (query: CustomerListQuery, offset: number, limit: number) => invoke('customers.list', { ...query, offset, limit }),
  (changed) => onEvent('customers.changed', changed),
);
const fetchCustomers = early.fetchPage;

/** At start-up, when the window opens on this list: its first page, asked beside the start-up questions. */
export const askFirstCustomersEarly = () => early.ask(currentQuery());

const currentQuery = (): CustomerListQuery => toQuery(useCustomerQuery.getState());

/**
 * The query as sent. Searching answers in a few ms, so a keystroke asks at once, from the keystroke's
 * own event (no render or timer first: a debounce made every one wait 150 ms, and a throttle through
 * React state still cost a render, a timer and a second render before the request left); fast typing
 * still asks at most every 100 ms, and the last text typed always goes. Other filters apply at once.
 */
function useSentQuery(cache: PageCache<CustomerListQuery, CustomerListRow>): CustomerListQuery {
  const [sent, setSent] = useState(currentQuery);
  useEffect(() => {
    let last = 0;
    let timer: number | undefined;
    const send = () => {
      window.clearTimeout(timer);
      timer = undefined;
      last = Date.now();
      const query = currentQuery();
      cache.setQuery(query);
      setSent((shown) => (JSON.stringify(shown) === JSON.stringify(query) ? shown : query));
    };
    const unsubscribe = useCustomerQuery.subscribe((state, previous) => {
      if (state.search === previous.search) return send();
      // A later send already reads the latest text.
      if (timer !== undefined) return;
      const wait = last + SEARCH_EVERY_MS - Date.now();
      if (wait <= 0) send();
      else timer = window.setTimeout(send, wait);
    });
    // Anything changed between the first render and this subscription.
    send();
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [cache]);
  return sent;
}

const SEARCH_EVERY_MS = 100;

function ExportButton() {
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      const rows = await exportCustomersCsv(useCustomerQuery.getState());
      toast.success(`Exported ${plural(rows, 'customer')}`);
    } catch (error) {
      toast.error(`Export failed: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" onClick={onExport} disabled={busy}>
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}

export function CustomerList() {
  const searchRef = useRef<HTMLInputElement>(null);
  const changed = useCustomersChanged();
  const [cache] = useState(() => new PageCache<CustomerListQuery, CustomerListRow>(fetchCustomers));
  const query = useSentQuery(cache);
  const queryKey = JSON.stringify(query);
  const snapshot = useCacheFollowing(cache, query, changed);
  const filters = useCustomerQuery();
  useListShortcuts(searchRef, paths.customerNew(), 'customers.write');
  const [sendingStatements, setSendingStatements] = useState(false);

  const { total, pending, error } = snapshot;

  return (
    <section className="screen screen-list">
      <header className="screen-header">
        <h1>Customers</h1>
        <div className="header-actions">
          <GuardedButton action="customers.write" className="btn btn-primary" onClick={() => navigate(paths.customerNew())}>New customer</GuardedButton>
          <GuardedButton action="customers.write" className="btn" onClick={() => navigate(paths.customerImport())}>Import CSV</GuardedButton>
          <ExportButton />
          <button type="button" className="btn" onClick={() => setSendingStatements(true)}>Send statements</button>
        </div>
      </header>
      {sendingStatements && <SendStatementsDialog onClose={() => setSendingStatements(false)} />}
      <StatsCards refreshToken={changed} />
      <ListToolbar ref={searchRef} refreshToken={changed} />
      <p className="result-count" aria-live="polite">
        {total !== null && plural(total, 'customer')}
        {pending && total !== null && <span className="muted"> · updating…</span>}
      </p>
      {error && (
        <ErrorNotice title="Customers could not be loaded" message={error}>
          <button type="button" className="btn" onClick={() => cache.refresh()}>Try again</button>
        </ErrorNotice>
      )}
      {total === null && !error && <Loading label="Loading customers…" />}
      {total === 0 && !pending && !hasFilters(filters) && <NoCustomersYet />}
      {total === 0 && !pending && hasFilters(filters) && <NoMatches search={filters.search} onClear={filters.clearAll} />}
      {total !== null && total > 0 && <CustomerTable cache={cache} total={total} queryKey={queryKey} />}
    </section>
  );
}
