// The notification log's SQL. A message's progress is its job's, so reads join the job and work
// out the status in one CASE, which the log's filters can use.
import type { NotificationsTable } from '../db/schema';
import type { Sql } from '../db/sql';

export type NotificationRow = Omit<NotificationsTable, 'seq'> & { seq: number };

export interface NotificationDbRow extends NotificationRow {
  status: string;
  job_attempts: number | null;
  job_last_error: string | null;
  invoice_number: string | null;
  customer_name: string;
}

/** A message's status, worked out from its row `n` and its job `j` (none on a computer that did not send it). */
export const notificationStatus = (now: string) => `CASE
  WHEN n.outcome IS NOT NULL THEN n.outcome
  WHEN j.id IS NULL AND n.remote_status IS NOT NULL THEN n.remote_status
  WHEN n.sending_started_at IS NOT NULL AND j.state IN ('failed', 'cancelled') THEN 'unconfirmed'
  WHEN j.state = 'succeeded' THEN 'sent'
  WHEN j.state = 'failed' THEN 'failed'
  WHEN j.state = 'cancelled' THEN 'cancelled'
  WHEN j.state = 'running' THEN 'sending'
  WHEN j.attempts = 0 AND n.scheduled_for > ${now} THEN 'scheduled'
  WHEN j.last_error IS NOT NULL THEN 'retrying'
  ELSE 'pending' END`;

const STATUS = notificationStatus('@now');

const SELECT = `SELECT n.*, ${STATUS} AS status, j.attempts AS job_attempts, j.last_error AS job_last_error,
    i.number AS invoice_number, c.name AS customer_name
  FROM notifications n
  LEFT JOIN jobs j ON j.id = n.job_id
  LEFT JOIN invoices i ON i.id = n.invoice_id
  JOIN customers c ON c.id = n.customer_id`;

export function insertNotification(sql: Sql, row: Omit<NotificationRow, 'seq'>): void {
  sql
    .prepare(
      `INSERT INTO notifications (id, request_key, type, channel, customer_id, invoice_id, payment_id, recipients, subject, message, html,
         attach_pdf, template, segments, tone, reminder_offset, scheduled_for, job_id, outcome, provider_message_id, error,
         sending_started_at, sent_at, created_at, updated_at, quote_id, period_from, period_to)
       VALUES (@id, @request_key, @type, @channel, @customer_id, @invoice_id, @payment_id, @recipients, @subject, @message, @html,
         @attach_pdf, @template, @segments, @tone, @reminder_offset, @scheduled_for, @job_id, @outcome, @provider_message_id, @error,
         @sending_started_at, @sent_at, @created_at, @updated_at, @quote_id, @period_from, @period_to)`,
    )
    .run({ quote_id: null, period_from: null, period_to: null, ...row });
}

export function getRow(sql: Sql, id: string): NotificationRow | undefined {
  return sql.prepare('SELECT * FROM notifications WHERE id = ?').get(id) as NotificationRow | undefined;
}

export function idByRequestKey(sql: Sql, key: string): string | undefined {
  return (sql.prepare('SELECT id FROM notifications WHERE request_key = ?').get(key) as { id: string } | undefined)?.id;
}

export function keysWithPrefix(sql: Sql, prefix: string): Set<string> {
  const rows = sql.prepare("SELECT request_key FROM notifications WHERE request_key >= ? AND request_key < ? || '~'").all(prefix, prefix) as { request_key: string }[];
  return new Set(rows.map((r) => r.request_key));
}

export function setJob(sql: Sql, id: string, jobId: string): void {
  sql.prepare('UPDATE notifications SET job_id = ? WHERE id = ?').run(jobId, id);
}

/** Marks the hand-over, only if nothing else has begun or settled it and the job is still held by this attempt; false otherwise. */
export function markHandingOver(sql: Sql, id: string, jobId: string, holder: string, at: string): boolean {
  return (
    sql
      .prepare(
        `UPDATE notifications SET sending_started_at = @at, updated_at = @at
          WHERE id = @id AND outcome IS NULL AND sending_started_at IS NULL
            AND EXISTS (SELECT 1 FROM jobs WHERE id = @jobId AND state = 'running' AND lease_owner = @holder)`,
      )
      .run({ id, jobId, holder, at }).changes > 0
  );
}

/** The provider answered (with an error): the hand-over is settled, nothing is in doubt. */
export function clearHandingOver(sql: Sql, id: string, error: string, at: string): void {
  sql.prepare('UPDATE notifications SET sending_started_at = NULL, error = ?, updated_at = ? WHERE id = ?').run(error, at, id);
}

