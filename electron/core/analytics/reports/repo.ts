// SQL for the report builder: the records a definition matches, with only the columns it needs
// (so a grouped report over finalized invoices reads one covering index and no invoice rows), and
// the grouping and sums done by SQLite over them, with each group's amounts as one text for the
// percentiles: a report over the whole book sends back one row per group, never one per invoice.
import type { ReportDefinition } from '../../../../shared/domain/analytics';
import type { Sql } from '../../db/sql';
import { customerIdWithoutSeq } from '../../db/customerSeq';
import { taxSummaryPart } from '../../db/invoiceForms';
import { joinedAmounts, parseAmounts, percentilesOf } from './measures';

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
  /** Grouped by customer first (then anything). */
  groupedByCustomerFirst?: boolean;
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

/**
 * Filters every row kind shares: customers, tags, currency. `bySeq`: the column holds the customer's
 * seq, not its id (invoices, migration 26; payments, migration 27), so the ids asked for are turned into seqs.
 */
function customerFilters(f: ReportDefinition['filters'], column: string, currencyColumn: string, params: Params, bySeq = false): string[] {
  const where: string[] = [];
  if (f.customerIds?.length) {
    where.push(bySeq ? `${column} IN (SELECT seq FROM customers WHERE id IN (SELECT value FROM json_each(@customerIds)))` : `${column} IN (SELECT value FROM json_each(@customerIds))`);
    params.customerIds = JSON.stringify(f.customerIds);
  }
  if (f.tags?.length) {
    where.push(`${column} IN (SELECT ${bySeq ? 'customer_seq' : 'customer_id'} FROM customer_tags WHERE tag IN (SELECT value FROM json_each(@tags)))`);
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
    ...customerFilters(f, 'i.customer_seq', 'i.currency', params, true),
    ...amountFilters(f, 'i.total_minor', params),
  ];
  const columns = [
    // The indexes hold the customer's seq (migration 26): the id is looked up only when the report uses it.
    'i.seq', 'i.currency', `coalesce((SELECT id FROM customers WHERE seq = i.customer_seq), ${customerIdWithoutSeq('i')}) AS customer_id`, 'i.customer_seq', 'i.issue_date AS day',
    needs.month ? 'substr(i.issue_date, 1, 7) AS month' : 'NULL AS month',
    needs.status ? 'i.status' : 'NULL AS status',
    ...(needs.taxRate
      ? [`${taxSummaryPart('t.value', 'taxRateBp')} AS tax_rate_bp`, `${taxSummaryPart('t.value', 'netMinor')} + ${taxSummaryPart('t.value', 'taxMinor')} AS amount`]
      : ['i.total_minor AS amount']),
    ...(needs.detail ? ['i.number AS ref', 'i.due_date AS due', 'i.balance_minor AS balance'] : []),
  ];
  // The usual report (finalized invoices) reads a covering index, never the invoice rows. Grouped by
  // customer and month over all time, the index in that order (migration 14) hands SQLite each group
  // whole: by issue date it sorted every invoice first.
  const byCustomerMonth = needs.groupedByCustomerMonth && !f.from && !f.to && !needs.taxRate;
  // Grouped by customer first over all time, the index by customer (and currency) hands them over in
  // order, with no sort of every invoice by customer.
  const byCustomer = needs.groupedByCustomerFirst && !f.from && !f.to && !needs.taxRate;
  const table = f.statuses?.length ? 'invoices i'
    : byCustomerMonth ? 'invoices i INDEXED BY invoices_final_by_customer_month'
    : byCustomer ? 'invoices i INDEXED BY invoices_final_by_customer_amount' : 'invoices i INDEXED BY invoices_final_by_issue';
  const from = needs.taxRate ? `${table}, json_each(i.tax_summary) t` : table;
  return {
    text: `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where.join(' AND ')}`, params, order: 'day, seq',
  };
}

