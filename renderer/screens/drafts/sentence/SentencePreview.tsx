// What the offline parser reads in the sentence, as the person types: lines, amounts, what it
// detected (due date, discount, VAT) and how sure it is.
import type { ParsedPrompt } from '../../../../shared/drafting/types';
import { formatMoney } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import { ConfidenceMeter } from '../../../components/ConfidenceMeter';
import { formatDate } from '../../../lib/format';
import { percentText, quantityText } from '../draftValues';
import type { ReadResult } from './readSentence';
import { useBusinessDefaults } from '../../../stores/business';

function vatText(p: ParsedPrompt): string {
  if (!useBusinessDefaults.getState().vatRegistered) return 'None (your business is not registered for VAT)';
  const own = p.lines.some((l) => l.taxRateBp !== p.taxRateBp) ? '; catalog items at their own rate' : '';
  if (p.taxRateBp === null) return `No VAT (exempt)${own}`;
  return `${taxRateLabel(p.taxRateBp)}, ${p.pricesIncludeTax ? 'included in the prices' : 'added on top'}${own}`;
}

function discountText(p: ParsedPrompt): string {
  const d = p.discount;
  if (!d) return 'None';
  return d.kind === 'percent' ? `${percentText(d.bp)}%` : formatMoney(d.minor, p.currency);
}

export function SentencePreview({ result, hasCustomer }: { result: ReadResult; hasCustomer: boolean }) {
  return (
    <section className="sentence-preview" aria-labelledby="sentence-preview-title">
      <h3 id="sentence-preview-title">Preview</h3>
      {result === null && (
        <p className="muted sentence-preview-empty">
          As you type, the lines Billbook reads from your sentence show here, worked out offline.
        </p>
      )}
      {result?.ok === false && <p className="field-error">The preview could not read this sentence: {result.message}</p>}
      {result?.ok && <Reading parsed={result.reading.parsed} totalMinor={result.reading.totalMinor} hasCustomer={hasCustomer} />}
    </section>
  );
}

function Reading({ parsed: p, totalMinor, hasCustomer }: { parsed: ParsedPrompt; totalMinor: number | null; hasCustomer: boolean }) {
  const m = (minor: number) => formatMoney(minor, p.currency);
  return (
    <>
      {p.lines.length === 0 ? (
        <p className="muted">No lines found yet. Name what you bill and a price, like “design work at 12,000”.</p>
      ) : (
        <table className="data-table preview-lines" aria-label="Lines read from the sentence">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">Qty</th>
              <th scope="col" className="num">Unit price</th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((l, i) => (
              <tr key={i} className={l.uncertain ? 'preview-uncertain' : undefined}>
                <td>
                  {l.description || <span className="muted">(no description)</span>}
                  {l.priceFrom === 'catalog' && <span className="preview-catalog"> · price from the catalog</span>}
                  {l.uncertain && <span className="preview-flag"> · check this line</span>}
                </td>
                <td className="num">{quantityText(l.quantityMilli)}{l.unit && ` ${l.unit}`}</td>
                <td className="num">{m(l.unitPriceMinor)}</td>
                <td className="num">{m(l.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
          {totalMinor !== null && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>Total{p.taxRateBp !== null ? (p.pricesIncludeTax ? ' (VAT included)' : ' (with VAT)') : ''}</th>
                <td className="num"><strong>{m(totalMinor)}</strong></td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
      <dl className="preview-facts">
        <div><dt>Due date</dt><dd>{p.dueDate ? formatDate(p.dueDate) : 'From payment terms'}</dd></div>
        <div><dt>Discount</dt><dd>{discountText(p)}</dd></div>
        <div><dt>VAT</dt><dd>{vatText(p)}</dd></div>
        {p.periodLabel && <div><dt>Period</dt><dd>{p.periodLabel}</dd></div>}
        {p.statedTotalMinor !== null && <div><dt>Total you stated</dt><dd>{m(p.statedTotalMinor)}</dd></div>}
        <div><dt>Confidence</dt><dd><ConfidenceMeter confidence={p.confidence} /></dd></div>
      </dl>
      {!hasCustomer && <p className="field-hint">Amounts are read in {p.currency} until you choose a customer.</p>}
      {p.notes.length > 0 && (
        <div className="preview-notes">
          <p className="preview-notes-title">From your catalog</p>
          <ul>{p.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        </div>
      )}
      {(p.warnings.length > 0 || p.unparsed.length > 0) && (
        <div className="preview-warnings">
          <p className="preview-warnings-title">Check before generating</p>
          <ul>
            {p.warnings.map((w) => <li key={w}>{w}</li>)}
            {p.unparsed.length > 0 && <li>Not understood: {p.unparsed.map((u) => `“${u}”`).join(', ')}</li>}
          </ul>
        </div>
      )}
    </>
  );
}
