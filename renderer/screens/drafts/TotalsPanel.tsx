// The live totals: shared/totals.ts computeTotals on every keystroke, never arithmetic of our own.
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { taxRateLabel, type Discount, type InvoiceTotals } from '../../../shared/totals';
import { percentText, type LiveTotals } from './draftValues';

interface TotalsPanelProps {
  live: LiveTotals;
  currency: CurrencyCode;
  discount: Discount;
  pricesIncludeTax: boolean;
  /** The discount the person typed cannot be read yet. */
  discountInvalid: boolean;
  /** False for a business that is not VAT-registered: no VAT rows at all. */
  showVat: boolean;
}

function linesText(numbers: number[]): string {
  if (numbers.length === 1) return `Line ${numbers[0]} is`;
  const head = numbers.slice(0, -1).join(', ');
  return `Lines ${head} and ${numbers[numbers.length - 1]} are`;
}

export function TotalsPanel({ live, currency, discount, pricesIncludeTax, discountInvalid, showVat }: TotalsPanelProps) {
  const m = (minor: number) => formatMoney(minor, currency);
  return (
    <section className="totals" aria-labelledby="draft-totals-title">
      <h2 id="draft-totals-title">Totals</h2>
      {live.totals ? (
        <TotalsTable totals={live.totals} m={m} discount={discount} pricesIncludeTax={pricesIncludeTax} showVat={showVat} />
      ) : (
        <p className="field-error">These amounts are too large to add up exactly. Check the quantities and prices.</p>
      )}
      {live.uncounted.length > 0 && (
        <p className="totals-warning">
          {linesText(live.uncounted)} not counted until {live.uncounted.length === 1 ? 'its errors are' : 'their errors are'} fixed.
        </p>
      )}
      {discountInvalid && <p className="totals-warning">The discount is not counted until it is a valid amount.</p>}
    </section>
  );
}

interface TotalsTableProps {
  totals: InvoiceTotals;
  m: (minor: number) => string;
  discount: Discount;
  pricesIncludeTax: boolean;
  showVat: boolean;
}

function TotalsTable({ totals, m, discount, pricesIncludeTax, showVat }: TotalsTableProps) {
  const discountLabel = discount?.kind === 'percent' ? `Discount (${percentText(discount.bp)}%)` : 'Discount';
  return (
    <table className="totals-table">
      <tbody>
        <tr>
          <th scope="row">{showVat ? 'Subtotal (excl. VAT)' : 'Subtotal'}</th>
          <td className="num">{m(totals.subtotalMinor)}</td>
        </tr>
        {discount && (
          <tr>
            <th scope="row">
              {discountLabel}
              {pricesIncludeTax && totals.discountShownMinor !== totals.discountMinor && (
                <span className="totals-sub">{m(totals.discountShownMinor)} incl. VAT</span>
              )}
            </th>
            <td className="num">{totals.discountMinor > 0 ? `−${m(totals.discountMinor)}` : m(0)}</td>
          </tr>
        )}
        {showVat && totals.taxSummary.map((row) => (
          <tr key={String(row.taxRateBp)}>
            <th scope="row">
              {row.taxRateBp === null ? 'Exempt (no VAT)' : `VAT ${taxRateLabel(row.taxRateBp)}`}
              <span className="totals-sub">on {m(row.netMinor)}</span>
            </th>
            <td className="num">{m(row.taxMinor)}</td>
          </tr>
        ))}
        <tr className="totals-total">
          <th scope="row">Total</th>
          <td className="num">{m(totals.totalMinor)}</td>
        </tr>
      </tbody>
    </table>
  );
}
