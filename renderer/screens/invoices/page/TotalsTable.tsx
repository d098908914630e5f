import { showsVat, type Invoice } from '../../../../shared/domain/invoice';
import { useBusinessDefaults } from '../../../stores/business';
import { taxRateLabel } from '../../../../shared/totals';
import { money } from '../../../lib/format';

/** Subtotal, discount, VAT per rate, total, then what was paid and credited and what is still owed. */
export function TotalsTable({ invoice }: { invoice: Invoice }) {
  const vat = showsVat(useBusinessDefaults((s) => s.vatRegistered), invoice.lines);
  const fmt = (minor: number) => money(minor, invoice.currency);
  const t = invoice.totals;
  const isDraft = invoice.status === 'draft';
  const isVoid = invoice.status === 'void';
  const discountNote =
    invoice.discount?.kind === 'percent' ? ` (${taxRateLabel(invoice.discount.bp)})` : '';
  return (
    <table className="invoice-totals" aria-label="Totals">
      <tbody>
        <tr>
          <th scope="row">Subtotal{vat && invoice.pricesIncludeTax ? ' (before VAT)' : ''}</th>
          <td className="num">{fmt(t.subtotalMinor)}</td>
        </tr>
        {t.discountMinor > 0 && (
          <tr>
            <th scope="row">Discount{discountNote}</th>
            <td className="num">−{fmt(t.discountMinor)}</td>
          </tr>
        )}
        {vat && t.taxSummary.map((row) => (
          <tr key={String(row.taxRateBp)} className="totals-tax">
            {row.taxRateBp === null ? (
              <>
                <th scope="row">VAT exempt <span className="muted">on {fmt(row.netMinor)}</span></th>
                <td className="num">—</td>
              </>
            ) : (
              <>
                <th scope="row">VAT {taxRateLabel(row.taxRateBp)} <span className="muted">on {fmt(row.netMinor)}</span></th>
                <td className="num">{fmt(row.taxMinor)}</td>
              </>
            )}
          </tr>
        ))}
        <tr className="totals-total">
          <th scope="row">Total</th>
          <td className="num">{fmt(t.totalMinor)}</td>
        </tr>
        {!isDraft && (
          <>
            <tr>
              <th scope="row">Paid</th>
              <td className="num">{invoice.paidMinor > 0 ? `−${fmt(invoice.paidMinor)}` : fmt(0)}</td>
            </tr>
            <tr>
              <th scope="row">Credited</th>
              <td className="num">{invoice.creditedMinor > 0 ? `−${fmt(invoice.creditedMinor)}` : fmt(0)}</td>
            </tr>
            <tr className="totals-balance">
              <th scope="row">Balance due</th>
              <td className="num">{isVoid ? 'Void' : fmt(invoice.balanceMinor)}</td>
            </tr>
          </>
        )}
      </tbody>
    </table>
  );
}
