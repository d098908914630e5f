import type { TaxCurrencyReport, TaxRateLine } from '../../../../shared/domain/analytics';
import { formatCount, money } from '../../../lib/format';
import { monthLabel } from '../../../lib/months';

/** One currency's VAT: a row per rate per month, credit notes shown where they reduce it, totals per rate. */
export function VatTable({ report }: { report: TaxCurrencyReport }) {
  const c = report.currency;
  const credit = (l: TaxRateLine) =>
    l.creditNetMinor !== 0 || l.creditTaxMinor !== 0 ? `−${money(l.creditNetMinor, c)} net, −${money(l.creditTaxMinor, c)} VAT` : '—';
  return (
    <div className="table-wrap vat-table-wrap">
      <table className="data-table vat-table">
        <caption>VAT in {c}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Rate</th>
            <th scope="col" className="num">Net</th>
            <th scope="col" className="num">VAT</th>
            <th scope="col">Credit notes</th>
          </tr>
        </thead>
        <tbody>
          {report.months.flatMap((m) =>
            m.rates.map((l, i) => (
              <tr key={`${m.month}-${l.label}`}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={m.rates.length}>
                    {monthLabel(m.month)}
                    <span className="cell-sub">
                      {formatCount(m.invoiceCount)} {m.invoiceCount === 1 ? 'invoice' : 'invoices'}
                      {m.creditNoteCount > 0 && `, ${formatCount(m.creditNoteCount)} credit ${m.creditNoteCount === 1 ? 'note' : 'notes'}`}
                    </span>
                  </th>
                )}
                <td>{l.label}</td>
                <td className="num">{money(l.netMinor, c)}</td>
                <td className="num">{money(l.taxMinor, c)}</td>
                <td className="muted">{credit(l)}</td>
              </tr>
            )),
          )}
        </tbody>
        <tfoot>
          {report.totals.map((l) => (
            <tr key={l.label}>
              <th scope="row">Total</th>
              <td>{l.label}</td>
              <td className="num">{money(l.netMinor, c)}</td>
              <td className="num">{money(l.taxMinor, c)}</td>
              <td className="muted">{credit(l)}</td>
            </tr>
          ))}
          <tr className="vat-grand">
            <th scope="row" colSpan={2}>VAT due, {c}</th>
            <td className="num">{money(report.netMinor, c)}</td>
            <td className="num">{money(report.taxMinor, c)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
