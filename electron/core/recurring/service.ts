// Recurring invoices. A schedule bills a customer the same lines on a cadence; each period is issued
// exactly once: its invoice and its row in recurring_runs are written in one transaction, and the
// row's key (schedule, period) is unique, so a crash mid-issue leaves nothing (the next run issues
// it) and a second run, a restart or a second scan finds it done. A period whose day passed while
// Billbook was closed is still issued, once, dated on its own day, but held as a draft for a person
// to review: nothing is finalized or sent for it on its own. On its day, a schedule that says "send"
// finalizes the invoice and sends it by the customer's channel; the send is keyed by the period, so a
// crash between issuing and sending sends it at the next run, once.
import { createHash } from 'node:crypto';
import type { ChannelParsed } from '../../../shared/contract';
import { draftContentSchema } from '../../../shared/domain/invoice';
import {
  periodsAfter, periodsUntil, recurringContentSchema, type Period, type PeriodRule, type RecurringCadence, type RecurringContent, type RecurringRun,
  type RecurringSchedule, type ScheduleState,
} from '../../../shared/domain/recurring';
import { sendRequestSchema } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import { computeTotals } from '../../../shared/totals';
import { textDate } from '../../../shared/dates';
import { recordActivity, recordMutation } from '../audit/record';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import { rollDescription } from '../drafting/recurring';
import { insertDraft } from '../drafts/service';
import { newId } from '../ids';
import { announceInvoices, finalizeInvoice, today } from '../invoices/service';
import { customerContacts } from '../send/facts';
import { sendInvoice } from '../send/service';
import { cloudLink } from '../sync/state';
import { cloudClient } from '../sync/client';
import type { ClaimsAnswer } from '../../../shared/sync/protocol';
import { startPeriodic } from '../periodic';

interface ScheduleRow {
  id: string; customer_id: string; customer_name: string; customer_currency: string; name: string; content: string; base_date: string; cadence: string;
  day_of_month: number | null; start_date: string; end_date: string | null; max_count: number | null; action: string; paused: number;
  deleted_at: string | null; version: number;
}

const SELECT = 'SELECT s.*, c.name AS customer_name, c.currency AS customer_currency FROM recurring_schedules s JOIN customers c ON c.id = s.customer_id';

