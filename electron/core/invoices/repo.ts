import crypto from 'node:crypto';
// SQL for invoices, their lines, draft versions and credit notes: no rules, no transactions.
import { sql as raw, type Expression, type SqlBool } from 'kysely';
import type { Sql } from '../db/sql';
import { packedColumns } from '../db/pack';
import { uuidKey, uuidText } from '../db/uuidKey';
import type { CreditNotesTable, DraftVersionsTable, InvoiceLinesTable, InvoicesTable } from '../db/schema';
import type { ChannelParsed } from '../../../shared/contract';

export type InvoiceRow = Omit<InvoicesTable, 'seq'> & { seq: number };
export type CreditNoteRow = Omit<CreditNotesTable, 'seq'> & { seq: number };
/** A line as the services see it: with its invoice's id (the table keeps the invoice's seq, migration 20). */
export type LineRow = Omit<InvoiceLinesTable, 'invoice_seq'> & { invoice_id: string };
/** A saved version as the services see it: its content always plain (packing is this file's business). */
export type VersionRow = Omit<DraftVersionsTable, 'content_packed'>;

type ListQuery = Omit<ChannelParsed<'invoices.list'>, 'offset' | 'limit'>;

const INVOICE_COLUMNS = `id, customer_id, number, status, currency, issue_date, due_date, due_date_from_terms, prices_include_tax,
  discount, notes, terms, template, subtotal_minor, discount_minor, tax_minor, total_minor, tax_summary, paid_minor,
  credited_minor, balance_minor, paid_on, bill_to, draft_version, source, prompt, ai_confidence, finalized_at, voided_at, void_reason,
  created_at, updated_at, deleted_at, version, kind, quote_id`;

/** The customer's seq (migration 26) is looked up here, so the row as the services build it names the customer by id only. */
export function insertInvoice(sql: Sql, row: Omit<InvoiceRow, 'seq' | 'customer_seq'>): number {
  const columns = INVOICE_COLUMNS.split(',').map((c) => c.trim());
  const result = sql
    .prepare(
      `INSERT INTO invoices (${columns.join(', ')}, customer_seq)
       VALUES (${columns.map((c) => `@${c}`).join(', ')}, (SELECT seq FROM customers WHERE id = @customer_id))`,
    )
    .run(row);
  return Number(result.lastInsertRowid);
}

/** Rewrites a draft's content columns. */
export function updateDraftRow(sql: Sql, row: InvoiceRow): void {
  sql
    .prepare(
      `UPDATE invoices SET customer_id = @customer_id, currency = @currency, issue_date = @issue_date, due_date = @due_date,
         due_date_from_terms = @due_date_from_terms, prices_include_tax = @prices_include_tax, discount = @discount,
         notes = @notes, terms = @terms, template = @template, subtotal_minor = @subtotal_minor,
         discount_minor = @discount_minor, tax_minor = @tax_minor, total_minor = @total_minor, tax_summary = @tax_summary,
         draft_version = @draft_version, source = @source, prompt = @prompt, ai_confidence = @ai_confidence,
         updated_at = @updated_at, version = @version
       WHERE seq = @seq`,
    )
    .run(row);
}

export function finalizeRow(
  sql: Sql,
  row: Pick<InvoiceRow, 'id' | 'number' | 'due_date' | 'terms' | 'template' | 'total_minor' | 'finalized_at' | 'updated_at' | 'bill_to'>,
): void {
  sql
    .prepare(
      `UPDATE invoices SET number = @number, status = 'open', due_date = @due_date, terms = @terms, template = @template, bill_to = @bill_to,
         balance_minor = @total_minor, paid_minor = 0, credited_minor = 0, finalized_at = @finalized_at,
         share_token = coalesce(share_token, @share_token), updated_at = @updated_at, version = version + 1
       WHERE id = @id AND status = 'draft'`,
    )
    .run({ ...row, share_token: newShareToken() });
}

/** 128 random bits, URL-safe: the customer's page for an invoice cannot be guessed. */
export function newShareToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** The invoice's customer link token, made now for an invoice finalized before links existed. */
export function ensureShareToken(sql: Sql, id: string): string | null {
  sql.prepare("UPDATE invoices SET share_token = ? WHERE id = ? AND share_token IS NULL AND status <> 'draft'").run(newShareToken(), id);
  return (sql.prepare('SELECT share_token FROM invoices WHERE id = ?').get(id) as { share_token: string | null } | undefined)?.share_token ?? null;
}

