// SQL for the intelligence models: plain reads, no rules. Dates come back as day numbers
// (days since 1970-01-01) where the models do arithmetic on them.
import type { CurrencyCode } from '../../../../shared/money';
import { commas, dayAt, daysFromDates, daysInto, numbersFromList, numbersInto } from '../../db/concatenated';
import type { Sql } from '../../db/sql';
import { customerIdsBySeq, customerIdWithoutSeq } from '../../db/customerSeq';
import type { AmountColumns } from './anomalies';

/**
 * A finalized invoice's settlement, for fitting and testing the payment model: already in the
 * models' shape, so a 100,000-invoice book is not copied into new objects on the way.
 */
export interface SettlementRow {
  customerId: string;
  currency: string;
  issueDay: number;
  dueDay: number;
  /** The day it was paid in full; null while money is owed. */
  paidDay: number | null;
  totalMinor: number;
}

/** A YYYY-MM-DD column as a day number (days since 1970-01-01), worked out by SQLite. */
const day = (column: string) => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

// Rows are read one at a time (iterate) rather than all at once: each array dies as soon as its
// record is made, instead of 100,000 of them outliving the read and costing the collector.

/**
 * Every finalized, non-void invoice with its payment day when paid in full, in no order. Paid in
 * full counts only when money arrived: an invoice settled by credit notes alone says nothing about
 * how the customer pays. Both reads are served by covering indexes (invoices_paid_by_paid_on,
 * invoices_unpaid_by_issue), named so the rows come in their order whatever the planner thinks of
 * a small book (delayHistories reproduces it), and arrive as arrays of numbers rather than dates: on a
 * 100,000-invoice book the strings, per-row objects and the garbage they leave are what cost.
 */
export function settlementRows(sql: Sql): SettlementRow[] {
  const rows: SettlementRow[] = [];
  // The indexes carry the customer's seq (migration 26), made the id here.
  const customerId = customerIdsBySeq(sql);
  const paid = sql
    .prepare(
      `SELECT customer_seq, ${customerIdWithoutSeq('invoices')}, currency, ${day('issue_date')}, ${day('due_date')}, ${day('paid_on')}, total_minor FROM invoices INDEXED BY invoices_paid_by_paid_on
       WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL`,
    )
    .raw(true)
    .iterate() as IterableIterator<[number | null, string | null, string, number, number, number, number]>;
  for (const [seq, withoutSeq, currency, issueDay, dueDay, paidDay, totalMinor] of paid) rows.push({ customerId: customerId(seq, withoutSeq), currency, issueDay, dueDay, paidDay, totalMinor });
  const unpaid = sql
    .prepare(`SELECT customer_seq, ${customerIdWithoutSeq('invoices')}, currency, ${day('issue_date')}, ${day('due_date')}, total_minor FROM invoices INDEXED BY invoices_unpaid_by_issue
      WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL`)
    .raw(true)
    .iterate() as IterableIterator<[number | null, string | null, string, number, number, number]>;
  for (const [seq, withoutSeq, currency, issueDay, dueDay, totalMinor] of unpaid) rows.push({ customerId: customerId(seq, withoutSeq), currency, issueDay, dueDay, paidDay: null, totalMinor });
  return rows;
}

const PAID_WITH_MONEY = "status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL";

/**
 * What fitPaymentModel keeps of settlementRows' paid rows, and no more: per customer the invoices
 * paid on or after the day of their `window`-th latest payment (the window, and any tied with its
 * oldest), in the order settlementRows gives them among equal paid and due days; customers in the
 * order settlementRows first shows them. The model fitted on these is the one fitted on every paid
 * invoice, read in a few seeks per customer of invoices_paid_by_customer_paid_on (migration 14).
 */
