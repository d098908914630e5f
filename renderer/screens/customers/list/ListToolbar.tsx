import { forwardRef, memo, useEffect, useState } from 'react';
import { invoke } from '../../../api';
import { CUSTOMER_STATUSES, PAYMENT_STATUSES, type CustomerStatus, type PaymentStatus } from '../../../../shared/domain/customerStatus';
import { useCustomerQuery, type CustomerSort } from '../../../stores/customerQuery';

const SORTS: [CustomerSort, string][] = [
  ['name', 'Name'],
  ['outstanding', 'Outstanding balance'],
  ['lastInvoice', 'Last invoice date'],
  ['code', 'Code'],
  ['created', 'Date added'],
];

function useTags(refreshToken: number): string[] {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    invoke('customers.tags', {}).then(
      (t) => {
        if (live) setTags(t);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [refreshToken]);
  return tags;
}

/** Search, filters and sort of the customer list; the search input is forwarded for the "/" shortcut. */
export const ListToolbar = memo(forwardRef<HTMLInputElement, { refreshToken: number }>(function ListToolbar({ refreshToken }, searchRef) {
  const q = useCustomerQuery();
  const tags = useTags(refreshToken);
  const tagOptions = q.tag && !tags.includes(q.tag) ? [q.tag, ...tags] : tags;

  return (
    <div className="toolbar" role="search" aria-label="Find customers">
      <input
        ref={searchRef}
        type="search"
        className="search"
        aria-label="Search customers"
        placeholder="Search name, email, phone, code or tax ID"
        value={q.search}
        onChange={(e) => q.set({ search: e.target.value })}
      />
      <div className="toolbar-row">
        <div className="inline-field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={q.status} onChange={(e) => q.set({ status: e.target.value as CustomerStatus | '' })}>
            <option value="">All</option>
            {CUSTOMER_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="filter-payment">Payment status</label>
          <select id="filter-payment" value={q.paymentStatus} onChange={(e) => q.set({ paymentStatus: e.target.value as PaymentStatus | '' })}>
            <option value="">All</option>
            {PAYMENT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="filter-tag">Tag</label>
          <select id="filter-tag" value={q.tag} onChange={(e) => q.set({ tag: e.target.value })}>
            <option value="">All</option>
            {tagOptions.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="sort-by">Sort by</label>
          <select id="sort-by" value={q.sort} onChange={(e) => q.set({ sort: e.target.value as CustomerSort })}>
            {SORTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <button
            type="button"
            className="btn btn-icon"
            aria-label={q.direction === 'asc' ? 'Sort descending' : 'Sort ascending'}
            title={q.direction === 'asc' ? 'Ascending — click for descending' : 'Descending — click for ascending'}
            onClick={() => q.set({ direction: q.direction === 'asc' ? 'desc' : 'asc' })}
          >
            <span aria-hidden="true">{q.direction === 'asc' ? '↑' : '↓'}</span>
          </button>
        </div>
        <div className="checkbox">
          <input id="show-archived" type="checkbox" checked={q.includeArchived} onChange={(e) => q.set({ includeArchived: e.target.checked })} />
          <label htmlFor="show-archived">Show archived</label>
        </div>
      </div>
    </div>
  );
}));
