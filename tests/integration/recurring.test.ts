// Recurring invoices on a fixed clock: each period issued exactly once, on its day or (after Billbook
// was closed) as held drafts for review, across restarts and a crash mid-issue; pause, resume, skip;
// the preview of the next six; a "send" schedule's invoice sent once by the customer's channel.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { createCore } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import { call, makeCore, refused } from '../helpers/core';
import { customer, line } from '../helpers/billing';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const sinks: SmtpSink[] = [];
const extra: Core[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) c.close();
  for (const s of sinks.splice(0)) await s.close();
});

const hosting = (extraFields: Record<string, unknown> = {}) => ({
  content: { kind: 'lines' as const, lines: [line('Web hosting for November 2026', 1, 250_000, 0), line('Support hours', 2, 150_000, 0)] },
  cadence: 'monthly' as const, startDate: '2026-11-05', dayOfMonth: 5, ...extraFields,
});

function invoicesOf(core: Core, customerId: string) {
  return core.context.sql.db
    .prepare("SELECT i.issue_date, i.status, l.description FROM invoices i JOIN invoice_lines l ON l.invoice_seq = i.seq AND l.position = 1 WHERE i.customer_id = ? AND i.deleted_at IS NULL ORDER BY i.issue_date")
    .all(customerId) as { issue_date: string; status: string; description: string }[];
}