export function recentPaid(sql: Sql, window: number): PaidRow[] {
  return recentPaidByCustomer(sql, window).flatMap((c) => {
    const { dueDays, paidDays, totals } = paidColumns(c.rows);
    return Array.from(dueDays, (dueDay, i) => ({ customerId: c.customerId, dueDay, paidDay: paidDays[i]!, totalMinor: totals[i]! }));
  });
}

/**
 * One customer's part of recentPaid: the key customers are ordered by there (`seen`) and the rows
 * as SQLite gave them (the same text is the same rows), read as columns by paidColumns.
 */
export interface RecentPaid {
  customerId: string;
  seen: string;
  rows: string;
}

export interface PaidColumns {
  dueDays: Float64Array;
  paidDays: Float64Array;
  totals: Float64Array;
}

/** The columns paidColumns hands over, reused from one customer to the next. */
let paidBuffers: PaidColumns = { dueDays: new Float64Array(64), paidDays: new Float64Array(64), totals: new Float64Array(64) };

/**
 * A RecentPaid's rows as columns (due day, paid day and total of each invoice, in the order read),
 * in arrays overwritten by the next call: use them before asking again. A first call fits every
 * customer once, and keeps only the fit.
 */
export function paidColumns(list: string): PaidColumns {
  // Due date, paid date and total of one invoice after another: the dates are made day numbers here
  // (julianday cost more than the read).
  const n = commas(list) + 1;
  if (paidBuffers.dueDays.length < n) paidBuffers = { dueDays: new Float64Array(2 * n), paidDays: new Float64Array(2 * n), totals: new Float64Array(2 * n) };
  const { dueDays, paidDays, totals } = paidBuffers;
  let at = 0;
  for (let i = 0; i < n; i++) {
    dueDays[i] = dayAt(list, at);
    paidDays[i] = dayAt(list, at + 10);
    at += 20;
    const negative = list.charCodeAt(at) === 45;
    if (negative) at++;
    let total = 0;
    for (let c = list.charCodeAt(at); at < list.length && c !== 44; c = list.charCodeAt(++at)) total = total * 10 + (c - 48);
    totals[i] = negative ? -total : total;
    at++;
  }
  return { dueDays: dueDays.subarray(0, n), paidDays: paidDays.subarray(0, n), totals: totals.subarray(0, n) };
}

/**
 * recentPaid per customer, in the same order (by `seen`, then id), optionally only the customers
 * in `customerIds`: what a cache of the fit re-reads after a write.
 */
export function recentPaidByCustomer(sql: Sql, window: number, customerIds?: readonly string[]): RecentPaid[] {
  const rows = sql
    .prepare(
      `SELECT c.id,
         (SELECT paid_on || currency || issue_date || printf('%020d', paid_minor) FROM invoices INDEXED BY invoices_paid_by_customer_paid_on
          WHERE customer_seq = c.seq AND ${PAID_WITH_MONEY} ORDER BY paid_on, currency, issue_date, paid_minor LIMIT 1) AS seen,
         (SELECT group_concat(due_date || paid_on || total_minor, ','
            ORDER BY paid_on, currency, issue_date, paid_minor, due_date, total_minor)
          FROM invoices INDEXED BY invoices_paid_by_customer_paid_on
          WHERE customer_seq = c.seq AND ${PAID_WITH_MONEY} AND paid_on >= coalesce(
            (SELECT paid_on FROM invoices INDEXED BY invoices_paid_by_customer_paid_on WHERE customer_seq = c.seq AND ${PAID_WITH_MONEY}
             ORDER BY paid_on DESC LIMIT 1 OFFSET @skip), ''))
       FROM customers c ${customerIds ? 'WHERE c.id IN (SELECT value FROM json_each(@ids))' : ''} ORDER BY seen, c.id`,
    )
    .raw(true)
    .all({ skip: window - 1, ...(customerIds ? { ids: JSON.stringify(customerIds) } : {}) }) as [string, string | null, string | null][];
  const out: RecentPaid[] = [];
  for (const [customerId, seen, list] of rows) {
    if (seen === null || list === null) continue;
    out.push({ customerId, seen, rows: list });
  }
  return out;
}