export function voidRow(sql: Sql, id: string, reason: string, at: string): void {
  sql
    .prepare(
      `UPDATE invoices SET status = 'void', balance_minor = 0, voided_at = @at, void_reason = @reason, updated_at = @at, version = version + 1
       WHERE id = @id`,
    )
    .run({ id, reason, at });
}

export function discardDraftRow(sql: Sql, id: string, at: string): void {
  sql.prepare("UPDATE invoices SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'draft'").run(at, at, id);
}

/** SQL: the seq of the invoice whose id is the parameter `param`: how the lines name their invoice (migration 20). */
const invoiceSeqOf = (param: string) => `(SELECT seq FROM invoices WHERE id = ${param})`;

/**
 * The seq of an invoice in the books, by its id. (Its own SQL text, plucked: the statement cache
 * shares a statement, and its pluck mode, between every caller of the same text.)
 */
export function invoiceSeq(sql: Sql, id: string): number {
  return sql.prepare('SELECT seq AS invoice_seq FROM invoices WHERE id = ?').pluck().get(id) as number;
}

/** The invoice's lines become `lines` (each line's invoice_id is the invoice's, `invoiceId`). */
export function replaceLines(sql: Sql, invoiceId: string, lines: readonly LineRow[], isNew = false): void {
  const seq = invoiceSeq(sql, invoiceId);
  if (!isNew) sql.prepare('DELETE FROM invoice_lines WHERE invoice_seq = ?').run(seq);
  const insert = sql.prepare(
    `INSERT INTO invoice_lines (invoice_seq, position, description, quantity_milli, unit, unit_price_minor, tax_rate_bp,
       price_includes_tax, amount_minor, discount_minor, net_minor, tax_minor, item_id)
     VALUES (@invoice_seq, @position, @description, @quantity_milli, @unit, @unit_price_minor, @tax_rate_bp,
       @price_includes_tax, @amount_minor, @discount_minor, @net_minor, @tax_minor, @item_id)`,
  );
  for (const line of lines) insert.run({ ...line, invoice_seq: seq });
}

/** Saves a version, its content packed (db/pack.ts): versions are most of a busy book's drafts. */
export function insertDraftVersion(sql: Sql, row: VersionRow): void {
  const { text, packed } = packedColumns(row.content);
  sql
    .prepare(
      `INSERT INTO draft_versions (invoice_id, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count, content, content_packed, warnings, sync_id, author)
       VALUES (${uuidKey('@invoice_id')}, @version, @saved_at, @source, @prompt, @ai_confidence, @note, @total_minor, @line_count, @content, @content_packed, @warnings, ${uuidKey('@sync_id')}, @author)`,
    )
    .run({ ...row, content: text, content_packed: packed });
}

export function indexNumber(sql: Sql, seq: number, searchText: string): void {
  sql.prepare('INSERT INTO invoice_search (rowid, number) VALUES (?, ?)').run(seq, searchText);
}

export function getInvoiceRow(sql: Sql, id: string): InvoiceRow | undefined {
  return sql.prepare(`SELECT seq, ${INVOICE_COLUMNS} FROM invoices WHERE id = ?`).get(id) as InvoiceRow | undefined;
}

export function getLines(sql: Sql, invoiceId: string): LineRow[] {
  return sql
    .prepare(
      `SELECT @id AS invoice_id, position, description, quantity_milli, unit, unit_price_minor, tax_rate_bp, price_includes_tax,
         amount_minor, discount_minor, net_minor, tax_minor, item_id
       FROM invoice_lines WHERE invoice_seq = ${invoiceSeqOf('@id')} ORDER BY position`,
    )
    .all({ id: invoiceId }) as LineRow[];
}

export type VersionSummaryRow = Omit<VersionRow, 'content'> & { currency: string };

export function listVersions(sql: Sql, invoiceId: string): VersionSummaryRow[] {
  return sql
    .prepare(
      `SELECT ${uuidText('invoice_id')} AS invoice_id, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count, warnings,
         json_extract(unpacked(content, content_packed), '$.currency') AS currency
       FROM draft_versions WHERE invoice_id = ${uuidKey('@invoiceId')} ORDER BY version DESC`,
    )
    .all({ invoiceId }) as VersionSummaryRow[];
}

