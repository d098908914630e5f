import type { Invoice } from '../../../../shared/domain/invoice';
import { taxRateLabel } from '../../../../shared/totals';
import { money } from '../../../lib/format';
import { formatQuantity } from './quantity';

export function LinesTable({ invoice, label = 'Invoice lines' }: { invoice: Invoice; label?: string }) {
  const fmt = (minor: number) => money(minor, invoice.currency);
  if (invoice.lines.length === 0) {
    return <p className="muted">This draft has no lines yet.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table invoice-lines" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Tax</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.position}>
              <td className="line-description">{line.description || <span className="muted">No description</span>}</td>
              <td className="num">{formatQuantity(line.quantityMilli)}</td>
              <td>{line.unit}</td>
              <td className="num">{fmt(line.unitPriceMinor)}</td>
              <td className="num">
                {taxRateLabel(line.taxRateBp)}
                {(line.priceIncludesTax ?? invoice.pricesIncludeTax) && line.taxRateBp !== null && line.taxRateBp > 0 && (
                  <span className="muted" title="The price already includes this VAT"> incl.</span>
                )}
              </td>
              <td className="num">{fmt(line.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
