// Which customers get a draft: search, tick, "Select all shown", "Clear"; the ticks survive a new search.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { CustomerListRow } from '../../../../shared/domain/customer';
import { plural } from '../../../lib/format';
import { useDebounced } from '../../../lib/useDebounced';
import { useRemote } from '../../../lib/useRemote';

/** Customer id -> name, in the order they were ticked (the first one is previewed). */
export type Selection = ReadonlyMap<string, string>;

interface CustomerChecklistProps {
  selected: Selection;
  onChange: (next: Selection) => void;
  error: string | undefined;
}

const SHOWN = 200;

export function CustomerChecklist({ selected, onChange, error }: CustomerChecklistProps) {
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 180);
  const list = useRemote(() => invoke('customers.list', { search: query, status: 'active', limit: SHOWN }), query);
  const rows: CustomerListRow[] = list.state === 'ready' ? list.value.rows : [];
  const total = list.state === 'ready' ? list.value.total : 0;

  const toggle = (row: CustomerListRow, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(row.id, row.name);
    else next.delete(row.id);
    onChange(next);
  };
  const selectShown = () => {
    const next = new Map(selected);
    for (const r of rows) next.set(r.id, r.name);
    onChange(next);
  };
  const shownSelected = rows.filter((r) => selected.has(r.id)).length;

  return (
    <fieldset className={`bulk-customers${error ? ' field-invalid' : ''}`} aria-describedby={error ? 'bulk-customers-error' : undefined}>
      <legend>Customers</legend>
      <div className="bulk-customers-tools">
        <input
          type="search"
          aria-label="Search customers"
          placeholder="Search customers"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" className="btn btn-small" disabled={rows.length === 0 || shownSelected === rows.length} onClick={selectShown}>
          Select all shown
        </button>
        <button type="button" className="btn btn-small" disabled={selected.size === 0} onClick={() => onChange(new Map())}>
          Clear
        </button>
      </div>
      <p className="bulk-count" role="status">
        <strong>{selected.size} selected</strong>
        {list.state === 'ready' && (
          <span className="muted"> · {total > rows.length ? `showing ${rows.length} of ${plural(total, 'active customer')}` : plural(total, 'active customer')}{query && ` matching “${query}”`}</span>
        )}
      </p>
      {error && <p id="bulk-customers-error" className="field-error">{error}</p>}
      <div className="bulk-list" aria-busy={list.state === 'loading' || (list.state === 'ready' && list.refreshing)}>
        {list.state === 'failed' && <p className="field-error">Customers could not be loaded: {list.message}</p>}
        {list.state === 'ready' && rows.length === 0 && (
          <p className="muted bulk-list-empty">{query ? `No active customer matches “${query}”.` : 'No active customers yet. Add customers first, then draft for many at once.'}</p>
        )}
        <ul>
          {rows.map((r) => {
            const id = `bulk-customer-${r.id}`;
            return (
              <li key={r.id} className={selected.has(r.id) ? 'bulk-picked' : undefined}>
                <input id={id} type="checkbox" checked={selected.has(r.id)} onChange={(e) => toggle(r, e.target.checked)} />
                <label htmlFor={id}>
                  <span className="bulk-name">{r.name}</span>
                  <span className="muted bulk-detail"><span className="code">{r.code}</span> · {r.currency}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </div>
    </fieldset>
  );
}
