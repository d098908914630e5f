// SQL for eTIMS: the line of documents to transmit, KRA's answers on invoices and credit notes, the
// code lists and the items registered at KRA. No rules, no transactions.
import type { EtimsReceipt } from '../../../shared/domain/etims';
import { ETIMS_RECEIPT_COLUMNS } from '../../../shared/sync/tables';
import type { Sql } from '../db/sql';

export type DocumentKind = 'invoice' | 'credit_note';
export type QueueState = 'waiting' | 'sending' | 'in_doubt' | 'signed' | 'failed' | 'cancelled';

export interface QueueRow {
  seq: number;
  document_kind: DocumentKind;
  document_id: string;
  state: QueueState;
  invoice_no: number | null;
  job_id: string | null;
  attempts: number;
  error_code: string | null;
  message: string | null;
  request: string | null;
  queued_at: string;
  sent_at: string | null;
  finished_at: string | null;
  late_notice_at: string | null;
}

export interface ReceiptColumns {
  etims_invoice_no: number | null;
  etims_cu_id: string | null;
  etims_receipt_no: number | null;
  etims_total_receipt_no: number | null;
  etims_internal_data: string | null;
  etims_signature: string | null;
  etims_signed_at: string | null;
  etims_verify_url: string | null;
}

const TABLE: Record<DocumentKind, string> = { invoice: 'invoices', credit_note: 'credit_notes' };
const RECEIPT_SELECT = ETIMS_RECEIPT_COLUMNS.join(', ');

export function toReceipt(row: ReceiptColumns): EtimsReceipt | null {
  if (!row.etims_signature) return null;
  return {
    invoiceNo: row.etims_invoice_no ?? 0,
    cuId: row.etims_cu_id ?? '',
    receiptNo: row.etims_receipt_no ?? 0,
    totalReceiptNo: row.etims_total_receipt_no ?? 0,
    internalData: row.etims_internal_data ?? '',
    signature: row.etims_signature,
    signedAt: row.etims_signed_at ?? '',
    verifyUrl: row.etims_verify_url ?? '',
  };
}

export function receiptOf(sql: Sql, kind: DocumentKind, id: string): ReceiptColumns | undefined {
  return sql.prepare(`SELECT ${RECEIPT_SELECT} FROM ${TABLE[kind]} WHERE id = ?`).get(id) as ReceiptColumns | undefined;
}

/** Writes KRA's answer on the document; false when it already had one (the trigger keeps it from changing). */
export function writeReceipt(sql: Sql, kind: DocumentKind, id: string, receipt: EtimsReceipt, at: string): boolean {
  return (
    sql
      .prepare(
        `UPDATE ${TABLE[kind]} SET etims_invoice_no = @invoiceNo, etims_cu_id = @cuId, etims_receipt_no = @receiptNo,
           etims_total_receipt_no = @totalReceiptNo, etims_internal_data = @internalData, etims_signature = @signature,
           etims_signed_at = @signedAt, etims_verify_url = @verifyUrl, updated_at = @at, version = version + 1
         WHERE id = @id AND etims_signature IS NULL`,
      )
      .run({ ...receipt, id, at }).changes > 0
  );
}

/** The highest KRA invoice number any document of these books holds (from any computer that transmitted). */
export function highestRecordedNumber(sql: Sql): number {
  const row = sql
    .prepare('SELECT max(n) AS n FROM (SELECT max(etims_invoice_no) AS n FROM invoices UNION ALL SELECT max(etims_invoice_no) FROM credit_notes)')
    .get() as { n: number | null };
  return row.n ?? 0;
}

// ---- the line ---------------------------------------------------------------------------------

export function queueRow(sql: Sql, seq: number): QueueRow | undefined {
  return sql.prepare('SELECT * FROM etims_queue WHERE seq = ?').get(seq) as QueueRow | undefined;
}

export function queueRowOf(sql: Sql, kind: DocumentKind, id: string): QueueRow | undefined {
  return sql.prepare('SELECT * FROM etims_queue WHERE document_kind = ? AND document_id = ?').get(kind, id) as QueueRow | undefined;
}

export function insertQueueRow(sql: Sql, kind: DocumentKind, id: string, at: string): number {
  return Number(
    sql.prepare("INSERT INTO etims_queue (document_kind, document_id, state, queued_at) VALUES (?, ?, 'waiting', ?)").run(kind, id, at).lastInsertRowid,
  );
}

export function setJob(sql: Sql, seq: number, jobId: string): void {
  sql.prepare('UPDATE etims_queue SET job_id = ? WHERE seq = ?').run(jobId, seq);
}

/** The mark written just before the request goes: a row found in "sending" later is asked about, never simply sent again. */
export function markSending(sql: Sql, seq: number, invoiceNo: number, request: string, at: string): void {
  sql
    .prepare("UPDATE etims_queue SET state = 'sending', invoice_no = ?, request = ?, sent_at = ?, attempts = attempts + 1, error_code = NULL, message = NULL WHERE seq = ?")
    .run(invoiceNo, request, at, seq);
}

