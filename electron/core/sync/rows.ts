// Synced rows as the sync protocol carries them (shared/sync/tables.ts), read from and written to
// this device's SQLite tables. Writing keeps what the tables' own rules demand (a final invoice's
// content is frozen, so its content is written while it is still a draft) and the local indexes in
// step; derived figures (settlement, balances) are worked out afterwards by apply.ts.
import { ETIMS_RECEIPT_COLUMNS, SYNCED_TABLES, type SyncData, type SyncRow, type SyncedTableName, type SyncLineValue } from '../../../shared/sync/tables';
import type { Sql } from '../db/sql';
import { instantKey, instantText } from '../db/instant';
import { packedColumns } from '../db/pack';
import { storedBillTo, storedTaxSummary } from '../db/invoiceForms';
import { historyIdKey, uuidKey, uuidText } from '../db/uuidKey';
import { historyWordKey } from '../db/historyWords';
import { replaceSearchDocument, replaceTags } from '../customers/repo';
import { searchDocumentOfRow, type IndexedCustomerRow } from '../customers/search';
import { numberSearchText } from '../invoices/numbering';
import { invoiceSeq, newestDraftVersionNumber } from '../invoices/repo';
import { notificationStatus } from '../send/repo';
import { replaceSearch as replaceItemSearch } from '../items/repo';

export const KEY_COLUMN: Record<SyncedTableName, string> = {
  settings: 'section', customers: 'id', items: 'id', invoices: 'id', draft_versions: 'sync_id', payments: 'id', payment_allocations: 'id',
  credit_notes: 'id', saved_reports: 'id', notifications: 'id', audit_log: 'sync_id', incoming_payments: 'id', payment_requests: 'id',
  quotes: 'id', refunds: 'id', recurring_schedules: 'id', recurring_runs: 'id',
};

/** Tables whose sync key is kept as 16 bytes (db/uuidKey.ts): history lines (migration 18), draft versions (migration 24). */
const KEYS_AS_BYTES: ReadonlySet<SyncedTableName> = new Set(['audit_log', 'draft_versions']);

/** SQL: a row's sync key as its text. */
export function keyText(table: SyncedTableName): string {
  return KEYS_AS_BYTES.has(table) ? uuidText(KEY_COLUMN[table]) : KEY_COLUMN[table];
}

/** SQL: true for the row whose sync key is the text in the named parameter `param` (e.g. '@id'). */
export function keyIs(table: SyncedTableName, param: string): string {
  // A history line by the part of its id migration 29's index holds, then by the whole id.
  if (table === 'audit_log') return `${historyIdKey('sync_id')} = ${historyIdKey(uuidKey(param))} AND sync_id = ${uuidKey(param)}`;
  return `${KEY_COLUMN[table]} = ${KEYS_AS_BYTES.has(table) ? uuidKey(param) : param}`;
}

/** SQL: the order in which a table's rows are read for a first upload: its key's index, or the history in the order it was written. */
export function uploadOrder(table: SyncedTableName): string {
  return table === 'audit_log' ? 'id' : KEY_COLUMN[table];
}

const LINE_COLUMNS = ['position', 'description', 'quantity_milli', 'unit', 'unit_price_minor', 'tax_rate_bp', 'price_includes_tax', 'amount_minor', 'discount_minor', 'net_minor', 'tax_minor', 'item_id'] as const;

