// SQL for the report builder: the records a definition matches, with only the columns it needs
// (so a grouped report over finalized invoices reads one covering index and no invoice rows), and
// the grouping, sums and percentiles done by SQLite over them: a report over the whole book sends
// back one row per group, never one per invoice.
import type { ReportDefinition } from '../../../../shared/domain/analytics';
import type { Sql } from '../../db/sql';
import { nearestRank } from './measures';

export interface ReportRecord {
  seq: number;
  currency: string;
  customer_id: string;
  /** YYYY-MM of the record's date (customers: the month they were added). */
  month: string | null;
  status: string | null;
  /** Only when grouped by tax rate: the rate (null = exempt). */
  tax_rate_bp?: number | null;
  /** The amount measured (see reportDefinitionSchema). */
  amount: number;
  /** Detail rows only. */
  ref?: string | null;
  day?: string | null;
  due?: string | null;
  balance?: number | null;
  method?: string | null;
  reference?: string | null;
  code?: string | null;
  name?: string | null;
}

export interface RecordNeeds {
  month: boolean;
  /** Grouped by customer, then month (then currency). */
  groupedByCustomerMonth?: boolean;
  /** Grouped by month first. */
  groupedByMonthFirst?: boolean;
  status: boolean;
  taxRate: boolean;
  detail: boolean;
}

/** A SELECT of the matching records (columns as ReportRecord), to be wrapped by the queries below. */
export interface RecordsQuery {
  text: string;
  params: Params;
  /** The order detail rows come in. */
  order: string;
}

const FINAL = "status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL";

type Params = Record<string, string | number>;

/** Filters every row kind shares: customers, tags, currency. */
function customerFilters(f: ReportDefinition['filters'], column: string, currencyColumn: string, params: Params): string[] {
  const where: string[] = [];
  if (f.customerIds?.length) {
    where.push(`${column} IN (SELECT value FROM json_each(@customerIds))`);
    params.customerIds = JSON.stringify(f.customerIds);
  }
  if (f.tags?.length) {
    where.push(`${column} IN (SELECT customer_id FROM customer_tags WHERE tag IN (SELECT value FROM json_each(@tags)))`);
    params.tags = JSON.stringify(f.tags);
  }
  if (f.currency) {
    where.push(`${currencyColumn} = @currency`);
    params.currency = f.currency;
  }
  return where;
}

function amountFilters(f: ReportDefinition['filters'], column: string, params: Params): string[] {
  const where: string[] = [];
  if (f.minAmountMinor !== undefined) {
    where.push(`${column} >= @minAmount`);
    params.minAmount = f.minAmountMinor;
  }
  if (f.maxAmountMinor !== undefined) {
    where.push(`${column} <= @maxAmount`);
    params.maxAmount = f.maxAmountMinor;
  }
  return where;
}

function dateFilters(f: ReportDefinition['filters'], column: string, params: Params): string[] {
  const where: string[] = [];
  if (f.from) {
    where.push(`${column} >= @from`);
    params.from = f.from;
  }
  if (f.to) {
    where.push(`${column} <= @to`);
    params.to = f.to;
  }
  return where;
}