describe('recurring invoices', () => {
  it('issues the period on its day, rolls the words forward, and previews the next six', async () => {
    const { core } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0 });
    const c = await customer(core);
    const s = await call(core, 'recurring.create', { customerId: c.id, ...hosting() });
    expect(s).toMatchObject({ state: 'active', cadence: 'monthly', dayOfMonth: 5, action: 'draft', totalMinor: 550_000, name: 'Web hosting for November 2026 (monthly)' });
    expect(s.preview.map((p) => [p.on, p.firstLine])).toEqual([
      ['2026-11-05', 'Web hosting for November 2026'], ['2026-12-05', 'Web hosting for December 2026'], ['2027-01-05', 'Web hosting for January 2027'],
      ['2027-02-05', 'Web hosting for February 2027'], ['2027-03-05', 'Web hosting for March 2027'], ['2027-04-05', 'Web hosting for April 2027'],
    ]);
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 1, held: 0, sent: 0 });
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    expect(invoicesOf(core, c.id)).toEqual([{ issue_date: '2026-11-05', status: 'draft', description: 'Web hosting for November 2026' }]);
    const after = await call(core, 'recurring.get', { id: s.id });
    expect(after.runs).toEqual([expect.objectContaining({ periodKey: '2026-11', outcome: 'issued', held: false })]);
    expect(after.preview[0]!.on).toBe('2026-12-05');
    const draft = await call(core, 'invoices.get', { id: after.runs[0]!.invoice!.id });
    expect(draft.recurring).toEqual({ scheduleId: s.id, periodOn: '2026-11-05', held: false });
  });

  it('after 45 days closed issues each missed period once, dated on its day, held for review with nothing sent; restarts issue nothing more', async () => {
    const server = await startSmtpSink();
    sinks.push(server);
    const { core, clock, dir } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0, smtp: { host: '127.0.0.1', port: server.port } });
    await call(core, 'settings.update', {
      email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
    });
    const c = await customer(core);
    const s = await call(core, 'recurring.create', { customerId: c.id, ...hosting({ action: 'send' }) });
    // On its day, a "send" schedule finalizes the invoice and sends it by the customer's channel.
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 1, held: 0, sent: 1 });
    expect(invoicesOf(core, c.id)[0]).toMatchObject({ issue_date: '2026-11-05', status: 'open' });
    // Once: the send is keyed by the period.
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    await until(async () => server.received.length, (n) => n >= 1);
    core.close();

    // Closed from 5 Nov to 20 Dec... and opened again on 19 Jan: 45 days after 5 Dec.
    const clock2 = fixedClock('2027-01-19T07:00:00Z');
    const reopened = createCore({ dataDir: dir, clock: clock2, log: () => undefined, recurringScanMs: 0, reminderScanMs: 0, smtp: { host: '127.0.0.1', port: server.port } });
    extra.push(reopened);
    expect(await call(reopened, 'recurring.runDue', {})).toEqual({ issued: 2, held: 2, sent: 0 });
    expect(invoicesOf(reopened, c.id)).toEqual([
      { issue_date: '2026-11-05', status: 'open', description: 'Web hosting for November 2026' },
      { issue_date: '2026-12-05', status: 'draft', description: 'Web hosting for December 2026' },
      { issue_date: '2027-01-05', status: 'draft', description: 'Web hosting for January 2027' },
    ]);
    const after = await call(reopened, 'recurring.get', { id: s.id });
    expect(after.runs.map((r) => [r.periodKey, r.held, r.invoice?.status])).toEqual([['2026-11', false, 'open'], ['2026-12', true, 'draft'], ['2027-01', true, 'draft']]);
    // Nothing went to the customer for the held ones.
    await new Promise((r) => setTimeout(r, 200));
    expect(server.received).toHaveLength(1);
    expect(await call(reopened, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    reopened.close();
    extra.splice(0);
    const third = createCore({ dataDir: dir, clock: clock2, log: () => undefined, recurringScanMs: 0, reminderScanMs: 0 });
    extra.push(third);
    expect(await call(third, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    expect(invoicesOf(third, c.id)).toHaveLength(3);
    void clock;
  });

  it('leaves nothing behind when issuing a period fails half-way, and issues it once on the next run', async () => {
    const { core, clock } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0 });
    const c = await customer(core);
    await call(core, 'recurring.create', { customerId: c.id, ...hosting() });
    clock.set('2027-01-06T07:00:00Z');
    // The disk fails as December's period is written: after its invoice, before its run row.
    core.context.sql.db.exec("CREATE TRIGGER crash BEFORE INSERT ON recurring_runs WHEN NEW.period_key = '2026-12' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 1, held: 1, sent: 0 });
    expect(invoicesOf(core, c.id).map((i) => i.issue_date)).toEqual(['2026-11-05']);
    core.context.sql.db.exec('DROP TRIGGER crash');
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 2, held: 2, sent: 0 });
    expect(invoicesOf(core, c.id).map((i) => i.issue_date)).toEqual(['2026-11-05', '2026-12-05', '2027-01-05']);
    const keys = core.context.sql.db.prepare('SELECT period_key FROM recurring_runs ORDER BY period_key').all() as { period_key: string }[];
    expect(keys.map((k) => k.period_key)).toEqual(['2026-11', '2026-12', '2027-01']);
    // The table itself refuses a second row for a period.
    expect(() => core.context.sql.db.prepare("INSERT INTO recurring_runs (id, schedule_id, period_key, period_on, outcome, created_at, updated_at) SELECT 'x', schedule_id, '2026-12', '2026-12-05', 'issued', '', '' FROM recurring_runs LIMIT 1").run()).toThrow(/UNIQUE/);
  });

  it('pauses, resumes without billing the paused months, skips the next, and ends', async () => {
    const { core, clock } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0 });
    const c = await customer(core);
    const s = await call(core, 'recurring.create', { customerId: c.id, ...hosting() });
    await call(core, 'recurring.runDue', {});
    expect((await call(core, 'recurring.pause', { id: s.id })).state).toBe('paused');
    expect((await refused(core, 'recurring.pause', { id: s.id })).message).toMatch(/already paused/);
    clock.set('2027-02-10T07:00:00Z');
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    const resumed = await call(core, 'recurring.resume', { id: s.id });
    expect(resumed.state).toBe('active');
    expect(resumed.runs.map((r) => [r.periodKey, r.outcome])).toEqual([['2026-11', 'issued'], ['2026-12', 'skipped'], ['2027-01', 'skipped'], ['2027-02', 'skipped']]);
    expect(resumed.preview[0]!.on).toBe('2027-03-05');
    const skipped = await call(core, 'recurring.skip', { id: s.id });
    expect(skipped.preview.map((p) => p.on).slice(0, 2)).toEqual(['2027-04-05', '2027-05-05']);
    clock.set('2027-03-05T07:00:00Z');
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    clock.set('2027-04-05T07:00:00Z');
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 1, held: 0, sent: 0 });
    await call(core, 'recurring.end', { id: s.id });
    expect(await call(core, 'recurring.list', { customerId: c.id })).toEqual([]);
    clock.set('2027-06-05T07:00:00Z');
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
  });

  it('sends a "send" schedule\'s invoice at the next run when sending failed after it was issued, once', async () => {
    const server = await startSmtpSink();
    sinks.push(server);
    const { core } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0, smtp: { host: '127.0.0.1', port: server.port } });
    const c = await customer(core);
    await call(core, 'recurring.create', { customerId: c.id, ...hosting({ action: 'send' }) });
    const logged: string[] = [];
    const { runDue } = await import('../../electron/core/recurring/service');
    // Email is not set up yet: the invoice is issued and finalized, the send refused.
    expect(runDue(core.context, (m) => logged.push(m))).toEqual({ issued: 1, held: 0, sent: 0 });
    expect(logged.join('\n')).toMatch(/issued but not sent/);
    expect(invoicesOf(core, c.id)[0]!.status).toBe('open');
    await call(core, 'settings.update', {
      email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
    });
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 1 });
    expect(await call(core, 'recurring.runDue', {})).toEqual({ issued: 0, held: 0, sent: 0 });
    await until(async () => server.received.length, (n) => n >= 1);
    expect(server.received[0]!.parsed.subject).toMatch(/^Invoice INV-2026-0001/);
  });

  it('stops after its count', async () => {
    const { core, clock } = makeCore('2026-11-05T07:00:00Z', { recurringScanMs: 0 });
    const c = await customer(core);
    const s = await call(core, 'recurring.create', { customerId: c.id, ...hosting({ maxCount: 2 }) });
    expect(s.preview).toHaveLength(2);
    clock.set('2027-03-01T07:00:00Z');
    expect((await call(core, 'recurring.runDue', {})).issued).toBe(2);
    expect((await call(core, 'recurring.get', { id: s.id })).state).toBe('ended');
  });
});