/** A period's row id, made from the schedule and the period: the same on every computer. */
export function runId(scheduleId: string, periodKey: string): string {
  const h = createHash('sha256').update(`recurring:${scheduleId}:${periodKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function scheduleRow(ctx: CoreContext, id: string): ScheduleRow {
  const row = ctx.sql.prepare(`${SELECT} WHERE s.id = ?`).get(id) as ScheduleRow | undefined;
  if (!row || row.deleted_at) throw new AppError('not_found', 'That schedule does not exist.');
  return row;
}

const ruleOf = (row: ScheduleRow): PeriodRule => ({
  cadence: row.cadence as RecurringCadence, startDate: row.start_date, dayOfMonth: row.day_of_month, endDate: row.end_date, maxCount: row.max_count,
});

function runsOf(ctx: CoreContext, scheduleId: string): RecurringRun[] {
  const rows = ctx.sql
    .prepare(
      `SELECT r.period_key, r.period_on, r.outcome, r.held, r.invoice_id, i.number, i.status FROM recurring_runs r LEFT JOIN invoices i ON i.id = r.invoice_id
       WHERE r.schedule_id = ? ORDER BY r.period_on`,
    )
    .all(scheduleId) as { period_key: string; period_on: string; outcome: string; held: number; invoice_id: string | null; number: string | null; status: string | null }[];
  return rows.map((r) => ({
    periodKey: r.period_key, periodOn: r.period_on, outcome: r.outcome as RecurringRun['outcome'], held: r.held === 1,
    invoice: r.invoice_id ? { id: r.invoice_id, number: r.number, status: r.status ?? 'draft' } : null,
  }));
}

function toSchedule(ctx: CoreContext, row: ScheduleRow): RecurringSchedule {
  const content = JSON.parse(row.content) as RecurringContent;
  const runs = runsOf(ctx, row.id);
  const done = new Set(runs.map((r) => r.periodKey));
  const on = today(ctx);
  const rule = ruleOf(row);
  const upcoming = periodsAfter(rule, '0000-00-00', 400).filter((p) => !done.has(p.key) && p.on >= on).slice(0, 6);
  const ended = upcoming.length === 0;
  const state: ScheduleState = ended ? 'ended' : row.paused === 1 ? 'paused' : 'active';
  const first = content.lines[0]?.description ?? '';
  return {
    id: row.id, customerId: row.customer_id, customerName: row.customer_name, name: row.name, content, currency: (content.currency ?? row.customer_currency) as CurrencyCode,
    totalMinor: computeTotals({ lines: content.lines, pricesIncludeTax: content.pricesIncludeTax, discount: content.discount }).totalMinor,
    baseDate: row.base_date, cadence: rule.cadence, dayOfMonth: row.day_of_month, startDate: row.start_date, endDate: row.end_date,
    maxCount: row.max_count, action: row.action as RecurringSchedule['action'], state,
    preview: upcoming.map((p) => ({ on: p.on, key: p.key, firstLine: rollDescription(first, row.base_date, p.on) })),
    runs, version: row.version,
  };
}

export function getSchedule(ctx: CoreContext, id: string): RecurringSchedule {
  return toSchedule(ctx, scheduleRow(ctx, id));
}

export function listSchedules(ctx: CoreContext, input: ChannelParsed<'recurring.list'>): RecurringSchedule[] {
  const rows = ctx.sql
    .prepare(`${SELECT} WHERE s.deleted_at IS NULL AND (@customerId IS NULL OR s.customer_id = @customerId) ORDER BY c.name, s.seq`)
    .all({ customerId: input.customerId ?? null }) as ScheduleRow[];
  return rows.map((r) => toSchedule(ctx, r));
}

export function createSchedule(ctx: CoreContext, input: ChannelParsed<'recurring.create'>): RecurringSchedule {
  const id = ctx.sql.transaction(() => {
    const customer = getCustomerRow(ctx.sql, input.customerId);
    if (!customer || customer.deleted_at) throw new AppError('not_found', 'Choose a customer who is not archived.', { customerId: 'Choose a customer' });
    const scheduleId = newId(ctx.clock);
    const now = ctx.clock.now().toISOString();
    const dayOfMonth = input.cadence === 'weekly' ? null : input.dayOfMonth ?? Number(input.startDate.slice(8, 10));
    const content = recurringContentSchema.parse({ ...input.content, currency: input.content.currency ?? customer.currency });
    const name = input.name || `${content.lines[0]!.description} (${input.cadence})`;
    ctx.sql
      .prepare(
        `INSERT INTO recurring_schedules (id, customer_id, name, content, base_date, cadence, day_of_month, start_date, end_date, max_count, action, paused,
           created_at, updated_at, deleted_at, version)
         VALUES (@id, @customer_id, @name, @content, @base_date, @cadence, @day_of_month, @start_date, @end_date, @max_count, @action, 0, @now, @now, NULL, 1)`,
      )
      .run({
        id: scheduleId, customer_id: customer.id, name, content: JSON.stringify(content), base_date: input.baseDate ?? input.startDate, cadence: input.cadence,
        day_of_month: dayOfMonth, start_date: input.startDate, end_date: input.endDate, max_count: input.maxCount, action: input.action, now,
      });
    const summary = `Schedule "${name}": ${input.cadence} from ${textDate(input.startDate)}${input.endDate ? ` to ${textDate(input.endDate)}` : ''}${input.maxCount ? `, ${input.maxCount} times` : ''}, ${input.action === 'send' ? 'finalized and sent' : 'drafts to review'}`;
    recordMutation(ctx, { entity: 'recurring_schedule', entityId: scheduleId, mutation: 'recurring.create', action: 'created', summary, args: { id: scheduleId, ...input, content } });
    recordActivity(ctx, 'customer', customer.id, 'schedule created', summary);
    return scheduleId;
  });
  return getSchedule(ctx, id);
}

function setPaused(ctx: CoreContext, id: string, paused: boolean): RecurringSchedule {
  ctx.sql.transaction(() => {
    const row = scheduleRow(ctx, id);
    if ((row.paused === 1) === paused) throw new AppError('conflict', `"${row.name}" is already ${paused ? 'paused' : 'running'}.`);
    ctx.sql.prepare('UPDATE recurring_schedules SET paused = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(paused ? 1 : 0, ctx.clock.now().toISOString(), id);
    recordMutation(ctx, {
      entity: 'recurring_schedule', entityId: id, mutation: paused ? 'recurring.pause' : 'recurring.resume', action: paused ? 'paused' : 'resumed',
      summary: `Schedule "${row.name}" ${paused ? 'paused' : 'resumed'}`, args: { id, paused },
    });
  });
  return getSchedule(ctx, id);
}

export const pauseSchedule = (ctx: CoreContext, id: string) => setPaused(ctx, id, true);

/**
 * Resuming does not bill the months it was paused: those periods are skipped, once, so only the
 * periods from today on are issued.
 */
export function resumeSchedule(ctx: CoreContext, id: string): RecurringSchedule {
  const row = scheduleRow(ctx, id);
  const on = today(ctx);
  ctx.sql.transaction(() => {
    const done = new Set(runsOf(ctx, id).map((r) => r.periodKey));
    for (const p of periodsUntil(ruleOf(row), on)) if (p.on < on && !done.has(p.key)) writeRun(ctx, row.id, p, 'skipped', null, false);
  });
  return setPaused(ctx, id, false);
}

function writeRun(ctx: CoreContext, scheduleId: string, period: Period, outcome: 'issued' | 'skipped', invoiceId: string | null, held: boolean): void {
  const now = ctx.clock.now().toISOString();
  ctx.sql
    .prepare(
      `INSERT INTO recurring_runs (id, schedule_id, period_key, period_on, outcome, invoice_id, held, created_at, updated_at, deleted_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
    )
    .run(runId(scheduleId, period.key), scheduleId, period.key, period.on, outcome, invoiceId, held ? 1 : 0, now, now);
  recordMutation(ctx, {
    entity: 'recurring_schedule', entityId: scheduleId, mutation: outcome === 'skipped' ? 'recurring.skip' : 'recurring.issue', action: outcome,
    summary: `Period ${period.key} (${textDate(period.on)}) ${outcome === 'skipped' ? 'skipped' : held ? 'issued as a draft to review' : 'issued'}`,
    args: { scheduleId, periodKey: period.key, periodOn: period.on, invoiceId, held },
  });
}

/** Skips the next period not yet issued: it will never be billed. */
export function skipNext(ctx: CoreContext, id: string): RecurringSchedule {
  ctx.sql.transaction(() => {
    const row = scheduleRow(ctx, id);
    const s = toSchedule(ctx, row);
    const next = s.preview[0];
    if (!next) throw new AppError('conflict', `"${row.name}" has no period left to skip.`);
    writeRun(ctx, row.id, { key: next.key, on: next.on, index: 0 }, 'skipped', null, false);
  });
  return getSchedule(ctx, id);
}

export function endSchedule(ctx: CoreContext, id: string): { id: string } {
  ctx.sql.transaction(() => {
    const row = scheduleRow(ctx, id);
    const now = ctx.clock.now().toISOString();
    ctx.sql.prepare('UPDATE recurring_schedules SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(now, now, id);
    recordMutation(ctx, { entity: 'recurring_schedule', entityId: id, mutation: 'recurring.end', action: 'ended', summary: `Schedule "${row.name}" ended`, args: { id, at: now } });
  });
  return { id };
}

/** One period's invoice and its run row, in one transaction; nothing if it was issued meanwhile. */
function issuePeriod(ctx: CoreContext, row: ScheduleRow, period: Period, on: string): { invoiceId: string; held: boolean } | null {
  return ctx.sql.transaction(() => {
    if (ctx.sql.prepare('SELECT 1 FROM recurring_runs WHERE schedule_id = ? AND period_key = ?').get(row.id, period.key)) return null;
    const content = JSON.parse(row.content) as RecurringContent;
    const draft = draftContentSchema.parse({
      customerId: row.customer_id, currency: content.currency, issueDate: period.on, dueDate: null, pricesIncludeTax: content.pricesIncludeTax,
      discount: content.discount, notes: content.notes, terms: content.terms,
      lines: content.lines.map((l) => ({ ...l, description: rollDescription(l.description, row.base_date, period.on) })),
    });
    const held = period.on < on;
    const invoiceId = insertDraft(ctx, draft, { source: 'recurring', prompt: null, aiConfidence: null, warnings: [] }, `From the schedule "${row.name}", ${period.key}`);
    writeRun(ctx, row.id, period, 'issued', invoiceId, held);
    if (!held && row.action === 'send') finalizeInvoice(ctx, { id: invoiceId, version: 1 });
    return { invoiceId, held };
  });
}

/** The invoice of a period issued today by a "send" schedule goes to the customer: once, keyed by the period. */
function sendIssued(ctx: CoreContext, row: ScheduleRow, invoiceId: string, periodKey: string, log: (m: string, e?: unknown) => void): boolean {
  const contacts = customerContacts(ctx, row.customer_id);
  const channel = contacts.emails.length > 0 ? 'email' : contacts.phones.length > 0 ? 'sms' : null;
  if (!channel) {
    log(`The invoice for "${row.name}" (${periodKey}) was not sent: ${row.customer_name} has no email address or phone number.`);
    return false;
  }
  try {
    sendInvoice(ctx, sendRequestSchema.parse({
      invoiceId, requestId: runId(row.id, `send:${periodKey}`), channels: [channel],
      emails: channel === 'email' ? contacts.emails : [], phones: channel === 'sms' ? contacts.phones.slice(0, 1) : [],
    }));
    return true;
  } catch (error) {
    log(`The invoice for "${row.name}" (${periodKey}) was issued but not sent`, error);
    return false;
  }
}

export interface RunDueResult {
  issued: number;
  /** Issued after their day: drafts waiting for review. */
  held: number;
  sent: number;
}

/** A "send" schedule's periods issued on their day whose invoice has no message yet. */
function unsentRuns(ctx: CoreContext, scheduleId: string): { invoice_id: string; period_key: string }[] {
  return ctx.sql
    .prepare(
      `SELECT r.invoice_id, r.period_key FROM recurring_runs r JOIN invoices i ON i.id = r.invoice_id
       WHERE r.schedule_id = ? AND r.outcome = 'issued' AND r.held = 0 AND i.status <> 'draft' AND i.status <> 'void'
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.invoice_id = r.invoice_id AND n.type = 'invoice_sent')`,
    )
    .all(scheduleId) as { invoice_id: string; period_key: string }[];
}

/** The key a computer claims at the Cloud to issue one period for its whole organisation. */
export const recurringClaimKey = (scheduleId: string, periodKey: string) => `recurring:${scheduleId}:${periodKey}`;

/** The periods due by today not issued or skipped here, and those issued to send and not sent yet, per running schedule. */
function duePeriods(ctx: CoreContext): { scheduleId: string; periodKey: string }[] {
  const on = today(ctx);
  const rows = ctx.sql.prepare(`${SELECT} WHERE s.deleted_at IS NULL AND s.paused = 0 AND s.start_date <= ?`).all(on) as ScheduleRow[];
  return rows.flatMap((row) => {
    const done = new Set((ctx.sql.prepare('SELECT period_key FROM recurring_runs WHERE schedule_id = ?').all(row.id) as { period_key: string }[]).map((r) => r.period_key));
    const unsent = row.action === 'send' ? unsentRuns(ctx, row.id).map((u) => ({ scheduleId: row.id, periodKey: u.period_key })) : [];
    return [...periodsUntil(ruleOf(row), on).filter((p) => !done.has(p.key)).map((p) => ({ scheduleId: row.id, periodKey: p.key })), ...unsent];
  });
}

/**
 * runDue for an organisation: when the books sync, each period is claimed at the Cloud first, so two
 * computers never both issue it (the one that did sends its invoice and run row to the other).
 */
export async function runDueForOrganisation(ctx: CoreContext, log: (m: string, e?: unknown) => void = () => undefined): Promise<RunDueResult> {
  const link = cloudLink(ctx.sql);
  const token = ctx.secrets.get('cloudDeviceToken');
  if (!link?.joined || !token) return runDue(ctx, log);
  const due = duePeriods(ctx);
  const granted = new Set<string>();
  const client = cloudClient(link.url);
  for (let i = 0; i < due.length; i += 500) {
    const keys = due.slice(i, i + 500).map((d) => recurringClaimKey(d.scheduleId, d.periodKey));
    const answer = await client.request<ClaimsAnswer>('POST', '/v1/sync/claims', { token, body: { keys } });
    for (const key of answer.granted) granted.add(key);
  }
  return runDue(ctx, log, (scheduleId, periodKey) => granted.has(recurringClaimKey(scheduleId, periodKey)));
}

/** Issues every period due by today that is not issued or skipped, for every running schedule (those `allowed`, when given). */
export function runDue(
  ctx: CoreContext, log: (m: string, e?: unknown) => void = () => undefined, allowed?: (scheduleId: string, periodKey: string) => boolean,
): RunDueResult {
  const on = today(ctx);
  const result: RunDueResult = { issued: 0, held: 0, sent: 0 };
  const rows = ctx.sql.prepare(`${SELECT} WHERE s.deleted_at IS NULL AND s.paused = 0 AND s.start_date <= ?`).all(on) as ScheduleRow[];
  const customers = new Set<string>();
  const invoices: string[] = [];
  for (const row of rows) {
    const done = new Set((ctx.sql.prepare('SELECT period_key FROM recurring_runs WHERE schedule_id = ?').all(row.id) as { period_key: string }[]).map((r) => r.period_key));
    for (const period of periodsUntil(ruleOf(row), on)) {
      if (done.has(period.key) || (allowed && !allowed(row.id, period.key))) continue;
      let issued: { invoiceId: string; held: boolean } | null;
      try {
        issued = issuePeriod(ctx, row, period, on);
      } catch (error) {
        log(`The schedule "${row.name}" could not issue ${period.key}; it tries again at the next run`, error);
        break;
      }
      if (!issued) continue;
      result.issued += 1;
      if (issued.held) result.held += 1;
      customers.add(row.customer_id);
      invoices.push(issued.invoiceId);
    }
    // A "send" schedule's invoice of today that was issued but never sent (a crash in between): sent now, once.
    if (row.action === 'send') {
      // Only by the computer that issued it, when the books sync (it holds the period's claim).
      for (const u of unsentRuns(ctx, row.id)) {
        if (allowed && !allowed(row.id, u.period_key)) continue;
        if (sendIssued(ctx, row, u.invoice_id, u.period_key, log)) result.sent += 1;
      }
    }
  }
  if (invoices.length > 0) announceInvoices(ctx, invoices, [...customers]);
  return result;
}

export function startRecurringScheduler(ctx: CoreContext, intervalMs: number, log: (message: string, error?: unknown) => void): () => void {
  return startPeriodic(() => runDueForOrganisation(ctx, log), { firstAfterMs: 1500, intervalMs }, (error) =>
    log('The recurring invoices run failed; it runs again shortly', error));
}