export interface PaidRow {
  customerId: string;
  dueDay: number;
  paidDay: number;
  totalMinor: number;
}

export interface OpenInvoiceRow {
  id: string;
  number: string;
  customer_id: string;
  customer_code: string;
  customer_name: string;
  email: string;
  phone: string;
  currency: string;
  issue_date: string;
  due_date: string;
  total_minor: number;
  balance_minor: number;
}

const OPEN_COLUMNS = `i.id, i.number, i.customer_id, c.code AS customer_code, c.name AS customer_name, c.email, c.phone, i.currency,
  i.issue_date, i.due_date, i.total_minor, i.balance_minor`;

/** Invoices with money owing, optionally one customer's, one currency's or only those due before `dueBefore`. */
export function openInvoices(sql: Sql, filter: { customerId?: string; currency?: string; dueBefore?: string } = {}): OpenInvoiceRow[] {
  const where = [`i.status IN ('open', 'partially_paid')`, 'i.deleted_at IS NULL', 'i.balance_minor > 0'];
  const params: Record<string, string> = {};
  if (filter.customerId) { where.push('i.customer_seq = (SELECT seq FROM customers WHERE id = @customerId)'); params['customerId'] = filter.customerId; }
  if (filter.currency) { where.push('i.currency = @currency'); params['currency'] = filter.currency; }
  // `+` keeps SQLite on the unpaid index: the due-date index would walk every invoice ever due.
  if (filter.dueBefore) { where.push('+i.due_date < @dueBefore'); params['dueBefore'] = filter.dueBefore; }
  return sql
    .prepare(`SELECT ${OPEN_COLUMNS} FROM invoices i JOIN customers c ON c.seq = i.customer_seq WHERE ${where.join(' AND ')} ORDER BY i.due_date, i.seq`)
    .all(params) as OpenInvoiceRow[];
}