/** The message's status as this computer knows it (its job's, or what the sending computer said). */
const NOTIFICATION_STATUS = notificationStatus("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

function selectFor(table: SyncedTableName): string {
  const key = KEY_COLUMN[table];
  const columns = SYNCED_TABLES[table].columns.filter((c) => c !== 'lines' && c !== 'lifecycle' && c !== 'status');
  switch (table) {
    case 'invoices':
      // A bill-to and tax summary kept as arrays (db/invoiceForms.ts) travel as the objects they were.
      return `SELECT id AS key, ${columns.map((c) => (c === 'bill_to' ? 'bill_to_text(bill_to) AS bill_to' : c === 'tax_summary' ? 'tax_summary_text(tax_summary) AS tax_summary' : c)).join(', ')}, CASE status WHEN 'draft' THEN 'draft' WHEN 'void' THEN 'void' ELSE 'final' END AS lifecycle
              FROM invoices WHERE id IN (SELECT value FROM json_each(?))`;
    case 'notifications':
      return `SELECT n.id AS key, ${columns.map((c) => `n.${c}`).join(', ')}, ${NOTIFICATION_STATUS} AS status
              FROM notifications n LEFT JOIN jobs j ON j.id = n.job_id WHERE n.id IN (SELECT value FROM json_each(?))`;
    case 'payments':
      return `SELECT id AS key, ${columns.join(', ')}, status FROM payments WHERE id IN (SELECT value FROM json_each(?))`;
    case 'draft_versions':
      // Content travels plain, however this device stores it (db/pack.ts); ids kept as 16 bytes (migration 24) as text.
      return `SELECT ${keyText(table)} AS key, ${columns.map((c) => (c === 'content' ? 'unpacked(content, content_packed) AS content' : c === 'invoice_id' ? `${uuidText('invoice_id')} AS invoice_id` : c)).join(', ')}
              FROM draft_versions WHERE sync_id IN (SELECT ${uuidKey('value')} FROM json_each(?))`;
    case 'audit_log': {
      // Ids kept as 16 bytes (db/uuidKey.ts, migration 18), times kept as milliseconds (db/instant.ts) and packed
      // sentences (db/summaryPack.ts, both migration 22), entity and action kept as numbers and details left
      // out when there are none (db/historyWords.ts, migration 29) travel as text.
      const read: Record<string, string> = {
        entity_id: `${uuidText('l.entity_id')} AS entity_id`, at: `${instantText('l.at')} AS at`, summary: 'summary_text(l.summary) AS summary',
        entity: 'history_word(l.entity) AS entity', action: 'history_word(l.action) AS action', details: "coalesce(l.details, '{}') AS details",
      };
      return `WITH wanted (key) AS (SELECT ${uuidKey('value')} FROM json_each(?))
              SELECT ${uuidText('l.sync_id')} AS key, ${columns.map((c) => read[c] ?? `l.${c}`).join(', ')}
              FROM wanted JOIN audit_log l ON ${historyIdKey('l.sync_id')} = ${historyIdKey('wanted.key')} AND l.sync_id = wanted.key`;
    }
    default:
      return `SELECT ${key} AS key, ${columns.join(', ')} FROM ${table} WHERE ${key} IN (SELECT value FROM json_each(?))`;
  }
}

/** The synced data of these rows as this device holds them; absent ids are not in the map. */
export function readRows(sql: Sql, table: SyncedTableName, ids: readonly string[]): Map<string, SyncData> {
  const out = new Map<string, SyncData>();
  if (ids.length === 0) return out;
  const rows = sql.prepare(selectFor(table)).all(JSON.stringify(ids)) as (Record<string, string | number | null> & { key: string })[];
  for (const row of rows) {
    const { key, ...data } = row;
    out.set(key, data);
  }
  if (table === 'invoices' && out.size > 0) {
    const lines = sql
      .prepare(
        `SELECT i.id AS invoice_id, ${LINE_COLUMNS.map((c) => `l.${c}`).join(', ')} FROM invoices i JOIN invoice_lines l ON l.invoice_seq = i.seq
         WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id, l.position`,
      )
      .all(JSON.stringify([...out.keys()])) as (SyncLineValue & { invoice_id: string })[];
    for (const data of out.values()) data.lines = [];
    for (const { invoice_id, ...line } of lines) (out.get(invoice_id)!.lines as SyncLineValue[]).push(line);
  }
  return out;
}

/** Stamps as stored, or none for a row this device has not stamped. */
export function readStamps(sql: Sql, table: SyncedTableName, ids: readonly string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (ids.length === 0) return out;
  const rows = sql.prepare('SELECT row_id, stamps FROM sync_stamps WHERE tbl = ? AND row_id IN (SELECT value FROM json_each(?))').all(table, JSON.stringify(ids)) as { row_id: string; stamps: string }[];
  for (const r of rows) out.set(r.row_id, JSON.parse(r.stamps) as Record<string, string>);
  return out;
}

export function writeStamps(sql: Sql, table: SyncedTableName, id: string, stamps: Record<string, string>): void {
  sql.prepare('INSERT INTO sync_stamps (tbl, row_id, stamps) VALUES (?, ?, ?) ON CONFLICT (tbl, row_id) DO UPDATE SET stamps = excluded.stamps').run(table, id, JSON.stringify(stamps));
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : v === null || v === undefined ? null : Number(v));

/** Only the columns this release has: fields of a newer release are carried by the Cloud, not stored here. */
function known(table: SyncedTableName, data: SyncData, skip: readonly string[] = []): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const column of SYNCED_TABLES[table].columns) {
    if (skip.includes(column) || !(column in data)) continue;
    const value = data[column];
    out[column] = Array.isArray(value) ? JSON.stringify(value) : (value as string | number | null);
  }
  return out;
}

