// The item catalog: search, show archived, add, import and export; each row opens the item.
import { useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { Item } from '../../../shared/domain/item';
import { formatMoney } from '../../../shared/money';
import { taxRateLabel } from '../../../shared/totals';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { downloadText } from '../../lib/csv';
import { errorMessage, plural } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useListShortcuts } from '../../lib/useListShortcuts';
import { toast } from '../../stores/toasts';
import { useItemsChanged } from './useItemsChanged';
import './items.css';
import { GuardedButton, GuardedLink } from '../../components/Guarded';

const PAGE = 100;

type Rows = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; rows: Item[]; total: number; more: boolean };

function useItemRows(search: string, includeArchived: boolean, changed: number) {
  const [rows, setRows] = useState<Rows>({ state: 'loading' });
  const ticket = useRef(0);
  const load = (offset: number, keep: Item[]) => {
    const mine = ++ticket.current;
    invoke('items.list', { search, includeArchived, offset, limit: PAGE }).then(
      (page) => {
        if (mine === ticket.current) setRows({ state: 'ready', rows: [...keep, ...page.rows], total: page.total, more: false });
      },
      (e: unknown) => {
        if (mine === ticket.current) setRows({ state: 'failed', message: errorMessage(e) });
      },
    );
  };
  useEffect(() => {
    load(0, []);
    // load reads the latest search through its closure; the deps are what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, includeArchived, changed]);
  const more = () => {
    if (rows.state !== 'ready') return;
    setRows({ ...rows, more: true });
    load(rows.rows.length, rows.rows);
  };
  return { rows, more };
}

function ExportButton({ search, includeArchived }: { search: string; includeArchived: boolean }) {
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      const file = await invoke('items.export', { search, includeArchived, sort: 'name', direction: 'asc' });
      downloadText(file.fileName, file.csvText, 'text/csv');
      toast.success(`Exported ${plural(file.rows, 'item')}`);
    } catch (error) {
      toast.error(`Export failed: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" onClick={() => void onExport()} disabled={busy}>
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}

function NoItemsYet() {
  return (
    <div className="empty">
      <h2>No items yet</h2>
      <p>
        Keep the things you sell here, with their unit, price and VAT rate. Then pick them on an invoice instead of typing
        each line, and a sentence like “10 bags of cement and delivery” is drafted at your prices.
      </p>
      <div className="empty-actions">
        <GuardedLink action="customers.write" className="btn btn-primary" href={paths.itemNew()}>Add item</GuardedLink>
        <GuardedLink action="customers.write" className="btn" href={paths.itemImport()}>Import CSV</GuardedLink>
      </div>
    </div>
  );
}

export function ItemList() {
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const debounced = useDebounced(search, 150);
  const changed = useItemsChanged();
  const { rows, more } = useItemRows(debounced, includeArchived, changed);
  useListShortcuts(searchRef, paths.itemNew(), 'customers.write');

  const empty = rows.state === 'ready' && rows.total === 0;
  return (
    <section className="screen screen-items">
      <header className="screen-header">
        <div>
          <h1>Items</h1>
          <p className="muted screen-lead">What you sell, at your prices. Pick them on invoices; drafting from a sentence uses them too.</p>
        </div>
        <div className="header-actions">
          <GuardedButton action="customers.write" className="btn btn-primary" onClick={() => navigate(paths.itemNew())}>Add item</GuardedButton>
          <GuardedButton action="customers.write" className="btn" onClick={() => navigate(paths.itemImport())}>Import CSV</GuardedButton>
          <ExportButton search={debounced} includeArchived={includeArchived} />
        </div>
      </header>
      <div className="toolbar" role="search" aria-label="Find items">
        <div className="toolbar-row">
          <input
            ref={searchRef}
            type="search"
            className="search"
            aria-label="Search items"
            placeholder="Search by name or code"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="checkbox">
            <input id="items-archived" type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
            <label htmlFor="items-archived">Show archived items</label>
          </div>
        </div>
      </div>
      {rows.state === 'loading' && <Loading label="Loading items…" />}
      {rows.state === 'failed' && <ErrorNotice title="The items could not be loaded" message={rows.message} />}
      {empty && debounced.trim() === '' && !includeArchived && <NoItemsYet />}
      {empty && (debounced.trim() !== '' || includeArchived) && (
        <div className="empty">
          <h2>No items match</h2>
          <p>Nothing matches “{debounced.trim()}”. Search by the start of any word of the name, or by the code.</p>
        </div>
      )}
      {rows.state === 'ready' && rows.total > 0 && (
        <>
          <p className="result-count" aria-live="polite">{plural(rows.total, 'item')}</p>
          <table className="data-table item-table" aria-label="Items">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Code</th>
                <th scope="col">Unit</th>
                <th scope="col" className="num">Price</th>
                <th scope="col">VAT</th>
              </tr>
            </thead>
            <tbody>
              {rows.rows.map((item) => (
                <tr key={item.id} className={item.archived ? 'item-archived' : undefined}>
                  <td>
                    <a href={paths.itemEdit(item.id)}>{item.name}</a>
                    {item.archived && <span className="badge badge-status-inactive"> Archived</span>}
                  </td>
                  <td><span className="code">{item.code}</span></td>
                  <td>{item.unit}</td>
                  <td className="num">{item.priceMinor === null ? <span className="muted">No set price</span> : formatMoney(item.priceMinor, item.currency)}</td>
                  <td>{item.taxRateBp === null ? 'Exempt' : taxRateLabel(item.taxRateBp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.rows.length < rows.total && (
            <div className="form-actions">
              <button type="button" className="btn" onClick={more} disabled={rows.more}>
                {rows.more ? 'Loading…' : `Show ${Math.min(PAGE, rows.total - rows.rows.length)} more of ${rows.total - rows.rows.length}`}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