export function invoiceState(sql: Sql, id: string): { number: string | null; status: string; balance_minor: number } | undefined {
  return sql.prepare('SELECT number, status, balance_minor FROM invoices WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { number: string | null; status: string; balance_minor: number }
    | undefined;
}

export function openInvoiceById(sql: Sql, id: string): OpenInvoiceRow | undefined {
  return sql.prepare(`SELECT ${OPEN_COLUMNS} FROM invoices i JOIN customers c ON c.seq = i.customer_seq WHERE i.id = ?`).get(id) as OpenInvoiceRow | undefined;
}

/**
 * amountGroups' statement, `filter` added to its WHERE (exported for the migration test's query plan).
 * Grouped by the customer's seq, as the index holds it (migration 26); the id is joined per group.
 */
export const amountGroupsSql = (filter = '') =>
  `SELECT c.id, g.currency, g.seqs, g.dates, g.totals FROM (
     SELECT customer_seq, currency, group_concat(seq) AS seqs, group_concat(issue_date, '') AS dates, group_concat(total_minor) AS totals, min(issue_date) AS first
     FROM invoices INDEXED BY invoices_final_by_customer_amount WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL${filter}
     GROUP BY customer_seq, currency
   ) g JOIN customers c ON c.seq = g.customer_seq ORDER BY g.first, g.currency, c.id`;

/**
 * Every finalized, non-void invoice's amount (optionally one customer's, or several), as the
 * anomaly rules judge them: one row per customer and currency from SQLite, its records' keys, issue
 * days and totals joined, read back as columns (no object per invoice: on a 100,000-invoice book
 * those, and the collector's work on them, were most of a first call), grouped in the order of a
 * covering index (invoices_final_by_customer_amount, migrations 12 and 17); issue dates come as text,
 * made day numbers here (julianday cost more than the read). Each group oldest first, same
 * day by key; the groups in the order a scan by issue date first meets them: earliest issue date,
 * currency, customer.
 */
export function amountGroups(sql: Sql, customerId?: string | readonly string[]): AmountColumns[] {
  const groups: AmountColumns[] = [];
  eachAmountGroup(sql, customerId, (g) => groups.push({ ...g, keys: g.keys.slice(), issueDays: g.issueDays.slice(), totals: g.totals.slice() }));
  return groups;
}

/** The columns eachAmountGroup hands over, reused from one group to the next. */
let amountBuffers = { keys: new Float64Array(256), issueDays: new Float64Array(256), totals: new Float64Array(256) };

/**
 * amountGroups one group at a time, in the same order, each read as SQLite steps to it: `visit`
 * gets columns that are overwritten by the next group (copy what it keeps), and must not use the
 * connection. On a first call this makes no array per group and keeps no group's text alive past
 * its turn, so the collector has less to copy.
 */
export function eachAmountGroup(sql: Sql, customerId: string | readonly string[] | undefined, visit: (group: AmountColumns) => void): void {
  // Several customers (a cache re-reading those a write touched) come as one JSON list.
  const many = typeof customerId === 'object';
  const filter = many ? ' AND customer_seq IN (SELECT seq FROM customers WHERE id IN (SELECT value FROM json_each(?)))' : customerId ? ' AND customer_seq = (SELECT seq FROM customers WHERE id = ?)' : '';
  const statement = sql.prepare(amountGroupsSql(filter)).raw(true);
  const rows = (many ? statement.iterate(JSON.stringify(customerId)) : customerId ? statement.iterate(customerId) : statement.iterate()) as IterableIterator<[string, CurrencyCode, string, string, string]>;
  for (const [id, currency, seqs, dates, totals] of rows) {
    const size = commas(seqs) + 1;
    if (amountBuffers.keys.length < size) {
      const length = 2 * size;
      amountBuffers = { keys: new Float64Array(length), issueDays: new Float64Array(length), totals: new Float64Array(length) };
    }
    const { keys, issueDays, totals: amounts } = amountBuffers;
    numbersInto(seqs, keys);
    daysInto(dates, issueDays);
    numbersInto(totals, amounts);
    visit(byDayThenKey({ customerId: id, currency, keys: keys.subarray(0, size), issueDays: issueDays.subarray(0, size), totals: amounts.subarray(0, size) }));
  }
}

/**
 * The index gives a group by issue day, then amount: same-day invoices (rare) are put in key
 * order, as the rules number them, in place (an insertion sort moves only those).
 */
function byDayThenKey(group: AmountColumns): AmountColumns {
  const { keys, issueDays, totals } = group;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    const day = issueDays[i]!;
    const total = totals[i]!;
    let at = i;
    while (at > 0 && issueDays[at - 1] === day && keys[at - 1]! > key) {
      keys[at] = keys[at - 1]!;
      totals[at] = totals[at - 1]!;
      at--;
    }
    if (at === i) continue;
    keys[at] = key;
    totals[at] = total;
  }
  return group;
}

/** A customer's invoices as late-or-not (anomalies.DelayEvent), oldest due first. */
export interface DelayHistory {
  customerId: string;
  dueDays: number[];
  daysLate: number[];
}

/**
 * Per customer: every invoice paid in full with money (days late = paid - due) and every unpaid one
 * past due on `today` (its days overdue so far), oldest due first; among the same due day, paid
 * before unpaid and earlier paid first. The same events, in the same order, as sorting
 * settlementRows by due day; customers in the order those rows first show them. One row per
 * customer: no payment model, and no 100,000 rows, needed.
 */