export function paymentRecords(d: ReportDefinition, needs: RecordNeeds): RecordsQuery {
  const params: Params = {};
  const f = d.filters;
  const completedOnly = !f.statuses?.length || (f.statuses.length === 1 && f.statuses[0] === 'completed');
  if (!completedOnly) params.statuses = JSON.stringify(f.statuses);
  const where = [
    completedOnly ? "p.status = 'completed'" : 'p.status IN (SELECT value FROM json_each(@statuses))',
    ...dateFilters(f, 'p.paid_on', params),
    ...customerFilters(f, 'p.customer_seq', 'p.currency', params, true),
    ...amountFilters(f, 'p.amount_minor', params),
  ];
  // The indexes hold the customer's seq (migration 27), not its id. Grouped by customer, each record
  // joins its customer by seq for the id: a lookup in the record's column was made twice a record,
  // twice the time. Otherwise the id is read only if asked for (SQLite leaves an unread column out).
  // Grouped by customer first in the usual order, the reads group by customer_seq and look each id
  // up once (customersFirst); sorted by a column, every record still needs its id.
  const joinsCustomers = !needs.detail && d.groupBy.includes('customer') && !(needs.groupedByCustomerFirst && d.sortBy === undefined);
  // A payment whose customer has not arrived from sync (no seq) gives its own row's id.
  const waiting = '(SELECT w.customer_id FROM payments w WHERE w.seq = p.seq)';
  const customerId = needs.detail ? 'p.customer_id'
    : joinsCustomers ? `CASE WHEN p.customer_seq IS NULL THEN ${waiting} ELSE c.id END AS customer_id`
    : `CASE WHEN p.customer_seq IS NULL THEN ${waiting} ELSE (SELECT id FROM customers WHERE seq = p.customer_seq) END AS customer_id`;
  const columns = [
    'p.seq', 'p.currency', customerId, 'p.customer_seq', 'p.paid_on AS day', needs.month ? 'substr(p.paid_on, 1, 7) AS month' : 'NULL AS month', 'p.status',
    'p.amount_minor AS amount', ...(needs.detail ? ['p.number AS ref', 'p.method', 'p.reference'] : []),
  ];
  // Grouped by month first over all time, the index by month (migration 14) hands SQLite each group
  // whole; by date it sorted every payment first.
  const byMonth = needs.groupedByMonthFirst && !f.from && !f.to;
  // Grouped by customer first over all time, the customer's index (which holds what a report reads)
  // hands them over in order: by date, every payment was sorted by customer.
  const byCustomerFirst = needs.groupedByCustomerFirst && !f.from && !f.to;
  const index = byMonth ? 'payments_completed_by_month' : byCustomerFirst ? 'payments_by_customer' : 'payments_completed_by_date';
  const table = completedOnly && !needs.detail ? `payments p INDEXED BY ${index}` : 'payments p';
  const from = joinsCustomers ? `${table} LEFT JOIN customers c ON c.seq = p.customer_seq` : table;
  return { text: `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where.join(' AND ')}`, params, order: 'day, seq' };
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
         SELECT customer_seq, currency, sum(amount) AS amount FROM (
           SELECT customer_seq, currency, total_minor AS amount FROM invoices INDEXED BY invoices_final_by_issue WHERE ${FINAL} ${range}
           UNION ALL
           SELECT (SELECT seq FROM customers WHERE id = customer_id), currency, -amount_minor FROM credit_notes WHERE deleted_at IS NULL ${range}
         ) GROUP BY customer_seq, currency
       ) b RIGHT JOIN customers c ON b.customer_seq = c.seq
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

export type MeasuredDbRow = GroupDbRow & { percentiles: number[] | null };

/** A group as SQLite measured it; `amounts` its amounts joined with commas, when percentiles are asked. */
type PageDbRow = GroupDbRow & { amounts: string | null };

// SQLite has no nearest-rank percentile (its percentile_disc ranks otherwise): each group's amounts
// come back as one text (group_concat, in C) that JS reads and ranks. One row per group, never one
// per record, and no JS called per record: that was most of a report's time.
const AMOUNTS = 'group_concat(coalesce(r.amount, 0))';

