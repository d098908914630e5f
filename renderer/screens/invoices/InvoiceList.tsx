// The invoice list: search and filters, a virtualized table fed page by page, sortable columns.
import { useCallback, useMemo, useRef } from 'react';
import { invoke, onEvent } from '../../api';
import type { InvoiceSort } from '../../../shared/domain/invoice';
import { hasInvoiceFilters, toInvoiceQuery, useInvoiceQuery, type InvoiceFilters, type InvoiceListQuery } from '../../stores/invoiceQuery';
import { useDebounced } from '../../lib/useDebounced';
import { useInvoicesChanged } from '../../lib/useInvoicesChanged';
import { navigate, paths } from '../../lib/router';
import { plural } from '../../lib/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { InvoiceToolbar } from './list/InvoiceToolbar';
import { FIRST_DIRECTION, InvoiceTable } from './list/InvoiceTable';
import { NoInvoicesYet, NoMatches } from './list/EmptyState';
import { askedEarly, usePageCache } from '../../lib/pageCache';
import { useListShortcuts } from '../../lib/useListShortcuts';
import './invoices.css';
import { GuardedButton, GuardedLink } from '../../components/Guarded';

const early = askedEarly(
  (query: InvoiceListQuery, offset: number, limit: number) => invoke('invoices.list', { ...query, offset, limit }),
  (changed) => onEvent('invoices.changed', changed),
);
const fetchInvoices = early.fetchPage;

/** At start-up, when the window opens on this list: its first page, asked beside the start-up questions. */
export const askFirstInvoicesEarly = () => early.ask(toInvoiceQuery(useInvoiceQuery.getState()));

/**
 * The filters as sent: typed text settles before it is sent; choices from lists apply at once.
 * `settled` is what the answer on screen was asked with, so the empty state matches the count.
 */
function useListQuery(): { query: InvoiceListQuery; settled: InvoiceFilters } {
  const filters = useInvoiceQuery();
  const search = useDebounced(filters.search, 150);
  const minTotal = useDebounced(filters.minTotal, 250);
  const maxTotal = useDebounced(filters.maxTotal, 250);
  const { status, issuedFrom, issuedTo, currency, sort, direction } = filters;
  return useMemo(() => {
    const settled = { search, minTotal, maxTotal, status, issuedFrom, issuedTo, currency, sort, direction };
    return { query: toInvoiceQuery(settled), settled };
  }, [search, minTotal, maxTotal, status, issuedFrom, issuedTo, currency, sort, direction]);
}

export function InvoiceList() {
  const searchRef = useRef<HTMLInputElement>(null);
  const { query, settled } = useListQuery();
  const queryKey = JSON.stringify(query);
  const changed = useInvoicesChanged();
  const { cache, snapshot } = usePageCache(fetchInvoices, query, changed);
  const filters = useInvoiceQuery();
  useListShortcuts(searchRef, paths.draftNew(), 'drafts.write');

  const setFilters = filters.set;
  const onSort = useCallback(
    (sort: InvoiceSort) => {
      const current = useInvoiceQuery.getState();
      if (current.sort === sort) setFilters({ direction: current.direction === 'asc' ? 'desc' : 'asc' });
      else setFilters({ sort, direction: FIRST_DIRECTION[sort] });
    },
    [setFilters],
  );

  const { total, pending, error } = snapshot;
  const filtered = hasInvoiceFilters(settled);

  return (
    <section className="screen screen-list invoice-list">
      <header className="screen-header">
        <h1>Invoices</h1>
        <div className="header-actions">
          <GuardedButton action="drafts.write" className="btn btn-primary" onClick={() => navigate(paths.draftNew())} aria-keyshortcuts="N">
            New invoice
          </GuardedButton>
          <GuardedLink action="invoices.finalize" className="btn" href={paths.invoiceImport()}>Import open invoices</GuardedLink>
        </div>
      </header>
      <InvoiceToolbar ref={searchRef} />
      <p className="result-count" aria-live="polite">
        {total !== null && (total > 0 || filtered) && plural(total, 'invoice')}
        {pending && total !== null && <span className="muted"> · updating…</span>}
      </p>
      {error && (
        <ErrorNotice title="Invoices could not be loaded" message={error}>
          <button type="button" className="btn" onClick={() => cache.refresh()}>Try again</button>
        </ErrorNotice>
      )}
      {total === null && !error && <Loading label="Loading invoices…" />}
      {total === 0 && !pending && !filtered && <NoInvoicesYet />}
      {total === 0 && !pending && filtered && <NoMatches search={settled.search} onClear={filters.clearAll} />}
      {total !== null && total > 0 && (
        <InvoiceTable cache={cache} total={total} queryKey={queryKey} sort={filters.sort} direction={filters.direction} onSort={onSort} />
      )}
    </section>
  );
}