/** The highest version number this computer holds for a draft (0 when none). */
export function newestDraftVersionNumber(sql: Sql, invoiceId: string): number {
  return (sql.prepare(`SELECT coalesce(max(version), 0) AS newest FROM draft_versions WHERE invoice_id = ${uuidKey('@invoiceId')}`).get({ invoiceId }) as { newest: number }).newest;
}

export function getVersion(sql: Sql, invoiceId: string, version: number): VersionRow | undefined {
  return sql
    .prepare(
      `SELECT ${uuidText('invoice_id')} AS invoice_id, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count,
         unpacked(content, content_packed) AS content, warnings
       FROM draft_versions WHERE invoice_id = ${uuidKey('@invoiceId')} AND version = @version`,
    )
    .get({ invoiceId, version }) as VersionRow | undefined;
}

/** The quote an invoice came from and the schedule period that issued it (migration 8). */
export function linksOf(sql: Sql, row: Pick<InvoiceRow, 'id' | 'quote_id'>): { fromQuote: { id: string; number: string } | null; recurring: { scheduleId: string; periodOn: string; held: boolean } | null } {
  const quote = row.quote_id ? (sql.prepare('SELECT id, number FROM quotes WHERE id = ?').get(row.quote_id) as { id: string; number: string } | undefined) : undefined;
  const run = sql.prepare('SELECT schedule_id, period_on, held FROM recurring_runs WHERE invoice_id = ?').get(row.id) as { schedule_id: string; period_on: string; held: number } | undefined;
  return {
    fromQuote: quote ?? null,
    recurring: run ? { scheduleId: run.schedule_id, periodOn: run.period_on, held: run.held === 1 } : null,
  };
}

export interface InvoicePaymentRow {
  payment_id: string;
  payment_number: string;
  allocated_on: string;
  method: string;
  reference: string;
  amount_minor: number;
  /** What the allocation says; `amount_minor` is what it settles while it stands. */
  stated_minor: number;
  reversed_at: string | null;
  created_at: string;
}

export function paymentsOfInvoice(sql: Sql, invoiceId: string): InvoicePaymentRow[] {
  return sql
    .prepare(
      `SELECT a.payment_id, p.number AS payment_number, a.allocated_on, p.method, p.reference, CASE WHEN a.reversed_at IS NULL THEN a.applied_minor ELSE a.amount_minor END AS amount_minor,
         a.amount_minor AS stated_minor, a.reversed_at, a.created_at
       FROM payment_allocations a JOIN payments p ON p.seq = a.payment_seq
       WHERE a.invoice_seq = (SELECT seq FROM invoices WHERE id = ?) ORDER BY a.allocated_on, a.created_at, p.seq`,
    )
    .all(invoiceId) as InvoicePaymentRow[];
}

export function creditNotesOfInvoice(sql: Sql, invoiceId: string): (CreditNoteRow & { invoice_number: string })[] {
  return sql
    .prepare(
      `SELECT cn.*, i.number AS invoice_number FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id
       WHERE cn.invoice_id = ? AND cn.deleted_at IS NULL ORDER BY cn.issue_date, cn.seq`,
    )
    .all(invoiceId) as (CreditNoteRow & { invoice_number: string })[];
}

export function insertCreditNote(sql: Sql, row: Omit<CreditNoteRow, 'seq'>): void {
  sql
    .prepare(
      `INSERT INTO credit_notes (id, number, invoice_id, customer_id, currency, issue_date, reason, amount_minor, tax_minor,
         tax_summary, created_at, updated_at, deleted_at, version)
       VALUES (@id, @number, @invoice_id, @customer_id, @currency, @issue_date, @reason, @amount_minor, @tax_minor,
         @tax_summary, @created_at, @updated_at, @deleted_at, @version)`,
    )
    .run(row);
}

export function getCreditNote(sql: Sql, id: string): (CreditNoteRow & { invoice_number: string }) | undefined {
  return sql
    .prepare('SELECT cn.*, i.number AS invoice_number FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id WHERE cn.id = ?')
    .get(id) as (CreditNoteRow & { invoice_number: string }) | undefined;
}

export interface UnpaidInvoice {
  id: string;
  number: string;
  issue_date: string;
  due_date: string;
  balance_minor: number;
}

