// Revenue by catalog item: the lines of finalized invoices issued in a period, before VAT, by the
// item they were filled from. Lines typed freely are one figure of their own, so the parts always
// add up to what was billed before VAT. Credit notes are not split by item (they credit an amount).
import type { ChannelParsed } from '../../../../shared/contract';
import type { ItemRevenue, ItemRevenueRow } from '../../../../shared/domain/item';
import type { ResolvedPeriod } from '../../../../shared/domain/analytics';
import type { CurrencyCode } from '../../../../shared/money';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { cached } from '../dashboard/cache';
import { resolvePeriod } from '../period';

interface ItemSumRow {
  currency: string;
  item_id: string | null;
  revenue: number;
  quantity: number;
  lines: number;
  name: string | null;
  code: string | null;
  unit: string | null;
  deleted_at: string | null;
}

export function revenueByItem(ctx: CoreContext, input: ChannelParsed<'analytics.revenueByItem'>): { period: ResolvedPeriod; currencies: ItemRevenue[] } {
  const today = businessDate(ctx.clock.now());
  const period = resolvePeriod(input.period, today);
  const key = JSON.stringify(['revenueByItem', today, period.from, period.to, input.limit]);
  return structuredClone(cached(ctx.sql, key, () => ({ period, currencies: compute(ctx, period, input.limit) })));
}

function compute(ctx: CoreContext, period: ResolvedPeriod, limit: number): ItemRevenue[] {
  const rows = ctx.sql
    .prepare(
      `SELECT s.currency, s.item_id, s.revenue, s.quantity, s.lines, it.name, it.code, it.unit, it.deleted_at FROM (
         SELECT i.currency, l.item_id, sum(l.net_minor) AS revenue, sum(l.quantity_milli) AS quantity, count(*) AS lines
         FROM invoices i INDEXED BY invoices_by_issue JOIN invoice_lines l ON l.invoice_seq = i.seq
         WHERE i.issue_date BETWEEN ? AND ? AND i.status IN ('open', 'partially_paid', 'paid') AND i.deleted_at IS NULL
         GROUP BY i.currency, l.item_id
       ) s LEFT JOIN items it ON it.id = s.item_id
       ORDER BY s.currency, s.revenue DESC, it.name`,
    )
    .all(period.from, period.to) as ItemSumRow[];
  const main = ctx.config.business.defaultCurrency;
  const byCurrency = new Map<string, ItemRevenue>();
  for (const r of rows) {
    let block = byCurrency.get(r.currency);
    if (!block) byCurrency.set(r.currency, (block = { currency: r.currency as CurrencyCode, rows: [], otherItemsMinor: 0, notFromCatalogMinor: 0, totalMinor: 0 }));
    block.totalMinor += r.revenue;
    // A line whose item is unknown here (not yet synced) counts with the lines typed freely.
    if (r.item_id === null || r.name === null) block.notFromCatalogMinor += r.revenue;
    else if (block.rows.length < limit) {
      const row: ItemRevenueRow = {
        itemId: r.item_id, name: r.name, code: r.code ?? '', unit: r.unit ?? '', revenueMinor: r.revenue, quantityMilli: r.quantity, lineCount: r.lines,
        archived: r.deleted_at !== null,
      };
      block.rows.push(row);
    } else block.otherItemsMinor += r.revenue;
  }
  if (!byCurrency.has(main)) byCurrency.set(main, { currency: main as CurrencyCode, rows: [], otherItemsMinor: 0, notFromCatalogMinor: 0, totalMinor: 0 });
  return [byCurrency.get(main)!, ...[...byCurrency.values()].filter((b) => b.currency !== main).sort((a, b) => a.currency.localeCompare(b.currency))];
}
