// SQL for the report builder: the records a definition matches, with only the columns it needs
// (so a grouped report over finalized invoices reads one covering index and no invoice rows), and
// the grouping, sums and percentiles done by SQLite over them: a report over the whole book sends
// back one row per group, never one per invoice.
import type { ReportDefinition } from '../../../../shared/domain/analytics';
import type { Sql } from '../../db/sql';

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
  // The usual report (finalized invoices) reads the covering index, never the invoice rows.
  const table = f.statuses?.length ? 'invoices i' : 'invoices i INDEXED BY invoices_final_by_issue';
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
  const table = completedOnly && !needs.detail ? 'payments p INDEXED BY payments_completed_by_date' : 'payments p';
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

/**
 * Every record's group values and amount, as arrays ([...keys, amount]): for percentiles, which
 * SQLite has no aggregate for. Grouping and sorting these in JS beats a window function (or
 * SQLite's sorter) over a whole book several times over.
 */
export function amountsOf(sql: Sql, q: RecordsQuery, keys: readonly GroupColumn[]): unknown[][] {
  return sql.prepare(`SELECT ${keys.join(', ')}, amount FROM (${q.text})`).raw(true).all(q.params) as unknown[][];
}

/** The records themselves, in the report's order; all of them when `limit` is null. */
export function detailRecords(sql: Sql, q: RecordsQuery, limit: number | null): ReportRecord[] {
  const text = `SELECT * FROM (${q.text}) ORDER BY ${q.order}`;
  // The limit is bound, never written into the SQL: one statement serves every limit.
  if (limit === null) return sql.prepare(text).all(q.params) as ReportRecord[];
  return sql.prepare(`${text} LIMIT @rowLimit`).all({ ...q.params, rowLimit: Math.floor(limit) }) as ReportRecord[];
}
