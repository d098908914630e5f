import type { CashflowCurrency } from '../../../../shared/domain/intelligence';
import { money, plural } from '../../../lib/format';

/** The forecast's totals for one currency: owed, expected in the 12 weeks (with its range), later, and without a basis. */
export function CashflowSummary({ block }: { block: CashflowCurrency }) {
  const c = block.currency;
  return (
    <ul className="summary-cards" aria-label={`Cash-flow totals, ${c}`}>
      <li>
        <span className="stat-label">Owed on open invoices</span>
        <span className="stat-value">{money(block.openBalanceMinor, c)}</span>
        <span className="stat-note">{plural(block.openInvoices, 'open invoice')}</span>
      </li>
      <li>
        <span className="stat-label">Expected in {block.weeks.length} weeks</span>
        <span className="stat-value">{money(block.expectedInHorizonMinor, c)}</span>
        <span className="stat-note">
          {block.horizonLowMinor === block.horizonHighMinor
            ? 'the same in nearly every simulated outcome'
            : `likely between ${money(block.horizonLowMinor, c)} and ${money(block.horizonHighMinor, c)}`}
          {block.onDueDateMinor > 0 && `; ${money(block.onDueDateMinor, c)} of it is counted on its due date: no invoice has been paid in full yet to learn from`}
        </span>
      </li>
      <li>
        <span className="stat-label">Expected after that</span>
        <span className="stat-value">{money(block.expectedLaterMinor, c)}</span>
        <span className="stat-note">beyond the last week shown</span>
      </li>
      <li>
        <span className="stat-label">No date can be predicted</span>
        <span className="stat-value">{money(block.noBasisMinor, c)}</span>
        <span className="stat-note">already overdue, and later than any payment in the books</span>
      </li>
    </ul>
  );
}