export function delayHistories(sql: Sql, today: string, todayDay: number, customerId?: string): DelayHistory[] {
  const filter = customerId ? 'AND customer_seq = (SELECT seq FROM customers WHERE id = @customerId)' : '';
  const order = 'ORDER BY due_day, unpaid, paid_on';
  // Grouped by the customer's seq, as the indexes hold it (migration 26); the id is joined per customer.
  const rows = sql
    .prepare(
      `SELECT c.id, h.due_days, h.late FROM (
       SELECT customer_seq, group_concat(due_day, ',' ${order}) AS due_days, group_concat(late, ',' ${order}) AS late, min(seen) AS seen FROM (
         SELECT customer_seq, ${day('due_date')} AS due_day, CAST(julianday(paid_on) - julianday(due_date) AS INTEGER) AS late, 0 AS unpaid, paid_on,
           paid_on || currency || issue_date || printf('%020d', paid_minor) AS seen
         FROM invoices INDEXED BY invoices_paid_by_paid_on
         WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL ${filter}
         UNION ALL
         SELECT customer_seq, ${day('due_date')}, @todayDay - ${day('due_date')}, 1, NULL, char(255) || issue_date || currency
         FROM invoices INDEXED BY invoices_unpaid_by_issue
         WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL AND due_date < @today ${filter}
       ) GROUP BY customer_seq
       ) h JOIN customers c ON c.seq = h.customer_seq ORDER BY h.seen, c.id`,
    )
    .raw(true)
    .all({ today, todayDay, ...(customerId ? { customerId } : {}) }) as [string, string, string][];
  return rows.map(([id, dueDays, late]) => ({ customerId: id, dueDays: Array.from(numbersFromList(dueDays)), daysLate: Array.from(numbersFromList(late)) }));
}

/**
 * Per customer, the latest `window` events of delayHistories (same order, oldest due first), in no
 * particular customer order: the rules look no further back than that (delayJump: 5 recent and 20
 * earlier; collection: the payment model's window). Two seeks per customer, walking
 * invoices_paid_by_customer_due (migration 14) and invoices_unpaid_by_customer backwards from the
 * latest due date, instead of every invoice ever paid. Events tied on due day, kind and paid day
 * have the same days late, so cutting among them changes nothing.
 */
export function recentDelays(sql: Sql, today: string, todayDay: number, window: number, customerId?: string | readonly string[]): DelayHistory[] {
  const many = typeof customerId === 'object';
  // Each side is cut to the window walking its index backwards, latest first (ordering the two
  // sides together in SQLite cost more than both reads); they are merged and cut here. The dates
  // come as text, joined in whatever order SQLite takes them, and are made day numbers and put in
  // order here: julianday and an ordered group_concat cost more than the index walks.
  const rows = sql
    .prepare(
      `SELECT c.id,
         (SELECT group_concat(due_date || paid_on, '') FROM (
            SELECT due_date, paid_on FROM invoices INDEXED BY invoices_paid_by_customer_due
            WHERE customer_seq = c.seq AND ${PAID_WITH_MONEY} ORDER BY due_date DESC, paid_on DESC LIMIT @window)),
         (SELECT group_concat(due_date, '') FROM (
            SELECT due_date FROM invoices INDEXED BY invoices_unpaid_by_customer
            WHERE customer_seq = c.seq AND status IN ('open', 'partially_paid') AND deleted_at IS NULL AND due_date < @today
            ORDER BY due_date DESC LIMIT @window))
       FROM customers c ${many ? 'WHERE c.id IN (SELECT value FROM json_each(@customerId))' : customerId ? 'WHERE c.id = @customerId' : ''}`,
    )
    .raw(true)
    // Stepped through rather than read all at once: each customer's text dies as soon as it is read.
    .iterate({ today, window, ...(customerId ? { customerId: many ? JSON.stringify(customerId) : customerId } : {}) }) as IterableIterator<[string, string | null, string | null]>;
  const out: DelayHistory[] = [];
  for (const [id, paid, overdue] of rows) {
    if (paid === null && overdue === null) continue;
    out.push({ customerId: id, ...latestEvents(paid === null ? NONE : paidLatestFirst(paid), overdue === null ? NONE : overdueLatestFirst(overdue), todayDay, window) });
  }
  return out;
}