export function markInDoubt(sql: Sql, seq: number, message: string): void {
  sql.prepare("UPDATE etims_queue SET state = 'in_doubt', message = ? WHERE seq = ?").run(message, seq);
}

/** Back in line: not sent (the network was down), or a person asked to try again. */
export function markWaiting(sql: Sql, seq: number, message: string | null, keepNumber: boolean): void {
  sql
    .prepare(`UPDATE etims_queue SET state = 'waiting', message = ?, error_code = NULL, finished_at = NULL${keepNumber ? '' : ', invoice_no = NULL, request = NULL'} WHERE seq = ?`)
    .run(message, seq);
}

export function markSigned(sql: Sql, seq: number, invoiceNo: number, at: string): void {
  sql.prepare("UPDATE etims_queue SET state = 'signed', invoice_no = ?, error_code = NULL, message = NULL, finished_at = ? WHERE seq = ?").run(invoiceNo, at, seq);
}

/** Refused: the number it held is given back unless KRA used it (`keepNumber`). */
export function markFailed(sql: Sql, seq: number, code: string, message: string, at: string, keepNumber: boolean): void {
  sql
    .prepare(`UPDATE etims_queue SET state = 'failed', error_code = ?, message = ?, finished_at = ?${keepNumber ? '' : ', invoice_no = NULL, request = NULL'} WHERE seq = ?`)
    .run(code, message, at, seq);
}

export function markCancelled(sql: Sql, seq: number, message: string, at: string): void {
  sql.prepare("UPDATE etims_queue SET state = 'cancelled', message = ?, finished_at = ?, invoice_no = NULL, request = NULL WHERE seq = ?").run(message, at, seq);
}

export function markLateNoticed(sql: Sql, seqs: readonly number[], at: string): void {
  const update = sql.prepare('UPDATE etims_queue SET late_notice_at = ? WHERE seq = ?');
  for (const seq of seqs) update.run(at, seq);
}

export interface AwaitingDocument {
  kind: DocumentKind;
  id: string;
  at: string;
  number: string;
  invoice_id: string;
  invoice_number: string;
}

/**
 * Final documents without KRA's answer that are not in the line yet, oldest first: invoices by when
 * they were finalized, credit notes by when they were issued. Imported invoices (issued in another
 * tool), void ones and those finalized before eTIMS began are not sent; nor are credit notes of those.
 */
export function awaitingOutsideLine(sql: Sql, from: string): AwaitingDocument[] {
  return sql
    .prepare(
      `SELECT 'invoice' AS kind, i.id, i.finalized_at AS at, i.number, i.id AS invoice_id, i.number AS invoice_number, i.seq FROM invoices i INDEXED BY invoices_awaiting_etims
         WHERE i.etims_signature IS NULL AND i.status <> 'draft' AND i.status <> 'void' AND i.source <> 'import' AND i.finalized_at >= @from
           AND NOT EXISTS (SELECT 1 FROM etims_queue q WHERE q.document_kind = 'invoice' AND q.document_id = i.id)
       UNION ALL
       SELECT 'credit_note', cn.id, cn.created_at, cn.number, i.id, i.number, cn.seq FROM credit_notes cn INDEXED BY credit_notes_awaiting_etims JOIN invoices i ON i.id = cn.invoice_id
         WHERE cn.etims_signature IS NULL AND cn.deleted_at IS NULL AND cn.created_at >= @from AND i.source <> 'import' AND i.finalized_at >= @from
           AND NOT EXISTS (SELECT 1 FROM etims_queue q WHERE q.document_kind = 'credit_note' AND q.document_id = cn.id)
       ORDER BY at, kind DESC, seq`,
    )
    .all({ from }) as AwaitingDocument[];
}

/** Credit notes that failed because their invoice was not signed yet. */
export function creditNotesWaitingFor(sql: Sql, invoiceId: string): QueueRow[] {
  return sql
    .prepare(
      `SELECT q.* FROM etims_queue q JOIN credit_notes cn ON cn.id = q.document_id
       WHERE q.document_kind = 'credit_note' AND cn.invoice_id = ? AND q.state = 'failed' AND q.error_code = 'waiting_for_invoice'`,
    )
    .all(invoiceId) as QueueRow[];
}

export function openRows(sql: Sql): QueueRow[] {
  return sql.prepare("SELECT * FROM etims_queue INDEXED BY etims_queue_open WHERE state NOT IN ('signed', 'cancelled') ORDER BY seq").all() as QueueRow[];
}

export function countOpen(sql: Sql): { awaiting: number; failed: number; inDoubt: number } {
  const rows = sql.prepare("SELECT state, count(*) AS n FROM etims_queue INDEXED BY etims_queue_open WHERE state NOT IN ('signed', 'cancelled') GROUP BY state").all() as { state: QueueState; n: number }[];
  const n = (s: QueueState) => rows.find((r) => r.state === s)?.n ?? 0;
  return { awaiting: n('waiting') + n('sending'), failed: n('failed'), inDoubt: n('in_doubt') };
}

