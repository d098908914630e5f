// "What AI changed": each line before → after with the changed parts marked, lines added or
// removed, the invoice-level changes, and the total before → after.
import type { ReactNode } from 'react';
import type { DraftDiff, LineField, LineSnapshot } from '../../../../shared/domain/drafting';
import { formatMoney } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import { quantityText } from '../draftValues';

type Row = DraftDiff['lines'][number];

const CHANGE_LABELS: Record<Row['change'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', same: 'Same' };

/** Old value struck through, new one marked; read out as "was …, now …". */
function BeforeAfter({ before, after }: { before: ReactNode; after: ReactNode }) {
  return (
    <span className="diff-pair">
      <span className="visually-hidden">was </span>
      <del>{before}</del>
      <span aria-hidden="true" className="diff-arrow"> → </span>
      <span className="visually-hidden">, now </span>
      <ins>{after}</ins>
    </span>
  );
}

interface Column {
  name: string;
  num?: boolean;
  fields: LineField[];
  show: (line: LineSnapshot, money: (minor: number) => string) => ReactNode;
}

const COLUMNS: Column[] = [
  { name: 'Description', fields: ['description'], show: (l) => l.description || '(no description)' },
  { name: 'Qty', num: true, fields: ['quantityMilli', 'unit'], show: (l) => `${quantityText(l.quantityMilli)}${l.unit ? ` ${l.unit}` : ''}` },
  { name: 'Unit price', num: true, fields: ['unitPriceMinor'], show: (l, m) => m(l.unitPriceMinor) },
  { name: 'Tax', fields: ['taxRateBp'], show: (l) => taxRateLabel(l.taxRateBp) },
  { name: 'Amount', num: true, fields: ['quantityMilli', 'unitPriceMinor'], show: (l, m) => m(l.amountMinor) },
];

function Cell({ row, column, money }: { row: Row; column: Column; money: (minor: number) => string }) {
  const { before, after } = row;
  const changed = row.change === 'changed' && column.fields.some((f) => row.fields.includes(f));
  // Amount follows quantity and price, but only counts as changed when the number itself moved.
  const moved = changed && before && after && column.show(before, money) !== column.show(after, money);
  const content = moved ? <BeforeAfter before={column.show(before, money)} after={column.show(after, money)} /> : column.show((after ?? before)!, money);
  return <td className={`${column.num ? 'num' : ''}${moved ? ' diff-changed' : ''}`.trim() || undefined}>{content}</td>;
}

export function DiffTable({ diff, title }: { diff: DraftDiff; title: string }) {
  const money = (minor: number) => formatMoney(minor, diff.currency);
  const totalMoved = diff.totalBeforeMinor !== diff.totalAfterMinor;
  const nothing = diff.lines.every((l) => l.change === 'same') && diff.fields.length === 0;
  return (
    <div className="diff">
      <h3 id="ai-diff-title">{title}</h3>
      {nothing ? (
        <p className="muted">Nothing: AI read the sentence the same way the offline draft did.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table diff-table" aria-labelledby="ai-diff-title">
            <thead>
              <tr>
                <th scope="col">Change</th>
                {COLUMNS.map((c) => (
                  <th key={c.name} scope="col" className={c.num ? 'num' : undefined}>{c.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.lines.map((row, i) => (
                <tr key={i} className={`diff-${row.change}`}>
                  <td><span className={`badge diff-badge diff-badge-${row.change}`}>{CHANGE_LABELS[row.change]}</span></td>
                  {COLUMNS.map((c) => <Cell key={c.name} row={row} column={c} money={money} />)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="diff-fields">
        {diff.fields.map((f) => (
          <div key={f.field}>
            <dt>{f.label}</dt>
            <dd><BeforeAfter before={f.before} after={f.after} /></dd>
          </div>
        ))}
        <div>
          <dt>Total</dt>
          <dd>
            {totalMoved ? <BeforeAfter before={money(diff.totalBeforeMinor)} after={money(diff.totalAfterMinor)} /> : <>{money(diff.totalAfterMinor)} (unchanged)</>}
          </dd>
        </div>
      </dl>
    </div>
  );
}