/**
 * Paid events from due and paid dates joined (20 characters each) as (due day, days late) pairs,
 * latest due first, then latest paid: an insertion sort, which the walk's own order leaves idle.
 */
export function paidLatestFirst(dates: string): Float64Array {
  const n = dates.length / 20;
  const pairs = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const due = dayAt(dates, 20 * i);
    const late = dayAt(dates, 20 * i + 10) - due;
    let at = i;
    while (at > 0 && (pairs[2 * at - 2]! < due || (pairs[2 * at - 2] === due && pairs[2 * at - 1]! < late))) {
      pairs[2 * at] = pairs[2 * at - 2]!;
      pairs[2 * at + 1] = pairs[2 * at - 1]!;
      at--;
    }
    pairs[2 * at] = due;
    pairs[2 * at + 1] = late;
  }
  return pairs;
}

/** Overdue invoices' due days from their dates joined, latest first (a typed array sorts numbers natively). */
export function overdueLatestFirst(dates: string): Float64Array {
  return daysFromDates(dates).sort().reverse();
}

const NONE = new Float64Array(0);

/**
 * The latest `window` of a customer's events, oldest due first, merged from the paid ones (due
 * day, days late pairs) and the overdue ones (due days), each latest first. Among the same due day
 * paid come before unpaid, and a paid one's days late orders as its paid day does. No event is an
 * object: a first call reads every customer's.
 */
function latestEvents(paid: Float64Array, overdue: Float64Array, todayDay: number, window: number): { dueDays: number[]; daysLate: number[] } {
  const count = Math.min(window, paid.length / 2 + overdue.length);
  const dueDays = new Array<number>(count);
  const daysLate = new Array<number>(count);
  let p = 0;
  let o = 0;
  // Filled from the end with the later of the two lists' next events (on the same due day, the unpaid one).
  for (let at = count - 1; at >= 0; at--) {
    if (o < overdue.length && (2 * p >= paid.length || overdue[o]! >= paid[2 * p]!)) {
      dueDays[at] = overdue[o]!;
      daysLate[at] = todayDay - overdue[o]!;
      o++;
    } else {
      dueDays[at] = paid[2 * p]!;
      daysLate[at] = paid[2 * p + 1]!;
      p++;
    }
  }
  return { dueDays, daysLate };
}

/**
 * The key delayHistories orders customers by (where settlementRows first shows them), for a few
 * customers: what ties among them are broken by.
 */
export function firstSeen(sql: Sql, today: string, customerIds: readonly string[]): Map<string, string> {
  const rows = sql
    .prepare(
      `SELECT c.value, coalesce(
         (SELECT min(paid_on || currency || issue_date || printf('%020d', paid_minor)) FROM invoices INDEXED BY invoices_paid_by_customer_due
          WHERE customer_seq = k.seq AND ${PAID_WITH_MONEY}),
         (SELECT min(char(255) || issue_date || currency) FROM invoices INDEXED BY invoices_unpaid_by_customer
          WHERE customer_seq = k.seq AND status IN ('open', 'partially_paid') AND deleted_at IS NULL AND due_date < @today))
       FROM json_each(@ids) c LEFT JOIN customers k ON k.id = c.value`,
    )
    .raw(true)
    .all({ today, ids: JSON.stringify(customerIds) }) as [string, string | null][];
  return new Map(rows.map(([id, key]) => [id, key ?? '']));
}

export interface InvoiceDetailRow {
  seq: number;
  id: string;
  number: string;
  issue_date: string;
  customer_name: string;
}