// ---- code lists -------------------------------------------------------------------------------

export interface CodeRow {
  class: string;
  code: string;
  name: string;
  description: string;
  sort: number;
  extra: string;
  in_use: number;
}

export function upsertCode(sql: Sql, row: CodeRow): void {
  sql
    .prepare(
      `INSERT INTO etims_codes (class, code, name, description, sort, extra, in_use) VALUES (@class, @code, @name, @description, @sort, @extra, @in_use)
       ON CONFLICT (class, code) DO UPDATE SET name = excluded.name, description = excluded.description, sort = excluded.sort, extra = excluded.extra, in_use = excluded.in_use`,
    )
    .run(row);
}

export function codesOf(sql: Sql, cls: string): CodeRow[] {
  return sql.prepare('SELECT * FROM etims_codes WHERE class = ? AND in_use = 1 ORDER BY sort, code').all(cls) as CodeRow[];
}

export function upsertItemClass(sql: Sql, row: { code: string; name: string; level: number | null; tax_type: string | null; in_use: number }): void {
  sql
    .prepare(
      `INSERT INTO etims_item_classes (code, name, level, tax_type, in_use) VALUES (@code, @name, @level, @tax_type, @in_use)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, tax_type = excluded.tax_type, in_use = excluded.in_use`,
    )
    .run(row);
}

export function itemClass(sql: Sql, code: string): { code: string; name: string; tax_type: string | null } | undefined {
  return sql.prepare('SELECT code, name, tax_type FROM etims_item_classes WHERE code = ?').get(code) as { code: string; name: string; tax_type: string | null } | undefined;
}

/** Classifications whose code starts with, or whose name contains, every word typed. */
export function searchItemClasses(sql: Sql, query: string, limit: number): { code: string; name: string; tax_type: string | null }[] {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const clauses = words.map((_, i) => `(code LIKE @w${i} || '%' OR name LIKE '%' || @w${i} || '%')`);
  const params = Object.fromEntries(words.map((w, i) => [`w${i}`, w.replace(/[%_]/g, '')]));
  return sql
    .prepare(`SELECT code, name, tax_type FROM etims_item_classes WHERE in_use = 1 AND ${clauses.join(' AND ')} ORDER BY length(code) DESC, name COLLATE NOCASE LIMIT @limit`)
    .all({ ...params, limit }) as { code: string; name: string; tax_type: string | null }[];
}

export function codeCounts(sql: Sql): { classes: number; codes: number } {
  const classes = (sql.prepare('SELECT count(*) AS n FROM etims_item_classes').get() as { n: number }).n;
  const codes = (sql.prepare('SELECT count(*) AS n FROM etims_codes').get() as { n: number }).n;
  return { classes, codes };
}

// ---- items registered at KRA ------------------------------------------------------------------

export function registeredFingerprint(sql: Sql, itemCode: string): string | null {
  return (sql.prepare('SELECT fingerprint FROM etims_registered_items WHERE item_code = ?').get(itemCode) as { fingerprint: string } | undefined)?.fingerprint ?? null;
}

export function markRegistered(sql: Sql, itemCode: string, fingerprint: string, at: string): void {
  sql
    .prepare('INSERT INTO etims_registered_items (item_code, fingerprint, registered_at) VALUES (?, ?, ?) ON CONFLICT (item_code) DO UPDATE SET fingerprint = excluded.fingerprint, registered_at = excluded.registered_at')
    .run(itemCode, fingerprint, at);
}

/** Forgets what was registered, so every item is sent again (after a new initialisation). */
export function forgetRegistered(sql: Sql): void {
  sql.prepare('DELETE FROM etims_registered_items').run();
}

export interface ItemEtimsRow {
  id: string;
  name: string;
  price_minor: number | null;
  tax_rate_bp: number | null;
  etims_class_code: string;
  etims_item_type: string;
  etims_packaging_unit: string;
  etims_quantity_unit: string;
  etims_origin_country: string;
  etims_item_code: string;
  version: number;
  deleted_at: string | null;
}

export function itemEtimsRow(sql: Sql, id: string): ItemEtimsRow | undefined {
  return sql
    .prepare(
      `SELECT id, name, price_minor, tax_rate_bp, etims_class_code, etims_item_type, etims_packaging_unit, etims_quantity_unit, etims_origin_country,
         etims_item_code, version, deleted_at FROM items WHERE id = ?`,
    )
    .get(id) as ItemEtimsRow | undefined;
}

/** The highest serial in the item codes given so far (the last 7 digits of KE2NTU0000007). */
export function highestItemSerial(sql: Sql): number {
  const rows = sql.prepare("SELECT etims_item_code AS c FROM items WHERE etims_item_code <> ''").all() as { c: string }[];
  let top = 0;
  for (const { c } of rows) {
    const tail = /(\d{7})$/.exec(c);
    if (tail) top = Math.max(top, Number(tail[1]));
  }
  return top;
}