/** A customer's unpaid invoices, oldest due first: the order a payment is applied in. */
export function unpaidInvoicesOf(sql: Sql, customerId: string): UnpaidInvoice[] {
  return sql
    .prepare(
      `SELECT id, number, issue_date, due_date, balance_minor FROM invoices
       WHERE customer_seq = (SELECT seq FROM customers WHERE id = ?) AND status IN ('open', 'partially_paid') AND deleted_at IS NULL
       ORDER BY due_date, issue_date, number`,
    )
    .all(customerId) as UnpaidInvoice[];
}

// ---- the list ------------------------------------------------------------------------------

const SORT_COLUMNS = {
  number: 'i.number',
  issueDate: 'i.issue_date',
  dueDate: 'i.due_date',
  total: 'i.total_minor',
  balance: 'i.balance_minor',
} as const;

export interface InvoiceSearch {
  /** FTS query over invoice numbers. */
  numbers: string;
  /** FTS query over customers, or null to search numbers only. */
  customers: string | null;
}

/** The search as a condition on `i`, written the way `searchAs` reads it (see SearchAs). */
function searchCondition(search: InvoiceSearch, searchAs: SearchAs): Expression<SqlBool> {
  const numbers = raw<number>`(select rowid from invoice_search where invoice_search match ${search.numbers})`;
  if (search.customers === null) return raw<SqlBool>`${raw.raw(searchAs === 'testEach' ? '+' : '')}i.seq in ${numbers}`;
  // The matching customers' seqs: the search index's rowids, which invoices carry as customer_seq (migration 26).
  const customers = raw<number>`(select rowid from customer_search where customer_search match ${search.customers})`;
  switch (searchAs) {
    // The unary + keeps SQLite from reading the invoices through these lists: it walks the sort's index.
    case 'testEach': return raw<SqlBool>`(+i.customer_seq in ${customers} or +i.seq in ${numbers})`;
    // Since invoices carry their customer's seq, testing it needs no customer lookup: as testEach.
    case 'testEachBySeq': return raw<SqlBool>`(+i.customer_seq in ${customers} or +i.seq in ${numbers})`;
    case 'customers': return raw<SqlBool>`i.customer_seq in ${customers}`;
    case 'walkedCustomers': return raw<SqlBool>`c.seq in ${customers}`;
    // An invoice whose customer has not arrived (customer_seq NULL) is among the others, as it was by id.
    case 'otherNumbers': return raw<SqlBool>`(i.seq in ${numbers} and ifnull(+i.customer_seq, 0) not in ${customers})`;
    // One IN over a UNION ALL, not an OR of two: an OR makes SQLite test every invoice against both.
    // ALL: an IN ignores repeats, and a plain UNION sorts both sides to remove them (half the time).
    case 'matches': return raw<SqlBool>`i.seq in (select rowid from invoice_search where invoice_search match ${search.numbers}
      union all select m.seq from invoices m where m.deleted_at is null and m.customer_seq in ${customers})`;
  }
}

/**
 * How a search narrows the list:
 * - matches: the invoices the search matches, listed (a few, to be sorted);
 * - testEach: a test on each invoice the sort's index walks (its customer among the matching
 *   customers, or its number matching), for many matches; testEachBySeq: the same test, with the
 *   invoice's customer looked up by id instead of every matching customer's id listed first;
 * - customers / otherNumbers: the invoices of matching customers, and the others whose number
 *   matches. Two parts that never overlap, so their counts add up to the search's count;
 * - walkedCustomers: the customer `c` walked in name order matches (when no other invoice's number
 *   does), so a customer who does not match costs one test instead of one per invoice.
 */
type SearchAs = 'matches' | 'testEach' | 'testEachBySeq' | 'customers' | 'otherNumbers' | 'walkedCustomers';

/**
 * The unpaid invoices' own indexes, by the sort they are in. Unpaid or overdue invoices of every
 * customer, sorted by due or issue date, are read in that order from them, and the page needs no
 * sort of every unpaid invoice (overdue by due date: 0.27 against 0.54 ms for a first page's keys at
 * 100,000 invoices; by issue date 0.11 against 0.25). SQLite, left to itself, sorts them, or walks
 * every invoice by due date (89 ms).
 */
const UNPAID_IN_ORDER: Partial<Record<ListQuery['sort'], string>> = { dueDate: 'invoices_unpaid_by_due', issueDate: 'invoices_unpaid_by_issue' };