/** Ids, numbers and customer names of invoices by seq, in one statement whatever their number. */
export function invoiceDetails(sql: Sql, seqs: readonly number[]): Map<number, InvoiceDetailRow> {
  const rows = sql
    .prepare(
      `SELECT i.seq, i.id, i.number, i.issue_date, c.name AS customer_name FROM invoices i JOIN customers c ON c.seq = i.customer_seq
       WHERE i.seq IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(seqs)) as InvoiceDetailRow[];
  return new Map(rows.map((r) => [r.seq, r]));
}

/** Customer names by id, in one statement whatever the number of ids. */
export function customerNames(sql: Sql, ids: readonly string[]): Map<string, string> {
  const rows = sql.prepare('SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface MonthlyBillingRow {
  currency: string;
  /** YYYY-MM. */
  month: string;
  billed_minor: number;
}

/**
 * Billed by currency and month as the dashboard counts it: invoice totals (tax included) by issue
 * month, void invoices left out, less credit notes by their issue month. Oldest month first. Read
 * from the covering index: left to itself SQLite took the status index and a row lookup per invoice.
 */
export function monthlyBilling(sql: Sql): MonthlyBillingRow[] {
  return combineBilling(billedByMonth(sql), creditedByMonth(sql));
}

/** Billed by "currency|YYYY-MM" from invoice totals, only months from `fromMonth` when given. */
export function billedByMonth(sql: Sql, fromMonth?: string): Map<string, MonthlyBillingRow> {
  // Grouped by day in the index's own order (no sort of every invoice), then by month here.
  const daily = sql
    .prepare(
      `SELECT currency, issue_date, sum(total_minor) FROM invoices INDEXED BY invoices_final_by_issue
       WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL${fromMonth ? ' AND issue_date >= @from' : ''} GROUP BY issue_date, currency`,
    )
    .raw(true)
    .iterate(fromMonth ? { from: fromMonth } : {}) as IterableIterator<[string, string, number]>;
  const monthly = new Map<string, MonthlyBillingRow>();
  // Each currency's latest month: the days come a month at a time, so most add to it without a
  // key made for them (a first call reads every day of the book).
  const latest = new Map<string, MonthlyBillingRow>();
  for (const [currency, issueDate, minor] of daily) {
    const last = latest.get(currency);
    if (last && issueDate.startsWith(last.month)) {
      last.billed_minor += minor;
      continue;
    }
    const month = issueDate.slice(0, 7);
    const key = `${currency}|${month}`;
    let row = monthly.get(key);
    if (row) row.billed_minor += minor;
    else monthly.set(key, (row = { currency, month, billed_minor: minor }));
    latest.set(currency, row);
  }
  return monthly;
}

/** Credit notes by "currency|YYYY-MM" of their issue date (the amount credited in billed_minor), only months from `fromMonth` when given. */
export function creditedByMonth(sql: Sql, fromMonth?: string): Map<string, MonthlyBillingRow> {
  const rows = sql
    .prepare(
      `SELECT currency, substr(issue_date, 1, 7) AS month, sum(amount_minor) AS credited_minor FROM credit_notes
       WHERE deleted_at IS NULL${fromMonth ? ' AND issue_date >= @from' : ''} GROUP BY currency, month`,
    )
    .all(fromMonth ? { from: fromMonth } : {}) as { currency: string; month: string; credited_minor: number }[];
  return new Map(rows.map((c) => [`${c.currency}|${c.month}`, { currency: c.currency, month: c.month, billed_minor: c.credited_minor }]));
}

/** Billed less credited per currency and month, oldest month first. */
export function combineBilling(billed: ReadonlyMap<string, MonthlyBillingRow>, credited: ReadonlyMap<string, MonthlyBillingRow>): MonthlyBillingRow[] {
  const byKey = new Map([...billed].map(([key, r]) => [key, { ...r }]));
  for (const [key, c] of credited) {
    const row = byKey.get(key) ?? { currency: c.currency, month: c.month, billed_minor: 0 };
    row.billed_minor -= c.billed_minor;
    byKey.set(key, row);
  }
  return [...byKey.values()].sort((x, y) => x.currency.localeCompare(y.currency) || x.month.localeCompare(y.month));
}
