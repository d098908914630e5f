// The invoices behind a KPI, bar, slice or list row, with what each adds to it, a page at a time.
import type { DrilldownPage, DrilldownRow, DrilldownTarget } from '../../../../shared/domain/analytics';
import type { ChannelParsed } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { toListRow } from '../../invoices/mapping';
import { listRowsBySeq } from '../../invoices/repo';
import { keptBilled } from '../dashboard/flows';
import { firstInvoices } from '../dashboard/repo';
import { dayNumber, formatDay, formatRange } from '../dates';
import { balancesOn, bucketOf, dueDatesOfBucket, emptySnapshot, loadHoldings, receivablesOn } from '../receivables/asOf';
import { receivablesPage } from '../receivables/repo';
import * as repo from './repo';

interface Item {
  seq: number;
  contribution: number;
  daysPastDue: number | null;
}

function titleOf(t: DrilldownTarget): string {
  switch (t.kind) {
    case 'billed':
      return `Billed ${formatRange(t.from, t.to)} (${t.currency})${t.excludeCustomerIds?.length ? ', other customers' : ''}`;
    case 'collected':
      return `Payments received ${formatRange(t.from, t.to)} (${t.currency}), by invoice`;
    case 'receivables': {
      const which = t.bucket === undefined ? 'Receivables' : t.bucket === 'overdue' ? 'Overdue receivables' : `Receivables ${t.bucket.replace('-', '–')} days past due`;
      return `${which} on ${formatDay(t.asOf)} (${t.currency})`;
    }
    case 'newCustomers':
      return `First invoices of new customers, ${formatRange(t.from, t.to)} (${t.currency})`;
    case 'paid':
      return `Invoices paid in full ${formatRange(t.from, t.to)} (${t.currency})`;
  }
}

/** Rows that are not receivables: no days past due. */
const plain = (rows: repo.ContributionDbRow[]) => rows.map((r) => ({ seq: r.seq, contribution: r.contribution, daysPastDue: null }));

function itemsOf(ctx: CoreContext, t: Exclude<DrilldownTarget, { kind: 'paid' }>): { items: Item[]; unappliedMinor: number } {
  switch (t.kind) {
    case 'billed':
      return { items: plain(repo.billedContributions(ctx.sql, t)), unappliedMinor: 0 };
    case 'collected':
      return { items: plain(repo.collectedContributions(ctx.sql, t)), unappliedMinor: repo.unappliedInRange(ctx.sql, t) };
    case 'newCustomers': {
      const firsts = firstInvoices(ctx.sql, t.from, t.to, t.currency).sort((a, b) => (a.issue_date < b.issue_date ? -1 : a.issue_date > b.issue_date ? 1 : a.seq - b.seq));
      const totals = new Map(listRowsBySeq(ctx.sql, firsts.map((f) => f.seq)).map((r) => [r.seq, r.total_minor]));
      return { items: firsts.map((f) => ({ seq: f.seq, contribution: totals.get(f.seq) ?? 0, daysPastDue: null })), unappliedMinor: 0 };
    }
    case 'receivables': {
      const holdings = loadHoldings(ctx.sql, { first: t.asOf, last: t.asOf, currency: t.currency, customerId: t.customerId });
      const balances = balancesOn(holdings, t.asOf).filter((b) => {
        if (t.bucket === undefined) return true;
        if (t.bucket === 'overdue') return b.daysPastDue > 0;
        return bucketOf(b.daysPastDue) === t.bucket;
      });
      balances.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq));
      return { items: balances.map((b) => ({ seq: b.seq, contribution: b.balanceMinor, daysPastDue: b.daysPastDue })), unappliedMinor: 0 };
    }
  }
}

/**
 * The count and sum of a billed page's invoices (no credit note in the range). Of every customer, or
 * every customer but the top ones ("others"): the period's days the dashboard keeps, less the top
 * customers' own invoices, when those days are kept; else counted in SQL.
 */
function billedTotals(ctx: CoreContext, t: Extract<DrilldownTarget, { kind: 'billed' }>): { count: number; sum: number } {
  const all = t.customerId === undefined ? keptBilled(ctx.sql, t.currency, t.from, t.to) : null;
  if (all === null) return repo.billedTotals(ctx.sql, t);
  if (!t.excludeCustomerIds?.length) return all;
  const top = repo.billedTotalsOfCustomers(ctx.sql, t, t.excludeCustomerIds);
  return { count: all.count - top.count, sum: all.sum - top.sum };
}

/**
 * One page of the items, with their count and sum. Billing with no credit note in the range, and
 * paid, are paged in SQL; so are receivables of every customer, whose count and sum are the day's
 * snapshot the dashboard shows (kept from it, or read and kept now).
 */
function pageOf(ctx: CoreContext, t: DrilldownTarget, offset: number, limit: number) {
  if (t.kind === 'billed' && !repo.creditedInRange(ctx.sql, t)) {
    const { count, sum } = billedTotals(ctx, t);
    return { pageItems: plain(repo.billedPage(ctx.sql, t, offset, limit)), total: count, sumMinor: sum, unappliedMinor: 0 };
  }
  if (t.kind === 'paid') {
    const { count, sum } = repo.paidTotals(ctx.sql, t);
    return { pageItems: plain(repo.paidPage(ctx.sql, t, offset, limit)), total: count, sumMinor: sum, unappliedMinor: 0 };
  }
  if (t.kind === 'receivables' && t.customerId === undefined) {
    const snapshot = receivablesOn(ctx.sql, [t.asOf]).byDate.get(t.asOf)!.get(t.currency) ?? emptySnapshot();
    const { count, sum } = t.bucket === undefined ? { count: snapshot.invoiceCount, sum: snapshot.totalMinor }
      : t.bucket === 'overdue' ? { count: snapshot.overdueCount, sum: snapshot.overdueMinor }
        : { count: snapshot.buckets[t.bucket].invoiceCount, sum: snapshot.buckets[t.bucket].amountMinor };
    const day = dayNumber(t.asOf);
    const pageItems = receivablesPage(ctx.sql, { asOf: t.asOf, currency: t.currency, ...dueDatesOfBucket(t.asOf, t.bucket) }, offset, limit)
      .map(([seq, dueDate, balance]) => ({ seq, contribution: balance, daysPastDue: day - dayNumber(dueDate) }));
    return { pageItems, total: count, sumMinor: sum, unappliedMinor: 0 };
  }
  const { items, unappliedMinor } = itemsOf(ctx, t);
  return {
    pageItems: items.slice(offset, offset + limit), total: items.length, sumMinor: items.reduce((a, i) => a + i.contribution, 0), unappliedMinor,
  };
}

export function drilldown(ctx: CoreContext, input: ChannelParsed<'analytics.drilldown'>): DrilldownPage {
  const t = input.target;
  if ('from' in t && t.from > t.to) throw new AppError('invalid_input', 'The last day is before the first day.', { 'target.to': 'Before the first day' });
  const today = businessDate(ctx.clock.now());
  const { pageItems, total, sumMinor, unappliedMinor } = pageOf(ctx, t, input.offset, input.limit);
  const bySeq = new Map(listRowsBySeq(ctx.sql, pageItems.map((i) => i.seq)).map((r) => [r.seq, r]));
  const rows: DrilldownRow[] = pageItems.flatMap((item) => {
    const row = bySeq.get(item.seq);
    return row ? [{ ...toListRow(row, today), contributionMinor: item.contribution, daysPastDue: item.daysPastDue }] : [];
  });
  return { rows, total, offset: input.offset, sumMinor, unappliedMinor, title: titleOf(t) };
}