function unpaidIndexInOrder(query: ListQuery, search: InvoiceSearch | null): string | null {
  const unpaidOnly = query.status === 'overdue' || query.status === 'unpaid';
  return unpaidOnly && !search && !query.customerId ? (UNPAID_IN_ORDER[query.sort] ?? null) : null;
}

/**
 * Unpaid: the statuses bound, or written out in the SQL. Written out, SQLite may read the unpaid
 * invoices' partial indexes, and does for other filters too, not always to the good: only the
 * walks in the unpaid invoices' own indexes (unpaidIndexInOrder) ask for it.
 */
const unpaid = (writtenOut: boolean): Expression<SqlBool> =>
  writtenOut ? raw<SqlBool>`i.status in ('open', 'partially_paid')` : raw<SqlBool>`i.status in (${'open'}, ${'partially_paid'})`;

/** The invoices a list shows. */
function filtered(sql: Sql, query: ListQuery, today: string, search: InvoiceSearch | null, searchAs: SearchAs = 'matches', unpaidWrittenOut = false) {
  // Quotes being drafted live in this table too, but are listed with the quotes.
  let q = sql.qb.selectFrom('invoices as i').where('i.deleted_at', 'is', null)
    .where('i.seq', 'not in', raw<number>`(select seq from invoices indexed by invoices_quote_drafts where kind = 'quote')`);
  if (search) q = q.where(searchCondition(search, searchAs));
  switch (query.status) {
    case undefined:
      break;
    case 'overdue':
      q = q.where(unpaid(unpaidWrittenOut)).where('i.due_date', '<', today);
      break;
    case 'unpaid':
      q = q.where(unpaid(unpaidWrittenOut));
      break;
    default:
      q = q.where('i.status', '=', query.status);
  }
  if (query.customerId) q = q.where(raw<SqlBool>`i.customer_seq = (select seq from customers where id = ${query.customerId})`);
  if (query.issuedFrom) q = q.where('i.issue_date', '>=', query.issuedFrom);
  if (query.issuedTo) q = q.where('i.issue_date', '<=', query.issuedTo);
  if (query.currency) q = q.where('i.currency', '=', query.currency);
  if (query.minTotalMinor !== undefined) q = q.where('i.total_minor', '>=', query.minTotalMinor);
  if (query.maxTotalMinor !== undefined) q = q.where('i.total_minor', '<=', query.maxTotalMinor);
  return q;
}

/**
 * Kysely's SQL with one clause replaced (an index or join order it cannot express). Throws if the
 * clause is not there, so a change in Kysely's output fails loudly instead of running another query.
 */
function rewritten(text: string, clause: string, replacement: string): string {
  if (!text.includes(clause)) throw new Error(`The invoice list's SQL no longer has the clause it rewrites: ${clause}`);
  return text.replace(clause, () => replacement);
}

/**
 * The narrow index a count should read. Left to itself SQLite counts a broad filter by scanning
 * the table, whose rows are wide (totals, tax summary, bill-to): 28 ms at 100,000 invoices,
 * against 3 ms through an index that holds the filter's column.
 */
function countIndex(query: ListQuery, search: InvoiceSearch | null): string | null {
  if (search || query.customerId || query.status === 'overdue' || query.status === 'unpaid') return null;
  if (query.status) return 'invoices_by_status_issue';
  if (query.issuedFrom || query.issuedTo) return 'invoices_by_issue';
  return 'invoices_by_total';
}

export function countInvoices(sql: Sql, query: ListQuery, today: string, search: InvoiceSearch | null): number {
  return countInvoiceParts(sql, query, today, search).total;
}

/**
 * A search's count, and how many of its invoices match by number alone (their customer does not
 * match). A search of customers too is counted in two parts that never overlap: the matching
 * customers' invoices through each one's index, then the others by number. Listing every match to
 * count it cost 60–95 ms for a name half typed over 100,000 invoices, against 5–12 ms.
 */
export function countInvoiceParts(sql: Sql, query: ListQuery, today: string, search: InvoiceSearch | null): { total: number; byNumberAlone: number } {
  if (!search) return { total: countOf(sql, query, today, null, 'matches'), byNumberAlone: 0 };
  if (!search.customers) {
    const total = countOf(sql, query, today, search, 'matches');
    return { total, byNumberAlone: total };
  }
  const byNumberAlone = countOf(sql, query, today, search, 'otherNumbers');
  return { total: countOf(sql, query, today, search, 'customers') + byNumberAlone, byNumberAlone };
}