function invoiceStatusFilter(statuses: string[] | undefined, params: Params, today: string): string {
  if (!statuses?.length) return "i.status IN ('open', 'partially_paid', 'paid') AND i.deleted_at IS NULL";
  const parts: string[] = [];
  const stored = statuses.filter((s) => s !== 'overdue' && s !== 'unpaid');
  if (stored.length) {
    parts.push('i.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(stored);
  }
  if (statuses.includes('unpaid')) parts.push("i.status IN ('open', 'partially_paid')");
  if (statuses.includes('overdue')) {
    parts.push("(i.status IN ('open', 'partially_paid') AND i.due_date < @today)");
    params.today = today;
  }
  return `(${parts.join(' OR ')}) AND i.deleted_at IS NULL`;
}

export function invoiceRecords(d: ReportDefinition, needs: RecordNeeds, today: string): RecordsQuery {
  const params: Params = {};
  const f = d.filters;
  const where = [
    invoiceStatusFilter(f.statuses, params, today),
    ...dateFilters(f, 'i.issue_date', params),
    ...customerFilters(f, 'i.customer_id', 'i.currency', params),
    ...amountFilters(f, 'i.total_minor', params),
  ];
  const columns = [
    'i.seq', 'i.currency', 'i.customer_id', 'i.issue_date AS day',
    needs.month ? 'substr(i.issue_date, 1, 7) AS month' : 'NULL AS month',
    needs.status ? 'i.status' : 'NULL AS status',
    ...(needs.taxRate
      ? ["json_extract(t.value, '$.taxRateBp') AS tax_rate_bp", "json_extract(t.value, '$.netMinor') + json_extract(t.value, '$.taxMinor') AS amount"]
      : ['i.total_minor AS amount']),
    ...(needs.detail ? ['i.number AS ref', 'i.due_date AS due', 'i.balance_minor AS balance'] : []),
  ];
  // The usual report (finalized invoices) reads a covering index, never the invoice rows. Grouped by
  // customer and month over all time, the index in that order (migration 14) hands SQLite each group
  // whole: by issue date it sorted every invoice first.
  const byCustomerMonth = needs.groupedByCustomerMonth && !f.from && !f.to && !needs.taxRate;
  const table = f.statuses?.length ? 'invoices i'
    : byCustomerMonth ? 'invoices i INDEXED BY invoices_final_by_customer_month' : 'invoices i INDEXED BY invoices_final_by_issue';
  const from = needs.taxRate ? `${table}, json_each(i.tax_summary) t` : table;
  return { text: `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where.join(' AND ')}`, params, order: 'day, seq' };
}

export function paymentRecords(d: ReportDefinition, needs: RecordNeeds): RecordsQuery {
  const params: Params = {};
  const f = d.filters;
  const completedOnly = !f.statuses?.length || (f.statuses.length === 1 && f.statuses[0] === 'completed');
  if (!completedOnly) params.statuses = JSON.stringify(f.statuses);
  const where = [
    completedOnly ? "p.status = 'completed'" : 'p.status IN (SELECT value FROM json_each(@statuses))',
    ...dateFilters(f, 'p.paid_on', params),
    ...customerFilters(f, 'p.customer_id', 'p.currency', params),
    ...amountFilters(f, 'p.amount_minor', params),
  ];
  const columns = [
    'p.seq', 'p.currency', 'p.customer_id', 'p.paid_on AS day', needs.month ? 'substr(p.paid_on, 1, 7) AS month' : 'NULL AS month', 'p.status',
    'p.amount_minor AS amount', ...(needs.detail ? ['p.number AS ref', 'p.method', 'p.reference'] : []),
  ];
  // Grouped by month first over all time, the index by month (migration 14) hands SQLite each group
  // whole; by date it sorted every payment first.
  const byMonth = needs.groupedByMonthFirst && !f.from && !f.to;
  const table = completedOnly && !needs.detail
    ? `payments p INDEXED BY ${byMonth ? 'payments_completed_by_month' : 'payments_completed_by_date'}` : 'payments p';
  return { text: `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}`, params, order: 'day, seq' };
}

/**
 * One record per customer and currency billed in: net billed in the date range (0 when nothing
 * was). A RIGHT JOIN, so each billed group finds its customer by id; a LEFT JOIN from customers
 * scanned every group for every customer.
 */
export function customerRecords(d: ReportDefinition): RecordsQuery {
  const params: Params = {};
  const f = d.filters;
  const issued = dateFilters(f, 'issue_date', params);
  const range = issued.length ? `AND ${issued.join(' AND ')}` : '';
  const where = ['c.deleted_at IS NULL', ...customerFilters(f, 'c.id', 'coalesce(b.currency, c.currency)', params), ...amountFilters(f, 'coalesce(b.amount, 0)', params)];
  if (f.statuses?.length) {
    where.push('c.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(f.statuses);
  }
  return {
    text: `SELECT c.seq, coalesce(b.currency, c.currency) AS currency, c.id AS customer_id, substr(c.created_at, 1, 7) AS month, c.status,
         coalesce(b.amount, 0) AS amount, c.code, c.name
       FROM (
         SELECT customer_id, currency, sum(amount) AS amount FROM (
           SELECT customer_id, currency, total_minor AS amount FROM invoices INDEXED BY invoices_final_by_issue WHERE ${FINAL} ${range}
           UNION ALL
           SELECT customer_id, currency, -amount_minor FROM credit_notes WHERE deleted_at IS NULL ${range}
         ) GROUP BY customer_id, currency
       ) b RIGHT JOIN customers c ON b.customer_id = c.id
       WHERE ${where.join(' AND ')}`,
    params,
    order: 'name COLLATE NOCASE, seq',
  };
}

/** The record columns a report groups by (always ending with currency). */
export type GroupColumn = 'customer_id' | 'month' | 'status' | 'tax_rate_bp' | 'currency';

export type GroupDbRow = Partial<Record<GroupColumn, string | number | null>> & { count: number; sum: number };

export function groupSums(sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[]): GroupDbRow[] {
  const list = keys.join(', ');
  return sql.prepare(`SELECT ${list}, count(*) AS count, sum(amount) AS sum FROM (${q.text}) GROUP BY ${list}`).all(q.params) as GroupDbRow[];
}

// SQLite has no percentile aggregate. This one keeps each group's amounts while SQLite groups the
// records and gives back the nearest-rank values asked for (as JSON), so the records themselves
// never come back to JS: on a whole book that copying was most of a report's time.
interface PercentileGroup {
  amounts: number[];
  percents: string;
  currency: unknown;
}
/**
 * While set, every group report_percentiles measures leaves its currency (the optional third
 * argument) and amounts here: the per-currency totals of a pass that measured every group then
 * need no second pass over the records. better-sqlite3 is synchronous: one statement at a time.
 */
let collected: { currency: unknown; amounts: number[] }[] | null = null;
const withPercentiles = new WeakSet<object>();
function registerPercentiles(sql: Sql): void {
  if (withPercentiles.has(sql.db)) return;
  // The typings know only one argument per step; report_percentiles(amount, percents[, currency]) takes more.
  const step = (group: PercentileGroup, amount: number | null, percents: string, currency?: unknown) => {
    group.amounts.push(amount ?? 0);
    group.percents = percents;
    group.currency = currency ?? null;
  };
  sql.db.aggregate('report_percentiles', {
    start: (): PercentileGroup => ({ amounts: [], percents: '[]', currency: null }),
    step: step as unknown as (group: PercentileGroup, next: PercentileGroup) => void,
    varargs: true,
    result: (group: PercentileGroup) => {
      collected?.push({ currency: group.currency, amounts: group.amounts });
      return JSON.stringify(percentilesOf(group.amounts, parsedPercents(group.percents)));
    },
  });
  withPercentiles.add(sql.db);
}

/**
 * Per-currency totals from `rows` when they are every group (their counts and sums), with the
 * percentiles of the amounts the groups' pass collected; null when anything is missing.
 */
function totalsFromGroups(
  rows: readonly GroupDbRow[], groupCount: number, amounts: readonly { currency: unknown; amounts: number[] }[], percents: readonly number[],
): MeasuredDbRow[] | null {
  if (rows.length !== groupCount) return null;
  const byCurrency = new Map<unknown, { count: number; sum: number; amounts: number[][]; collected: number }>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { count: 0, sum: 0, amounts: [], collected: 0 };
    t.count += r.count;
    t.sum += r.sum;
    byCurrency.set(r.currency, t);
  }
  for (const a of amounts) {
    const t = byCurrency.get(a.currency);
    if (!t) return null;
    t.amounts.push(a.amounts);
    t.collected += a.amounts.length;
  }
  const totals: MeasuredDbRow[] = [];
  for (const [currency, t] of byCurrency) {
    if (t.collected !== t.count) return null;
    totals.push({ currency: currency as string, count: t.count, sum: t.sum, percentiles: percentilesOf(t.amounts.flat(), percents) });
  }
  return totals;
}

// Parsed once, not once per group.
const percentLists = new Map<string, number[]>();
function parsedPercents(json: string): number[] {
  let list = percentLists.get(json);
  if (!list) percentLists.set(json, (list = JSON.parse(json) as number[]));
  return list;
}

/** The nearest-rank values of `percents` among `amounts`. */
function percentilesOf(amounts: number[], percents: readonly number[]): number[] {
  const sorted = Float64Array.from(amounts).sort();
  return percents.map((p) => sorted[nearestRank(p, sorted.length) - 1]!);
}

export type MeasuredDbRow = GroupDbRow & { percentiles: number[] | null };

/** What a grouped report sorts its groups by, in SQL: customers by the rank of their name, the rest as JS compares them. */
const ORDER_OF: Record<GroupColumn, string> = {
  customer_id: 'coalesce(min(ranks.rank), -1)',
  month: "coalesce(r.month, '')",
  status: "coalesce(r.status, '')",
  tax_rate_bp: `coalesce(r.tax_rate_bp, ${Number.MAX_SAFE_INTEGER})`,
  currency: 'r.currency',
};

/** A group's key values as one string, the same for SQLite's row and JS's. */
const groupKey = (row: Record<string, unknown>, keys: readonly GroupColumn[]) => JSON.stringify(keys.map((k) => row[k] ?? null));

/**
 * One page of groups in the report's order, measured by SQLite, with the number of groups there
 * are; and the same measures per currency. Whatever the size of the book only a page comes back.
 */
export function measuredGroups(
  sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[],
  page: { percents: readonly number[]; customerRanks: Map<string, number> | null; descending: boolean; limit: number },
): { groups: MeasuredDbRow[]; groupCount: number; totals: MeasuredDbRow[] } {
  const list = keys.map((k) => `r.${k}`).join(', ');
  const ranked = page.customerRanks !== null;
  const dir = page.descending ? ' DESC' : '';
  const asked = page.percents.length > 0;
  if (asked) registerPercentiles(sql);
  const percents = JSON.stringify(page.percents);
  // Groups without customers are few (months, statuses, rates): all are shown, and measured in the
  // same pass. By customer there may be tens of thousands: only the shown ones' percentiles are
  // worked out, below.
  const inPass = asked && !keys.includes('customer_id');
  // The totals' percentiles: near either end of a currency's records (p90) SQLite's sorter need keep
  // only the few past the rank; nearer the middle (a median) one pass keeping them all costs less,
  // and none at all when the groups' pass measured every group (totalsFromGroups).
  const nearEnds = page.percents.every((p) => Math.min(p, 100 - p) <= 25);
  const inTotals = asked && !nearEnds;
  let rows: (GroupDbRow & { groups: number; percentiles: string | null })[];
  let amounts: { currency: unknown; amounts: number[] }[] = [];
  if (inPass && inTotals) collected = [];
  try {
    rows = sql
      .prepare(
        `${ranked ? 'WITH ranks(id, rank) AS MATERIALIZED (SELECT key, value FROM json_each(@ranks))' : ''}
         SELECT ${list}, count(*) AS count, sum(r.amount) AS sum, ${inPass ? 'report_percentiles(r.amount, @percents, r.currency)' : 'NULL'} AS percentiles,
           count(*) OVER () AS groups
         FROM (${q.text}) r ${ranked ? 'LEFT JOIN ranks ON ranks.id = r.customer_id' : ''}
         GROUP BY ${list} ORDER BY ${keys.map((k) => ORDER_OF[k] + dir).join(', ')} LIMIT @rowLimit`,
      )
      .all({
        ...q.params, rowLimit: Math.floor(page.limit), ...(inPass ? { percents } : {}),
        ...(ranked ? { ranks: JSON.stringify(Object.fromEntries(page.customerRanks!)) } : {}),
      }) as (GroupDbRow & { groups: number; percentiles: string | null })[];
    amounts = collected ?? [];
  } finally {
    collected = null;
  }
  const groupCount = rows[0]?.groups ?? 0;
  const parsed = (json: string | null) => (json === null ? null : (JSON.parse(json) as number[]));
  const fromGroups = inPass && inTotals ? totalsFromGroups(rows, groupCount, amounts, page.percents) : null;
  if (fromGroups) return { groups: rows.map((r) => ({ ...r, percentiles: parsed(r.percentiles) })), groupCount, totals: fromGroups };
  const totals = sql
    .prepare(`SELECT r.currency, count(*) AS count, sum(r.amount) AS sum, ${inTotals ? 'report_percentiles(r.amount, @percents)' : 'NULL'} AS percentiles
      FROM (${q.text}) r GROUP BY r.currency`)
    .all({ ...q.params, ...(inTotals ? { percents } : {}) }) as (GroupDbRow & { percentiles: string | null })[];
  if (!asked) {
    return { groups: rows.map((r) => ({ ...r, percentiles: null })), groupCount, totals: totals.map((t) => ({ ...t, percentiles: null })) };
  }

  // The shown groups' records only, matched on their keys (NULL keys too, hence the coalesce).
  let byKey = new Map<string, number[] | null>();
  if (!inPass && rows.length > 0) {
    const matched = keys.map((k) => `coalesce(r.${k}, char(0))`).join(', ');
    const fromShown = keys.map((_, i) => `coalesce(json_extract(value, '$[${i}]'), char(0))`).join(', ');
    const measured = sql
      .prepare(
        `SELECT ${list}, report_percentiles(r.amount, @percents) AS percentiles FROM (${q.text}) r
         WHERE (${matched}) IN (SELECT ${fromShown} FROM json_each(@shown)) GROUP BY ${list}`,
      )
      .all({ ...q.params, percents, shown: JSON.stringify(rows.map((r) => keys.map((k) => r[k] ?? null))) }) as (Record<string, unknown> & { percentiles: string })[];
    byKey = new Map(measured.map((m) => [groupKey(m, keys), parsed(m.percentiles)]));
  }

  const nth = (currency: string, rank: number, count: number) => {
    const fromTop = rank > count / 2;
    return sql
      .prepare(`SELECT r.amount FROM (${q.text}) r WHERE r.currency = @totalCurrency ORDER BY r.amount${fromTop ? ' DESC' : ''} LIMIT 1 OFFSET @offset`)
      .pluck()
      .get({ ...q.params, totalCurrency: currency, offset: fromTop ? count - rank : rank - 1 }) as number | null;
  };
  const totalPercentiles = (t: GroupDbRow & { percentiles: string | null }) =>
    inTotals ? parsed(t.percentiles) : page.percents.map((p) => nth(String(t.currency), nearestRank(p, t.count), t.count) ?? 0);
  return {
    groups: rows.map((r) => ({ ...r, percentiles: inPass ? parsed(r.percentiles) : byKey.get(groupKey(r, keys)) ?? null })),
    groupCount,
    totals: totals.map((t) => ({ ...t, percentiles: totalPercentiles(t) })),
  };
}

/**
 * Every record's group values and amount, as arrays ([...keys, amount]): for percentiles, which
 * SQLite has no aggregate for. Grouping and sorting these in JS beats a window function (or
 * SQLite's sorter) over a whole book several times over.
 */
export function amountsOf(sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[]): unknown[][] {
  return sql.prepare(`SELECT ${keys.join(', ')}, amount FROM (${q.text})`).raw(true).all(q.params) as unknown[][];
}

/** Every customer's code and name, deleted ones too (their invoices still count). */
export function everyCustomerName(sql: Sql): { id: string; code: string; name: string }[] {
  return sql.prepare('SELECT id, code, name FROM customers').all() as { id: string; code: string; name: string }[];
}

/** The records themselves, in the report's order; all of them when `limit` is null. */
export function detailRecords(sql: Sql, q: RecordsQuery, limit: number | null): ReportRecord[] {
  const text = `SELECT * FROM (${q.text}) ORDER BY ${q.order}`;
  // The limit is bound, never written into the SQL: one statement serves every limit.
  if (limit === null) return sql.prepare(text).all(q.params) as ReportRecord[];
  return sql.prepare(`${text} LIMIT @rowLimit`).all({ ...q.params, rowLimit: Math.floor(limit) }) as ReportRecord[];
}
