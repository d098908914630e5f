// The tax (VAT) report: output tax per rate per month, invoices less credit notes, per currency.
import type { TaxCurrencyReport, TaxMonth, TaxRateLine, TaxReport } from '../../../../shared/domain/analytics';
import { TAX_RATE_CHOICES } from '../../../../shared/domain/invoice';
import type { ChannelParsed } from '../../../../shared/contract';
import type { CurrencyCode } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import type { CoreContext } from '../../context';
import { documentCounts, taxByRate } from './taxRepo';

/** "16%", "0% zero-rated", "Exempt": the words the invoice editor uses for its rates. */
export function rateLabel(rate: number | null): string {
  if (rate === 0) return TAX_RATE_CHOICES.find((c) => c.rateBp === 0)?.label ?? '0%';
  return taxRateLabel(rate);
}

const emptyLine = (rate: number | null): TaxRateLine => ({
  taxRateBp: rate, label: rateLabel(rate), netMinor: 0, taxMinor: 0, invoiceNetMinor: 0, invoiceTaxMinor: 0, creditNetMinor: 0, creditTaxMinor: 0,
});

/** Highest rate first, exempt last: the order of a VAT return. */
const byRate = (a: TaxRateLine, b: TaxRateLine) => (b.taxRateBp ?? -1) - (a.taxRateBp ?? -1);

function addTo(line: TaxRateLine, kind: 'invoice' | 'credit', net: number, tax: number): void {
  if (kind === 'invoice') {
    line.invoiceNetMinor += net;
    line.invoiceTaxMinor += tax;
  } else {
    line.creditNetMinor += net;
    line.creditTaxMinor += tax;
  }
  line.netMinor = line.invoiceNetMinor - line.creditNetMinor;
  line.taxMinor = line.invoiceTaxMinor - line.creditTaxMinor;
}

export function taxReport(ctx: CoreContext, input: ChannelParsed<'reports.tax'>): TaxReport {
  const rows = taxByRate(ctx.sql, input);
  const counts = documentCounts(ctx.sql, input);
  const blocks = new Map<string, { months: Map<string, TaxMonth & { lines: Map<string, TaxRateLine> }>; totals: Map<string, TaxRateLine> }>();
  const block = (currency: string) => {
    let b = blocks.get(currency);
    if (!b) blocks.set(currency, (b = { months: new Map(), totals: new Map() }));
    return b;
  };
  const month = (currency: string, m: string) => {
    const months = block(currency).months;
    let entry = months.get(m);
    if (!entry) months.set(m, (entry = { month: m, rates: [], invoiceCount: 0, creditNoteCount: 0, lines: new Map() }));
    return entry;
  };
  for (const r of rows) {
    const key = String(r.tax_rate_bp);
    const entry = month(r.currency, r.month);
    const line = entry.lines.get(key) ?? emptyLine(r.tax_rate_bp);
    entry.lines.set(key, line);
    addTo(line, r.kind, r.net_minor, r.tax_minor);
    const totals = block(r.currency).totals;
    const total = totals.get(key) ?? emptyLine(r.tax_rate_bp);
    totals.set(key, total);
    addTo(total, r.kind, r.net_minor, r.tax_minor);
  }
  for (const c of counts) {
    const entry = month(c.currency, c.month);
    if (c.kind === 'invoice') entry.invoiceCount += c.n;
    else entry.creditNoteCount += c.n;
  }
  const main = ctx.config.business.defaultCurrency;
  const currencies: TaxCurrencyReport[] = [...blocks.entries()]
    .sort(([a], [b]) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)))
    .map(([currency, b]) => {
      const totals = [...b.totals.values()].sort(byRate);
      return {
        currency: currency as CurrencyCode,
        months: [...b.months.values()]
          .sort((x, y) => x.month.localeCompare(y.month))
          .map(({ lines, ...m }) => ({ ...m, rates: [...lines.values()].sort(byRate) })),
        totals,
        netMinor: totals.reduce((a, l) => a + l.netMinor, 0),
        taxMinor: totals.reduce((a, l) => a + l.taxMinor, 0),
      };
    });
  return { from: input.from, to: input.to, currencies };
}