function countOf(sql: Sql, query: ListQuery, today: string, search: InvoiceSearch | null, searchAs: SearchAs): number {
  const compiled = filtered(sql, query, today, search, searchAs).select((eb) => eb.fn.countAll<number>().as('n')).compile();
  const index = countIndex(query, search);
  const text = index ? rewritten(compiled.sql, 'from "invoices" as "i"', `from "invoices" as "i" indexed by ${index}`) : compiled.sql;
  const row = sql.prepare(text).get(...(compiled.parameters as unknown[])) as { n: number } | undefined;
  return row?.n ?? 0;
}

/**
 * Whether a page sorted by customer is found faster by walking customers in name order (through
 * customers_by_name_all, each customer's invoices from its own index) than by sorting every match.
 * The walk reads about (offset + limit) / total of the customers before the page is full; sorting
 * reads every match. A search walks as a filter does, testing each invoice it reads.
 */
function walkCustomersForPage(sql: Sql, offset: number, limit: number, total: number): boolean {
  // seq only grows, so the largest is a bound on the number of customers, read from the index in O(log n).
  const { customers } = sql.prepare('SELECT coalesce(max(seq), 0) AS customers FROM customers').get() as { customers: number };
  return customers * (offset + limit) < total * total;
}

/** A bound on the number of invoices, read from the key index in O(log n): seq only grows. */
function invoiceCountBound(sql: Sql): number {
  return (sql.prepare('SELECT coalesce(max(seq), 0) AS invoices FROM invoices').get() as { invoices: number }).invoices;
}

/**
 * Whether a search's page is found faster by walking the sort's index and testing each invoice than
 * by sorting every match. Matches spread along the index (a customer's name: their invoices come
 * over the years) fill a page after about (offset + limit) / total of the invoices: "Customer 1",
 * 42,000 matches, walks in 1 ms against 47 ms sorted. Numbers are given in date order, so number
 * matches sit together in every sort's index and the walk may read everything before them: those
 * walk only when they are most of the invoices ("inv").
 */
function walksSortIndex(invoiceCount: () => number, offset: number, limit: number, total: number, byNumberAlone: number): boolean {
  const invoices = invoiceCount();
  if (byNumberAlone * 2 < total) return invoices * (offset + limit) < total * total;
  return invoices + offset + limit < 2 * total;
}

/**
 * Whether a search's page by issue date is read from the matching customers' own invoices
 * (invoices_by_customer_issue, which holds the sort's columns: no invoice row is read), every
 * match's index entry sorted, instead of walking the issue-date index and reading each invoice's
 * row to test its customer. That fits a search that matches customers alone (no other invoice by
 * number) with no filter but the issue dates. An index entry costs about an eighth of a row read;
 * the walk reads about invoices × (offset + limit) / total rows: "Customer 17" (3,834 matches of
 * 100,000) is read in 0.43 ms of CPU against 1.34 walked, "Customer 1" (42,538) walks in 0.86
 * against 2.55. Four, not eight, leaves room for the estimate.
 */
function readsCustomersInvoices(invoiceCount: () => number, query: ListQuery, search: InvoiceSearch | null, offset: number, limit: number, total: number, byNumberAlone: number): search is InvoiceSearch & { customers: string } {
  if (!search?.customers || byNumberAlone !== 0 || query.sort !== 'issueDate') return false;
  if (query.status || query.customerId || query.currency || query.minTotalMinor !== undefined || query.maxTotalMinor !== undefined) return false;
  return total * total < 4 * invoiceCount() * (offset + limit);
}