export function settle(sql: Sql, id: string, outcome: 'sent' | 'unconfirmed' | 'skipped', fields: { providerMessageId?: string | null; error?: string | null; sentAt?: string | null }, at: string): void {
  sql
    .prepare(
      `UPDATE notifications SET outcome = @outcome, provider_message_id = coalesce(@provider_message_id, provider_message_id), error = @error,
         sent_at = @sent_at, sending_started_at = NULL, updated_at = @at
       WHERE id = @id AND (outcome IS NULL OR (outcome = 'unconfirmed' AND @outcome = 'sent'))`,
    )
    .run({ id, outcome, provider_message_id: fields.providerMessageId ?? null, error: fields.error ?? null, sent_at: fields.sentAt ?? null, at });
}

export function setMessageId(sql: Sql, id: string, messageId: string): void {
  sql.prepare('UPDATE notifications SET provider_message_id = ? WHERE id = ?').run(messageId, id);
}

export function getView(sql: Sql, id: string, now: string): NotificationDbRow | undefined {
  return sql.prepare(`${SELECT} WHERE n.id = @id`).get({ id, now }) as NotificationDbRow | undefined;
}

export function byJob(sql: Sql, jobId: string, now: string): NotificationDbRow | undefined {
  return sql.prepare(`${SELECT} WHERE n.job_id = @jobId`).get({ jobId, now }) as NotificationDbRow | undefined;
}

export function forInvoice(sql: Sql, invoiceId: string, now: string): NotificationDbRow[] {
  return sql.prepare(`${SELECT} WHERE n.invoice_id = @invoiceId ORDER BY n.seq DESC LIMIT 500`).all({ invoiceId, now }) as NotificationDbRow[];
}

export interface LogFilter {
  customerId?: string;
  types?: readonly string[];
  statuses?: readonly string[];
  channel?: string;
  limit: number;
}

export function log(sql: Sql, filter: LogFilter, now: string): NotificationDbRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { now, limit: filter.limit };
  if (filter.customerId) {
    where.push('n.customer_id = @customerId');
    params.customerId = filter.customerId;
  }
  if (filter.channel) {
    where.push('n.channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.types?.length) where.push(`n.type IN (${filter.types.map((t, i) => ((params[`t${i}`] = t), `@t${i}`)).join(', ')})`);
  if (filter.statuses?.length) where.push(`(${STATUS}) IN (${filter.statuses.map((s, i) => ((params[`s${i}`] = s), `@s${i}`)).join(', ')})`);
  return sql.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.seq DESC LIMIT @limit`).all(params) as NotificationDbRow[];
}

export interface DayCounts {
  sent: number;
  remindersSent: number;
  failed: number;
  scheduled: number;
}

/** Messages sent, reminders sent and messages failed since `since` (ISO), and those still scheduled. */
export function dayCounts(sql: Sql, since: string, now: string): DayCounts {
  return sql
    .prepare(
      `SELECT
         (SELECT count(*) FROM notifications WHERE sent_at >= @since AND outcome = 'sent') AS sent,
         (SELECT count(*) FROM notifications WHERE sent_at >= @since AND outcome = 'sent' AND type IN ('reminder', 'overdue')) AS remindersSent,
         -- Failed today, and those waiting to try again after an error now: both need a look.
         (SELECT count(*) FROM notifications n JOIN jobs j ON j.id = n.job_id
            WHERE n.outcome IS NULL AND ((j.state = 'failed' AND n.updated_at >= @since)
              OR (j.state IN ('queued', 'offline') AND j.last_error IS NOT NULL AND NOT (j.attempts = 0 AND n.scheduled_for > @now)))) AS failed,
         (SELECT count(*) FROM notifications n JOIN jobs j ON j.id = n.job_id
            WHERE n.outcome IS NULL AND j.state IN ('queued', 'offline') AND j.attempts = 0 AND n.scheduled_for > @now) AS scheduled`,
    )
    .get({ since, now }) as DayCounts;
}

/** Messages a person must look at now: failed or not confirmed (and not sent again since), or waiting again after an error. */
export function attentionCount(sql: Sql, now: string): number {
  return (
    sql
      .prepare(
        `SELECT count(*) AS n FROM notifications n LEFT JOIN jobs j ON j.id = n.job_id
         WHERE (${STATUS}) IN ('failed', 'unconfirmed', 'retrying')
           AND NOT EXISTS (SELECT 1 FROM notifications r WHERE r.request_key = 'resend:' || n.id)`,
      )
      .get({ now }) as { n: number }
  ).n;
}