/** What a grouped report sorts its groups by, in SQL: customers by the rank of their name, the rest as JS compares them. */
const ORDER_OF: Record<GroupColumn, string> = {
  customer_id: 'coalesce(min(ranks.rank), -1)',
  month: "coalesce(r.month, '')",
  status: "coalesce(r.status, '')",
  tax_rate_bp: `coalesce(r.tax_rate_bp, ${Number.MAX_SAFE_INTEGER})`,
  currency: 'r.currency',
};

/** The same order in JS, for groups measured in SQL but put in order here. */
function groupOrder(keys: readonly GroupColumn[], ranks: Map<string, number>, descending: boolean): (a: GroupDbRow, b: GroupDbRow) => number {
  const sortValue = (row: GroupDbRow, k: GroupColumn): string | number => {
    const v = row[k] ?? null;
    if (k === 'customer_id') return ranks.get(String(v)) ?? -1;
    if (k === 'tax_rate_bp') return v ?? Number.MAX_SAFE_INTEGER;
    return v ?? '';
  };
  const sign = descending ? -1 : 1;
  return (a, b) => {
    for (const k of keys) {
      const x = sortValue(a, k);
      const y = sortValue(b, k);
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  };
}

/** A group's key values as one string, the same for SQLite's row and JS's. */
const groupKey = (row: Record<string, unknown>, keys: readonly GroupColumn[]) => JSON.stringify(keys.map((k) => row[k] ?? null));

interface PageAsked {
  percents: readonly number[];
  customerRanks: Map<string, number> | null;
  descending: boolean;
  limit: number;
}

/** A currency's count, sum and (when percentiles are asked) amounts, as read in parts. */
interface CurrencyTotal {
  currency: string;
  count: number;
  sum: number;
  amounts: Float64Array[];
}

/**
 * One page of groups in the report's order, measured by SQLite, with the number of groups there
 * are; and the same measures per currency. Whatever the size of the book only a page comes back.
 */
export function measuredGroups(
  sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[], page: PageAsked,
): { groups: MeasuredDbRow[]; groupCount: number; totals: MeasuredDbRow[] } {
  const asked = page.percents.length > 0;
  const read = page.customerRanks !== null && keys[0] === 'customer_id' && keys.length <= 3
    ? customersFirst(sql, q, keys, page, page.customerRanks)
    : inOrder(sql, q, keys, page);
  const { rows, groupCount } = read;

  // Groups whose amounts did not come with the page (by customer, not first): the shown ones only,
  // matched on their keys (NULL keys too, hence the coalesce).
  const missing = asked ? rows.filter((r) => r.amounts === null) : [];
  if (missing.length > 0) {
    const list = keys.map((k) => `r.${k}`).join(', ');
    const matched = keys.map((k) => `coalesce(r.${k}, char(0))`).join(', ');
    const fromShown = keys.map((_, i) => `coalesce(json_extract(value, '$[${i}]'), char(0))`).join(', ');
    const found = sql
      .prepare(
        `SELECT ${list}, ${AMOUNTS} AS amounts FROM (${q.text}) r
         WHERE (${matched}) IN (SELECT ${fromShown} FROM json_each(@shown)) GROUP BY ${list}`,
      )
      .all({ ...q.params, shown: JSON.stringify(missing.map((r) => keys.map((k) => r[k] ?? null))) }) as (Record<string, unknown> & { amounts: string })[];
    const byKey = new Map(found.map((f) => [groupKey(f, keys), f.amounts]));
    for (const r of missing) r.amounts = byKey.get(groupKey(r, keys)) ?? null;
  }
  const amounts = rows.map((r) => (asked && r.amounts !== null ? parseAmounts(r.amounts) : null));
  const groups = rows.map(({ amounts: _, ...r }, i) => ({ ...r, percentiles: amounts[i] ? percentilesOf(amounts[i]!, page.percents) : null }));

  // Totals: as the page's read found them, or from the page's groups when it holds them all, or one more pass.
  let totals = read.totals;
  if (!totals && rows.length === groupCount) {
    const byCurrency = new Map<string, CurrencyTotal>();
    rows.forEach((r, i) => {
      const currency = String(r.currency);
      const t = byCurrency.get(currency) ?? { currency, count: 0, sum: 0, amounts: [] };
      t.count += r.count;
      t.sum += r.sum;
      if (amounts[i]) t.amounts.push(amounts[i]!);
      byCurrency.set(currency, t);
    });
    totals = [...byCurrency.values()];
  }
  if (!totals) {
    const perCurrency = sql
      .prepare(`SELECT r.currency, count(*) AS count, sum(r.amount) AS sum, ${asked ? AMOUNTS : 'NULL'} AS amounts FROM (${q.text}) r GROUP BY r.currency`)
      .all(q.params) as { currency: string; count: number; sum: number; amounts: string | null }[];
    totals = perCurrency.map((t) => ({ ...t, amounts: t.amounts === null ? [] : [parseAmounts(t.amounts)] }));
  }
  return {
    groups,
    groupCount,
    totals: totals.map(({ amounts: lists, ...t }) => ({ ...t, percentiles: asked ? percentilesOf(joinedAmounts(lists), page.percents) : null })),
  };
}

/**
 * Groups in SQL's order, cut to the page: measured in the same pass, amounts too unless customers
 * are among the keys (tens of thousands of groups: only the shown ones' amounts are read, above).
 */
function inOrder(sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[], page: PageAsked): { rows: PageDbRow[]; groupCount: number; totals: null } {
  const list = keys.map((k) => `r.${k}`).join(', ');
  const ranked = page.customerRanks !== null;
  const dir = page.descending ? ' DESC' : '';
  const inPass = page.percents.length > 0 && !keys.includes('customer_id');
  const rows = sql
    .prepare(
      `${ranked ? 'WITH ranks(id, rank) AS MATERIALIZED (SELECT key, value FROM json_each(@ranks))' : ''}
       SELECT ${list}, count(*) AS count, sum(r.amount) AS sum, ${inPass ? AMOUNTS : 'NULL'} AS amounts, count(*) OVER () AS groups
       FROM (${q.text}) r ${ranked ? 'LEFT JOIN ranks ON ranks.id = r.customer_id' : ''}
       GROUP BY ${list} ORDER BY ${keys.map((k) => ORDER_OF[k] + dir).join(', ')} LIMIT @rowLimit`,
    )
    .all({
      ...q.params, rowLimit: Math.floor(page.limit),
      ...(ranked ? { ranks: JSON.stringify(Object.fromEntries(page.customerRanks!)) } : {}),
    }) as (PageDbRow & { groups: number })[];
  return { rows: rows.map(({ groups: _, ...r }) => r), groupCount: rows[0]?.groups ?? 0, totals: null };
}

/**
 * `SELECT customer_id, <columns> … GROUP BY` the customer, then `rest`, over the records of the
 * customers `ids` names (every one when null). The records (invoices and payments, which carry
 * customer_seq since migrations 26 and 27) are grouped by seq: in their index's order where it leads
 * with the seq (no sort of every record), each group's id looked up once, and the customers asked
 * for found through the index. A record whose customer has not
 * arrived from sync has no seq: those are grouped by their own customer id, in a second read made
 * only when there are some.
 */
function groupedByCustomer<T extends { customer_id?: string | number | null }>(
  sql: Sql, q: RecordsQuery, columns: string, rest: string, ids: readonly string[] | null,
): T[] {
  const read = (customerId: string, where: string, groupBy: string, params: Params) =>
    sql.prepare(`SELECT ${customerId} AS customer_id, ${columns} FROM (${q.text}) r ${where} GROUP BY ${groupBy}${rest}`).all({ ...q.params, ...params }) as T[];
  const idOfSeq = '(SELECT id FROM customers WHERE seq = r.customer_seq)';
  let rows: T[];
  let waiting: readonly string[] | null = null;
  if (ids) {
    const known = sql.prepare('SELECT id, seq FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: string; seq: number }[];
    const knownIds = new Set(known.map((k) => k.id));
    waiting = ids.filter((id) => !knownIds.has(id));
    rows = known.length === 0 ? []
      : read(idOfSeq, 'WHERE r.customer_seq IN (SELECT value FROM json_each(@seqs))', 'r.customer_seq', { seqs: JSON.stringify(known.map((k) => k.seq)) });
  } else rows = read(idOfSeq, '', 'r.customer_seq', {});
  // Every record without a seq came in one group, with no id.
  const someWaiting = waiting ? waiting.length > 0 : rows.some((r) => r.customer_id == null);
  if (!someWaiting) return rows;
  return [
    ...rows.filter((r) => r.customer_id != null),
    ...read('r.customer_id', `WHERE r.customer_seq IS NULL${waiting ? ' AND r.customer_id IN (SELECT value FROM json_each(@waiting))' : ''}`, 'r.customer_id', waiting ? { waiting: JSON.stringify(waiting) } : {}),
  ];
}

/**
 * Grouped by customer first (then at most one more key, then currency). One pass per customer
 * gives how many groups each has, and the totals; JS picks the customers the page starts with by
 * the rank of their name, and only their groups are measured, and put in order here. Ranking every
 * group in SQL joined each record to the ranks and sorted every group of the book, then read the
 * book twice more for the totals: three times the time on 100,000 invoices.
 */
function customersFirst(
  sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[], page: PageAsked, ranks: Map<string, number>,
): { rows: PageDbRow[]; groupCount: number; totals: CurrencyTotal[] } {
  const asked = page.percents.length > 0;
  const middle = keys.slice(1, -1)[0];
  // NULL is a group of its own, as in GROUP BY; count(DISTINCT) skips it.
  const groupsOf = middle ? `count(DISTINCT r.${middle}) + max(r.${middle} IS NULL)` : '1';
  type PerCustomer = { customer_id: string; currency: string; last: string; groups: number; count: number; sum: number; amounts: string | null };
  const columns = `min(r.currency) AS currency, max(r.currency) AS last, ${groupsOf} AS groups, count(*) AS count, sum(r.amount) AS sum, ${asked ? AMOUNTS : 'NULL'} AS amounts`;
  // Per customer, in the order of the index the records come in where it has one; the rare customer
  // billed in several currencies is read again per currency.
  const perCustomer = groupedByCustomer<PerCustomer>(sql, q, columns, '', null);
  const several = perCustomer.filter((c) => c.currency !== c.last).map((c) => c.customer_id);
  const perCurrency = several.length === 0 ? perCustomer : [
    ...perCustomer.filter((c) => c.currency === c.last),
    ...groupedByCustomer<PerCustomer>(sql, q, columns, ', r.currency', several),
  ];

  const groupsByCustomer = new Map<string, number>();
  const totals = new Map<string, CurrencyTotal>();
  for (const c of perCurrency) {
    groupsByCustomer.set(c.customer_id, (groupsByCustomer.get(c.customer_id) ?? 0) + c.groups);
    const t = totals.get(c.currency) ?? { currency: c.currency, count: 0, sum: 0, amounts: [] };
    t.count += c.count;
    t.sum += c.sum;
    if (c.amounts !== null) t.amounts.push(parseAmounts(c.amounts));
    totals.set(c.currency, t);
  }
  const rankOf = (id: string) => ranks.get(id) ?? -1;
  const customers = [...groupsByCustomer].sort(page.descending ? (a, b) => rankOf(b[0]) - rankOf(a[0]) : (a, b) => rankOf(a[0]) - rankOf(b[0]));
  const limit = Math.floor(page.limit);
  const shown: string[] = [];
  let groupCount = 0;
  let lastRank: number | null = null;
  for (const [id, groups] of customers) {
    // Customers of one rank (none known: no name to rank by) interleave their groups in SQL's order: all or none.
    if (groupCount < limit || rankOf(id) === lastRank) {
      shown.push(id);
      lastRank = rankOf(id);
    }
    groupCount += groups;
  }
  const others = keys.slice(1).map((k) => `r.${k}`);
  const rows = shown.length === 0 ? [] : groupedByCustomer<PageDbRow>(
    sql, q, `${others.join(', ')}, count(*) AS count, sum(r.amount) AS sum, ${asked ? AMOUNTS : 'NULL'} AS amounts`, others.map((o) => `, ${o}`).join(''), shown,
  );
  return { rows: rows.sort(groupOrder(keys, ranks, page.descending)).slice(0, limit), groupCount, totals: [...totals.values()] };
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
