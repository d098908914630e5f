// Revenue by catalog item for the period, in the chosen currency: what sells, and how much of the
// billing is lines typed freely rather than picked from the catalog.
import { useId } from 'react';
import { invoke } from '../../../api';
import type { PeriodInput } from '../../../../shared/domain/analytics';
import type { ItemRevenue } from '../../../../shared/domain/item';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { money } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useEventCount } from '../../../lib/useEventCount';
import { useRemote } from '../../../lib/useRemote';
import { quantityText } from '../../drafts/draftValues';

interface Props {
  period: PeriodInput;
  currency: string;
  /** Bumped when the books change, to read again. */
  changed: string;
}

/** "10 bags", "1 bag", "2.5 hours": the item's unit, plural past one. */
function quantityOf(milli: number, unit: string): string {
  const n = quantityText(milli);
  if (!unit) return n;
  return `${n} ${milli === 1000 || /s$/i.test(unit) ? unit : `${unit}s`}`;
}

function share(part: number, total: number): string {
  if (total === 0) return '';
  return `${Math.round((part * 100) / total)}%`;
}

function Table({ block }: { block: ItemRevenue }) {
  const { currency, totalMinor } = block;
  return (
    <div className="list-card table-wrap">
      <table className="data-table list-table" aria-label={`Revenue by item, ${currency}`}>
        <thead>
          <tr>
            <th scope="col" className="rank">#</th>
            <th scope="col">Item</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Revenue before VAT</th>
            <th scope="col" className="num">Share</th>
          </tr>
        </thead>
        <tbody>
          {block.rows.map((r, i) => (
            <tr key={r.itemId}>
              <td className="rank">{i + 1}</td>
              <td>
                <a href={paths.itemEdit(r.itemId)}>{r.name}</a>
                {r.archived && <span className="muted"> (archived)</span>}
              </td>
              <td className="num">{quantityOf(r.quantityMilli, r.unit)}</td>
              <td className="num">{money(r.revenueMinor, currency)}</td>
              <td className="num">{share(r.revenueMinor, totalMinor)}</td>
            </tr>
          ))}
          {block.otherItemsMinor > 0 && (
            <tr>
              <td />
              <td>Other items</td>
              <td />
              <td className="num">{money(block.otherItemsMinor, currency)}</td>
              <td className="num">{share(block.otherItemsMinor, totalMinor)}</td>
            </tr>
          )}
          {block.notFromCatalogMinor > 0 && (
            <tr>
              <td />
              <td>Lines not from the catalog</td>
              <td />
              <td className="num">{money(block.notFromCatalogMinor, currency)}</td>
              <td className="num">{share(block.notFromCatalogMinor, totalMinor)}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>Invoiced before VAT</th>
            <td className="num"><strong>{money(totalMinor, currency)}</strong></td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function RevenueByItem({ period, currency, changed }: Props) {
  const headingId = useId();
  const items = useEventCount('items.changed') + useEventCount('sync.applied');
  const remote = useRemote(() => invoke('analytics.revenueByItem', { period }), `${JSON.stringify(period)}|${changed}|${items}`);
  const block = remote.state === 'ready' ? remote.value.currencies.find((c) => c.currency === currency) : undefined;
  return (
    <section className="analytics-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Revenue by item <span className="muted">({currency})</span></h2>
      {remote.state === 'failed' && <ErrorNotice title="Revenue by item could not be loaded" message={remote.message} />}
      {remote.state === 'ready' && (!block || block.totalMinor === 0) && (
        <p className="muted">Nothing invoiced in {currency} in this period yet.</p>
      )}
      {block && block.totalMinor > 0 && block.rows.length === 0 && (
        <p className="muted">
          None of this period’s invoice lines came from the catalog. Pick items on invoices (or name them in a sentence) and
          their sales show here. <a href={paths.items()}>Open the catalog</a>
        </p>
      )}
      {block && block.totalMinor > 0 && <Table block={block} />}
      <p className="field-hint">Finalized invoices issued in the period, by the catalog item each line was filled from; credit notes are not split by item.</p>
    </section>
  );
}