/** The page's keys from the matching customers' invoices, in issue date order (see readsCustomersInvoices). */
function customersInvoicesPage(sql: Sql, query: ListQuery, customers: string, offset: number, limit: number): number[] {
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  return sql
    .prepare(
      `SELECT m.seq FROM invoices m INDEXED BY invoices_by_customer_issue
       WHERE m.deleted_at IS NULL AND m.customer_seq IN (SELECT rowid FROM customer_search WHERE customer_search MATCH @customers)
         AND m.seq NOT IN (SELECT seq FROM invoices INDEXED BY invoices_quote_drafts WHERE kind = 'quote')
         ${query.issuedFrom ? 'AND m.issue_date >= @issuedFrom' : ''} ${query.issuedTo ? 'AND m.issue_date <= @issuedTo' : ''}
       ORDER BY m.issue_date ${direction}, m.seq ${direction} LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({
      customers, limit, offset,
      ...(query.issuedFrom ? { issuedFrom: query.issuedFrom } : {}),
      ...(query.issuedTo ? { issuedTo: query.issuedTo } : {}),
    }) as number[];
}

const INVOICES_THEN_CUSTOMERS = 'from "invoices" as "i" inner join "customers" as "c" on "c"."seq" = "i"."customer_seq"';
/** With a status, each customer's invoices are read by status: bound parameters hide from SQLite that the date index would read every invoice. */
const customersByNameThenInvoices = (byStatus: boolean) =>
  `from "customers" as "c" indexed by customers_by_name_all cross join "invoices" as "i" indexed by ${byStatus ? 'invoices_by_customer_status' : 'invoices_by_customer_issue'} on "c"."seq" = "i"."customer_seq"`;

/**
 * Whether a walk tests each invoice's customer by looking it up (one seek in the customers' key
 * index per invoice walked, about invoices × (offset + limit) / total of them) rather than listing
 * the ids of every matching customer first (one customer row read each). "Customer 1" (1,111 of
 * 2,000 customers, 42,538 of 100,000 invoices) walks about 235 invoices: 0.48 ms of CPU for the
 * page's keys against 0.87.
 */
function testsEachBySeq(invoiceCount: () => number, search: InvoiceSearch | null, offset: number, limit: number, total: number, matchedCustomers: number): boolean {
  if (!search?.customers || !(total > 0) || !Number.isFinite(total)) return false;
  return invoiceCount() * (offset + limit) < total * matchedCustomers;
}

/**
 * One page of the list's keys. `total` and `byNumberAlone` are the search's count and its part
 * matched by number alone (countInvoiceParts): they decide whether to walk an index or sort;
 * `matchedCustomers` (the customers the search matches, countSearchMatches) how a walk tests each invoice's customer.
 */
export function pageInvoiceKeys(
  sql: Sql, query: ListQuery, today: string, search: InvoiceSearch | null, offset: number, limit: number, total = Infinity, byNumberAlone = 0, matchedCustomers = 0,
): number[] {
  const direction = query.direction;
  // No invoice of a matching customer passes the filters: the customer half tests nothing.
  if (search?.customers && total > 0 && byNumberAlone === total) search = { ...search, customers: null };
  // Read at most once, by whichever of the choices below first needs it.
  let countBound: number | undefined;
  const invoiceCount = () => (countBound ??= invoiceCountBound(sql));
  if (readsCustomersInvoices(invoiceCount, query, search, offset, limit, total, byNumberAlone)) return customersInvoicesPage(sql, query, search.customers, offset, limit);
  if (query.sort !== 'customer') {
    const walk = search !== null && walksSortIndex(invoiceCount, offset, limit, total, byNumberAlone);
    const searchAs = !walk ? 'matches' : testsEachBySeq(invoiceCount, search, offset, limit, total, matchedCustomers) ? 'testEachBySeq' : 'testEach';
    const unpaidIndex = unpaidIndexInOrder(query, search);
    const q = filtered(sql, query, today, search, searchAs, unpaidIndex !== null).select('i.seq');
    // Drafts have no number yet: they come first when numbers go up, last when they go down.
    const sorted = q.orderBy(raw`${raw.ref(SORT_COLUMNS[query.sort])} ${raw.raw(direction)}` as Expression<SqlBool>);
    const page = sorted.orderBy('i.seq', direction).limit(limit).offset(offset);
    if (unpaidIndex === null) return sql.all(page).map((r) => r.seq);
    const compiled = page.compile();
    const text = rewritten(compiled.sql, 'from "invoices" as "i"', `from "invoices" as "i" indexed by ${unpaidIndex}`);
    return (sql.prepare(text).all(...(compiled.parameters as unknown[])) as { seq: number }[]).map((r) => r.seq);
  }
  // A search walks only when it matches customers alone: a name typed matches customers that sit
  // together in name order, and testing every invoice of the customers walked before them costs more
  // than sorting. With no other invoice matching by number, each walked customer is tested once.
  const walk = (search === null || (search.customers !== null && byNumberAlone === 0)) && walkCustomersForPage(sql, offset, limit, total);
  const compiled = filtered(sql, query, today, search, !search ? 'matches' : walk ? 'walkedCustomers' : 'matches').select('i.seq').innerJoin('customers as c', 'c.seq', 'i.customer_seq')
    .orderBy(raw`c.name collate nocase ${raw.raw(direction)}`)
    .orderBy('c.seq', direction)
    .orderBy('i.issue_date', direction)
    .orderBy('i.seq', direction)
    .limit(limit).offset(offset).compile();
  // CROSS JOIN fixes the order SQLite joins in. Customers first, in name order: the first page is the
  // first customers' invoices, read already in order (0.3 ms against 30 ms for sorting 100,000).
  // Invoices first: the matches are sorted, cheaper when they are few for many customers.
  const text = rewritten(compiled.sql, INVOICES_THEN_CUSTOMERS, walk
    ? customersByNameThenInvoices(query.status !== undefined)
    : INVOICES_THEN_CUSTOMERS.replace('inner join', 'cross join'));
  return (sql.prepare(text).all(...(compiled.parameters as unknown[])) as { seq: number }[]).map((r) => r.seq);
}

export interface InvoiceListDbRow {
  seq: number;
  id: string;
  kind: string;
  number: string | null;
  status: string;
  customer_id: string;
  customer_name: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total_minor: number;
  balance_minor: number;
}

type InvoiceListRawRow = [number, string, string, string | null, string, string, string, string, string, string, number, number];

/**
 * What the list shows for these keys, in the keys' order. One statement prepared once, the keys in
 * one parameter (a JSON array): building the SQL of an IN list of a page's 100 keys on every call
 * cost about as much as reading the rows. Rows come as arrays made into objects here, which costs
 * less than better-sqlite3 naming each column of each row (0.27 against 0.45 ms for 100 rows).
 */
export function listRowsBySeq(sql: Sql, seqs: readonly number[]): InvoiceListDbRow[] {
  if (seqs.length === 0) return [];
  const raw = sql
    .prepare(
      `SELECT i.seq, i.id, i.kind, i.number, i.status, i.customer_id, c.name AS customer_name, i.issue_date, i.due_date, i.currency, i.total_minor, i.balance_minor
       FROM invoices i JOIN customers c ON c.seq = i.customer_seq WHERE i.seq IN (SELECT value FROM json_each(?))`,
    )
    .raw(true)
    .all(JSON.stringify(seqs)) as InvoiceListRawRow[];
  const rows = raw.map(([seq, id, kind, number, status, customer_id, customer_name, issue_date, due_date, currency, total_minor, balance_minor]): InvoiceListDbRow => ({
    seq, id, kind, number, status, customer_id, customer_name, issue_date, due_date, currency, total_minor, balance_minor,
  }));
  const order = new Map(seqs.map((s, i) => [s, i]));
  return rows.sort((a, b) => order.get(a.seq)! - order.get(b.seq)!);
}

export interface AgingDbRow {
  currency: string;
  current_minor: number;
  d1_30: number;
  d31_60: number;
  d61_90: number;
  d90_plus: number;
  total_minor: number;
  invoice_count: number;
}

/** Unpaid balances by days past due, per currency; the cut-off dates are computed by the caller. */
export function aging(sql: Sql, dates: { today: string; d30: string; d60: string; d90: string }, customerId?: string): AgingDbRow[] {
  const customerFilter = customerId ? 'AND customer_seq = (SELECT seq FROM customers WHERE id = @customerId)' : '';
  return sql
    .prepare(
      `SELECT currency,
         sum(CASE WHEN due_date >= @today THEN balance_minor ELSE 0 END) AS current_minor,
         sum(CASE WHEN due_date < @today AND due_date >= @d30 THEN balance_minor ELSE 0 END) AS d1_30,
         sum(CASE WHEN due_date < @d30 AND due_date >= @d60 THEN balance_minor ELSE 0 END) AS d31_60,
         sum(CASE WHEN due_date < @d60 AND due_date >= @d90 THEN balance_minor ELSE 0 END) AS d61_90,
         sum(CASE WHEN due_date < @d90 THEN balance_minor ELSE 0 END) AS d90_plus,
         sum(balance_minor) AS total_minor,
         count(*) AS invoice_count
       FROM invoices INDEXED BY ${customerId ? 'invoices_unpaid_by_customer' : 'invoices_unpaid_by_due'}
       WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL ${customerFilter}
       GROUP BY currency ORDER BY currency`,
    )
    .all({ ...dates, ...(customerId ? { customerId } : {}) }) as AgingDbRow[];
}