/** `sqlOnInsert`: columns a new row takes from SQL over its named values (a parent's seq found by its id). */
function upsert(
  sql: Sql, table: string, key: string, id: string, values: Record<string, string | number | null | Buffer>,
  extraOnInsert: Record<string, string | number | null> = {}, sqlOnInsert: Record<string, string> = {},
): void {
  const columns = Object.keys(values);
  const exists = sql.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).get(id);
  if (exists) {
    if (columns.length === 0) return;
    sql.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE ${key} = @__key`).run({ ...values, __key: id });
    return;
  }
  const all = { ...extraOnInsert, ...values, [key]: id };
  const names = Object.keys(all);
  const computed = Object.keys(sqlOnInsert);
  sql
    .prepare(`INSERT INTO ${table} (${[...names, ...computed].join(', ')}) VALUES (${[...names.map((c) => `@${c}`), ...computed.map((c) => sqlOnInsert[c])].join(', ')})`)
    .run(all);
}

function writeCustomer(sql: Sql, id: string, data: SyncData, now: string): void {
  upsert(sql, 'customers', 'id', id, known('customers', data), { updated_at: now, version: 1, created_at: now });
  sql.prepare('UPDATE customers SET updated_at = ?, version = version + 1 WHERE id = ?').run(now, id);
  sql.prepare('INSERT INTO customer_balances (customer_id) VALUES (?) ON CONFLICT DO NOTHING').run(id);
  const row = sql.prepare('SELECT seq, name, email, secondary_email, phone, secondary_phone, code, tax_id, status, deleted_at, tags FROM customers WHERE id = ?').get(id) as
    IndexedCustomerRow & { seq: number; tags: string };
  replaceSearchDocument(sql, row.seq, searchDocumentOfRow(row));
  let tags: string[] = [];
  try {
    tags = JSON.parse(row.tags) as string[];
  } catch {
    tags = [];
  }
  replaceTags(sql, { id, seq: row.seq, name: row.name }, tags);
  // Payments pulled before their customer name it by seq now (migration 27; payments_awaiting_customer holds them).
  sql.prepare('UPDATE payments SET customer_seq = ? WHERE customer_seq IS NULL AND customer_id = ?').run(row.seq, id);
}

function writeItem(sql: Sql, id: string, data: SyncData, now: string): void {
  upsert(sql, 'items', 'id', id, known('items', data), { updated_at: now, version: 1, created_at: now });
  sql.prepare('UPDATE items SET updated_at = ?, version = version + 1 WHERE id = ?').run(now, id);
  const row = sql.prepare('SELECT seq, name, code, deleted_at FROM items WHERE id = ?').get(id) as { seq: number; name: string; code: string; deleted_at: string | null };
  replaceItemSearch(sql, row.seq, row);
}

/** The invoice's lines become `lines` (the lines name their invoice by its seq, migration 20; the invoice is written first). */
function writeLines(sql: Sql, id: string, lines: unknown): void {
  const seq = invoiceSeq(sql, id);
  sql.prepare('DELETE FROM invoice_lines WHERE invoice_seq = ?').run(seq);
  if (!Array.isArray(lines)) return;
  const insert = sql.prepare(
    `INSERT INTO invoice_lines (invoice_seq, ${LINE_COLUMNS.join(', ')}) VALUES (@invoice_seq, ${LINE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  for (const line of lines as SyncLineValue[]) {
    const values = Object.fromEntries(LINE_COLUMNS.map((c) => [c, c === 'description' || c === 'unit' ? (str(line[c]) ?? '') : c === 'item_id' ? str(line[c]) : num(line[c])]));
    insert.run({ invoice_seq: seq, ...values, unit: values.unit ?? '' });
  }
}

/**
 * An invoice: content is written while it is a draft (a final invoice's content is frozen by the
 * table's own triggers), then it moves on to final or void. Settlement is worked out afterwards.
 */
function writeInvoice(sql: Sql, id: string, data: SyncData, now: string): void {
  const lifecycle = data.lifecycle === 'final' || data.lifecycle === 'void' ? data.lifecycle : 'draft';
  const current = sql.prepare('SELECT status FROM invoices WHERE id = ?').get(id) as { status: string } | undefined;
  const content = known('invoices', data, ['lifecycle', 'lines', 'voided_at', 'void_reason', 'duplicate_of', 'share_token', ...ETIMS_RECEIPT_COLUMNS]);
  if (!current || current.status === 'draft') {
    // Content is written only here; kept smaller when it reads back the same (db/invoiceForms.ts).
    if (typeof content.bill_to === 'string') content.bill_to = storedBillTo(content.bill_to);
    if (typeof content.tax_summary === 'string') content.tax_summary = storedTaxSummary(content.tax_summary);
    upsert(sql, 'invoices', 'id', id, { ...content, status: 'draft' }, {
      updated_at: now, version: 1, paid_minor: 0, credited_minor: 0, balance_minor: 0, draft_version: 1, created_at: now,
    });
    // An editor open on this draft here is now behind: it is told the draft was saved elsewhere.
    if (current) sql.prepare('UPDATE invoices SET draft_version = draft_version + 1, version = version + 1, updated_at = ? WHERE id = ?').run(now, id);
    writeLines(sql, id, data.lines);
    // Owing all of it until settlement (worked out after the rows are in) says otherwise.
    if (lifecycle !== 'draft') sql.prepare("UPDATE invoices SET status = 'open', paid_minor = 0, credited_minor = 0, balance_minor = total_minor, updated_at = ? WHERE id = ?").run(now, id);
  }
  if (lifecycle === 'void') {
    sql.prepare("UPDATE invoices SET status = 'void', voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ? AND status <> 'void'").run(str(data.voided_at) ?? now, str(data.void_reason) ?? '', now, id);
  }
  if ('duplicate_of' in data) sql.prepare('UPDATE invoices SET duplicate_of = ? WHERE id = ?').run(str(data.duplicate_of), id);
  if (typeof data.share_token === 'string' && data.share_token) sql.prepare('UPDATE invoices SET share_token = ? WHERE id = ? AND share_token IS NULL').run(data.share_token, id);
  // KRA's answer, added once to a final invoice (the books' own trigger keeps it from changing after).
  if (lifecycle !== 'draft' && typeof data.etims_signature === 'string' && data.etims_signature !== '') {
    const etims = Object.fromEntries(ETIMS_RECEIPT_COLUMNS.map((c) => [c, (data[c] ?? null) as string | number | null]));
    sql.prepare(`UPDATE invoices SET ${ETIMS_RECEIPT_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @__id AND etims_signature IS NULL`).run({ ...etims, __id: id });
  }
  const row = sql.prepare('SELECT seq, number FROM invoices WHERE id = ?').get(id) as { seq: number; number: string | null };
  sql.prepare('DELETE FROM invoice_search WHERE rowid = ?').run(row.seq);
  if (row.number) sql.prepare('INSERT INTO invoice_search (rowid, number) VALUES (?, ?)').run(row.seq, numberSearchText(row.number));
}

function writeDraftVersion(sql: Sql, id: string, data: SyncData): void {
  if (sql.prepare(`SELECT 1 FROM draft_versions WHERE ${keyIs('draft_versions', '@id')}`).get({ id })) return;
  const invoiceId = str(data.invoice_id)!;
  const values: Record<string, string | number | null | Buffer> = { ...known('draft_versions', data), version: newestDraftVersionNumber(sql, invoiceId) + 1 };
  if (typeof values.content === 'string') {
    const { text, packed } = packedColumns(values.content);
    values.content = text;
    values.content_packed = packed;
  }
  // Both ids in their stored form (migration 24); invoice_id as text first, as the TEXT column it was took it.
  const names = Object.keys(values);
  const placeholders = [...names.map((c) => (c === 'invoice_id' ? uuidKey('CAST(@invoice_id AS TEXT)') : `@${c}`)), uuidKey('@__id')];
  sql.prepare(`INSERT INTO draft_versions (${[...names, 'sync_id'].join(', ')}) VALUES (${placeholders.join(', ')})`).run({ ...values, __id: id });
}

/** A history line is a fact: written once, never changed. */
function writeHistoryLine(sql: Sql, id: string, data: SyncData): void {
  if (sql.prepare(`SELECT 1 FROM audit_log WHERE ${keyIs('audit_log', '@id')}`).get({ id })) return;
  const values = known('audit_log', data);
  const names = Object.keys(values);
  // Both ids, the time, the sentence, the entity, the action and the details in their stored form; entity_id, the
  // sentence and the words as text first, as the TEXT columns they were took them.
  const stored: Record<string, string> = {
    entity_id: uuidKey('CAST(@entity_id AS TEXT)'), at: instantKey('@at'), summary: 'summary_key(CAST(@summary AS TEXT))',
    entity: historyWordKey('CAST(@entity AS TEXT)'), action: historyWordKey('CAST(@action AS TEXT)'), details: "nullif(@details, '{}')",
  };
  // Details are NULL here only for '{}' (migration 29): a line that came with none is refused, as the NOT NULL column refused it before.
  if (values.details === null) throw new Error('NOT NULL constraint failed: audit_log.details');
  const placeholders = [...names.map((c) => stored[c] ?? `@${c}`), uuidKey('@__id')];
  sql.prepare(`INSERT INTO audit_log (${[...names, 'sync_id'].join(', ')}) VALUES (${placeholders.join(', ')})`).run({ ...values, __id: id });
}

function writePayment(sql: Sql, id: string, data: SyncData, now: string): void {
  const exists = sql.prepare('SELECT status FROM payments WHERE id = ?').get(id) as { status: string } | undefined;
  if (!exists) {
    // The customer's seq (migration 27): NULL until the customer arrives, if it has not yet (writeCustomer fills it).
    upsert(sql, 'payments', 'id', id, known('payments', data), { allocated_minor: 0, updated_at: now, version: 1, idempotency_key: null },
      { customer_seq: '(SELECT seq FROM customers WHERE id = @customer_id)' });
    return;
  }
  if (data.status === 'reversed' && exists.status !== 'reversed') {
    sql.prepare("UPDATE payments SET status = 'reversed', reversed_at = ?, reversal_reason = ?, allocated_minor = 0, updated_at = ?, version = version + 1 WHERE id = ?")
      .run(str(data.reversed_at) ?? now, str(data.reversal_reason) ?? '', now, id);
  }
}

function writeAllocation(sql: Sql, id: string, data: SyncData): void {
  const exists = sql.prepare('SELECT reversed_at FROM payment_allocations WHERE id = ?').get(id) as { reversed_at: string | null } | undefined;
  if (!exists) {
    // The payment's and invoice's seqs (migration 27): NULL until each arrives, if it has not yet (migration 27's triggers fill them).
    upsert(sql, 'payment_allocations', 'id', id, { ...known('payment_allocations', data), applied_minor: 0 }, {}, {
      payment_seq: '(SELECT seq FROM payments WHERE id = @payment_id)', invoice_seq: '(SELECT seq FROM invoices WHERE id = @invoice_id)',
    });
    return;
  }
  if (data.reversed_at && !exists.reversed_at) {
    sql.prepare('UPDATE payment_allocations SET reversed_at = ?, reversed_on = ?, applied_minor = 0 WHERE id = ?').run(str(data.reversed_at), str(data.reversed_on), id);
  }
}

/** An issued quote: written once; afterwards only its decision and conversion move (the table freezes the rest). */
function writeQuote(sql: Sql, id: string, data: SyncData, now: string): void {
  const exists = sql.prepare('SELECT state, invoice_id FROM quotes WHERE id = ?').get(id) as { state: string; invoice_id: string | null } | undefined;
  if (!exists) {
    upsert(sql, 'quotes', 'id', id, known('quotes', data), { updated_at: now, version: 1 });
    return;
  }
  const state = str(data.state);
  if (state && state !== exists.state && exists.state === 'sent') {
    sql.prepare('UPDATE quotes SET state = ?, decided_on = ?, decision_note = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(state, str(data.decided_on), str(data.decision_note) ?? '', now, id);
  }
  const invoiceId = str(data.invoice_id);
  if (invoiceId && exists.invoice_id === null) {
    sql.prepare('UPDATE quotes SET invoice_id = ?, converted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(invoiceId, str(data.converted_at), now, id);
  }
}

/** A refund: written once; the one change is its reversal. */
function writeRefund(sql: Sql, id: string, data: SyncData, now: string): void {
  const exists = sql.prepare('SELECT status FROM refunds WHERE id = ?').get(id) as { status: string } | undefined;
  if (!exists) {
    upsert(sql, 'refunds', 'id', id, known('refunds', data), { updated_at: now, version: 1, idempotency_key: null });
    return;
  }
  if (data.status === 'reversed' && exists.status !== 'reversed') {
    sql.prepare("UPDATE refunds SET status = 'reversed', reversed_at = ?, reversed_on = ?, reversal_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?")
      .run(str(data.reversed_at) ?? now, str(data.reversed_on), str(data.reversal_reason) ?? '', now, id);
  }
}

function writeNotification(sql: Sql, id: string, data: SyncData, now: string): void {
  const values = known('notifications', data, ['status']);
  // Another device's message: its status is what that device said (this one has no job for it).
  upsert(sql, 'notifications', 'id', id, { ...values, remote_status: str(data.status), updated_at: now }, { job_id: null, sending_started_at: null, outcome: null });
}

/** Writes one synced row into this device's tables (the caller holds the transaction). */
export function writeRow(sql: Sql, row: SyncRow, now: string): void {
  switch (row.table) {
    case 'customers': return writeCustomer(sql, row.id, row.data, now);
    case 'items': return writeItem(sql, row.id, row.data, now);
    case 'invoices': return writeInvoice(sql, row.id, row.data, now);
    case 'draft_versions': return writeDraftVersion(sql, row.id, row.data);
    case 'payments': return writePayment(sql, row.id, row.data, now);
    case 'payment_allocations': return writeAllocation(sql, row.id, row.data);
    case 'credit_notes':
      return upsert(sql, 'credit_notes', 'id', row.id, known('credit_notes', row.data), { updated_at: now, version: 1 });
    case 'settings':
      return upsert(sql, 'settings', 'section', row.id, { value: str(row.data.value) ?? '{}', updated_at: now });
    case 'saved_reports':
      return upsert(sql, 'saved_reports', 'id', row.id, { ...known('saved_reports', row.data), updated_at: now }, { version: 1 });
    case 'notifications': return writeNotification(sql, row.id, row.data, now);
    case 'audit_log': return writeHistoryLine(sql, row.id, row.data);
    case 'incoming_payments':
      return upsert(sql, 'incoming_payments', 'id', row.id, { ...known('incoming_payments', row.data), updated_at: now }, { version: 1 });
    case 'payment_requests':
      return upsert(sql, 'payment_requests', 'id', row.id, known('payment_requests', row.data), { version: 1 });
    case 'quotes': return writeQuote(sql, row.id, row.data, now);
    case 'refunds': return writeRefund(sql, row.id, row.data, now);
    case 'recurring_schedules':
      upsert(sql, 'recurring_schedules', 'id', row.id, known('recurring_schedules', row.data), { updated_at: now, version: 1 });
      sql.prepare('UPDATE recurring_schedules SET updated_at = ?, version = version + 1 WHERE id = ?').run(now, row.id);
      return;
    case 'recurring_runs':
      // A period is written once, and the same on every computer (its id is made from it).
      if (sql.prepare('SELECT 1 FROM recurring_runs WHERE id = ?').get(row.id)) return;
      return upsert(sql, 'recurring_runs', 'id', row.id, known('recurring_runs', row.data), { updated_at: now, version: 1 });
  }
}
