// Work that leaves the building goes once per organisation, and books are never mixed behind the
// person's back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scanForOrganisation } from '../../../electron/core/reminders/scheduler';
import { runDueForOrganisation } from '../../../electron/core/recurring/service';
import { call, refused } from '../../helpers/core';
import { createCustomer } from '../../../electron/core/customers/service';
import { createItem } from '../../../electron/core/items/service';
import { KEPT_ALONE } from '../../../electron/core/sync/outbox';
import { customerInputSchema } from '../../../shared/domain/customer';
import { itemInputSchema } from '../../../shared/domain/item';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { closeDesktops, desktop, founder, sameOwner, type Desktop } from '../../helpers/devices';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp';
import { line } from '../../helpers/billing';
import { PASSWORD } from '../../helpers/cloudPeople';

describe('one organisation, several computers', () => {
  let cloud: TestCloud;
  let smtp: SmtpSink;
  const clock = testClock('2026-11-01T12:00:00.000Z');
  beforeAll(async () => {
    cloud = await startCloud('pglite', { clock });
    smtp = await startSmtpSink();
  }, 120_000);
  afterAll(async () => {
    await cloud?.close();
    await smtp?.close();
  });
  afterEach(() => closeDesktops());

  /** `a` founds an organisation with its books; the owner's office desktop joins it and syncs. */
  async function foundAndShare(a: Desktop) {
    const joined = await founder(a, cloud.url);
    await a.sync();
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    await b.sync();
    return { joined, b };
  }

  it('sends a reminder once for the organisation, not once per computer, and every computer logs it', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url, 'Kilimani Web Studio');
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    const email = { host: '127.0.0.1', port: smtp.port, security: 'none' as const, user: '', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 6000, timeoutSeconds: 5 };
    await call(a.core, 'settings.update', { email });
    const buyer = await call(a.core, 'customers.create', { name: 'Baraka Hardware', email: 'pay@baraka.co.ke', paymentTermsDays: 30 });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-01', lines: [line('Hosting', 1, 500_000)] } });
    await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    await call(a.core, 'settings.update', { reminders: { enabled: true, offsets: [7], channel: 'email', sendFromHour: 8, thankYouOnPayment: false, attachPdf: false } });
    await a.sync();
    await b.sync();
    // Seven days after the due date (1 December), both computers scan at once.
    clock.set('2026-12-08T12:00:00.000Z');
    const [onA, onB] = await Promise.all([scanForOrganisation(a.core.context), scanForOrganisation(b.core.context)]);
    expect(onA.queued + onB.queued).toBe(1);
    // Scanning again, on either, sends nothing more.
    const [again1, again2] = await Promise.all([scanForOrganisation(a.core.context), scanForOrganisation(b.core.context)]);
    expect(again1.queued + again2.queued).toBe(0);
    const sender = onA.queued === 1 ? a : b;
    sender.core.jobs.start();
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.envelope.to.includes('pay@baraka.co.ke'))).toHaveLength(1);
    // The log syncs: the other computer shows the reminder too, as sent.
    await sender.sync();
    const other = sender === a ? b : a;
    await other.sync();
    const logged = await call(other.core, 'sending.log', { customerId: buyer.id });
    expect(logged.map((m) => [m.type, m.status])).toEqual([['overdue', 'sent']]);
  });

  it('issues a recurring period once for the organisation, and every computer holds it', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url, 'Kilimani Web Studio');
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    clock.set('2026-11-01T12:00:00.000Z');
    const buyer = await call(a.core, 'customers.create', { name: 'Kamau Logistics', email: 'ap@kamau.co.ke' });
    const schedule = await call(a.core, 'recurring.create', {
      customerId: buyer.id, cadence: 'monthly', startDate: '2026-11-05', dayOfMonth: 5, content: { kind: 'lines', lines: [line('Fleet tracking for November 2026', 1, 1_500_000)] },
    });
    await a.sync();
    await b.sync();
    clock.set('2026-11-05T12:00:00.000Z');
    const [onA, onB] = await Promise.all([runDueForOrganisation(a.core.context), runDueForOrganisation(b.core.context)]);
    expect(onA.issued + onB.issued).toBe(1);
    const issuer = onA.issued === 1 ? a : b;
    const other = issuer === a ? b : a;
    await issuer.sync();
    await other.sync();
    const seen = await call(other.core, 'recurring.get', { id: schedule.id });
    expect(seen.runs.map((r) => [r.periodKey, r.outcome])).toEqual([['2026-11', 'issued']]);
    const [again1, again2] = await Promise.all([runDueForOrganisation(a.core.context), runDueForOrganisation(b.core.context)]);
    expect(again1.issued + again2.issued).toBe(0);
  });

  it('two computers refunding the same credit offline both keep their refund, and show what went beyond the credit', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url, 'Kilimani Web Studio');
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    clock.set('2026-11-10T12:00:00.000Z');
    const buyer = await call(a.core, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke' });
    await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-11-10', method: 'cash' });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'customers.get', { id: buyer.id })).financials.creditMinor).toBe(100_000);
    // Each refunds most of the credit without seeing the other's.
    await call(a.core, 'refunds.record', { customerId: buyer.id, amountMinor: 80_000, refundedOn: '2026-11-10', method: 'cash', reference: '' });
    await call(b.core, 'refunds.record', { customerId: buyer.id, amountMinor: 70_000, refundedOn: '2026-11-10', method: 'bank', reference: 'FT-1' });
    await a.sync();
    await b.sync();
    await a.sync();
    for (const computer of [a, b]) {
      expect((await call(computer.core, 'customers.get', { id: buyer.id })).financials).toMatchObject({ creditMinor: 0, refundedMinor: 150_000, refundExcessMinor: 50_000 });
      expect((await call(computer.core, 'refunds.list', { customerId: buyer.id })).total).toBe(2);
    }
  });

  it('will not mix two sets of books: a computer with books of its own joining an organisation with books is asked first', async () => {
    const a = desktop('Shop laptop', clock);
    await call(a.core, 'customers.create', { name: 'Organisation Customer' });
    const joined = await founder(a, cloud.url);
    await a.sync();
    const b = desktop('Home laptop', clock);
    await call(b.core, 'customers.create', { name: 'Home Customer' });
    await call(b.core, 'cloud.setServer', { url: cloud.url });
    await call(b.core, 'cloud.signIn', { email: joined.account!.email, password: PASSWORD });
    const refusal = await refused(b.core, 'cloud.join', { orgId: joined.org!.id, deviceName: 'Home laptop' });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toMatch(/already has books in Billbook Cloud, and this computer has books of its own/);
    expect((await call(b.core, 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Home Customer']);
    // Choosing to replace them: a backup first, then the organisation's books.
    await call(b.core, 'cloud.join', { orgId: joined.org!.id, deviceName: 'Home laptop', replaceLocalBooks: true });
    await b.sync();
    expect((await call(b.core, 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Organisation Customer']);
    const backups = await import('node:fs').then((fs) => fs.readdirSync(`${b.dir}/backups`));
    expect(backups.some((f) => f.startsWith('billbook-before-cloud-'))).toBe(true);
  });

  it('books that worked alone keep only their newest changes, and joining still brings the organisation every record', async () => {
    // A shop that billed alone for years, joining a new organisation: its books go up as they stand.
    const a = desktop('Shop laptop', clock);
    a.core.context.sql.transaction(() => {
      for (let i = 0; i < 2 * KEPT_ALONE + 100; i++) createCustomer(a.core.context, customerInputSchema.parse({ name: `Customer ${i}` }));
    });
    const count = (d: typeof a, table: string) => (d.core.context.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count(a, 'changes')).toBeLessThan(2 * KEPT_ALONE);
    // Who did what and when stays: one audit row per customer made.
    expect(count(a, 'audit_log')).toBe(2 * KEPT_ALONE + 100);
    const { joined, b } = await foundAndShare(a);
    expect((await call(b.core, 'customers.list', { limit: 1 })).total).toBe(2 * KEPT_ALONE + 100);

    // A computer with no customers or invoices but a catalogue made alone, joining this organisation
    // with books: its settled items still go up (before, its outbox carried them).
    const c = desktop('Stores tablet', clock);
    c.core.context.sql.transaction(() => {
      for (let i = 0; i < 2 * KEPT_ALONE + 10; i++) createItem(c.core.context, itemInputSchema.parse({ name: `Item ${i}`, priceMinor: 100 * (i + 1) }));
    });
    expect(count(c, 'changes')).toBeLessThan(2 * KEPT_ALONE);
    await sameOwner(c, cloud.url, joined.account!.email, joined.org!.id);
    await c.sync();
    await b.sync();
    expect((await call(b.core, 'items.list', { limit: 1 })).total).toBe(2 * KEPT_ALONE + 10);
  }, 120_000);

  it('carries customers imported alone and in the organisation to the other computers', async () => {
    const count = (d: ReturnType<typeof desktop>, sql: string) => (d.core.context.sql.prepare(sql).get() as { n: number }).n;
    const csv = (from: number, to: number) =>
      ['Name,Phone', ...Array.from({ length: to - from }, (_, i) => `Imported ${from + i},07${String(22_000_000 + from + i).padStart(8, '0')}`)].join('\n');
    const importCsv = async (d: ReturnType<typeof desktop>, csvText: string) => {
      const preview = await call(d.core, 'customers.import.preview', { csvText, fileName: 'clients.csv' });
      return call(d.core, 'customers.import.commit', { csvText, fileName: 'clients.csv', mapping: preview.mapping, duplicateActions: {} });
    };
    // Alone: the outbox keeps the newest changes, as settling leaves it; the history keeps every customer.
    const a = desktop('Shop laptop', clock);
    await call(a.core, 'customers.create', { name: 'Made by hand' });
    expect((await importCsv(a, csv(0, 2 * KEPT_ALONE + 100))).created).toBe(2 * KEPT_ALONE + 100);
    expect(count(a, 'SELECT count(*) AS n FROM changes')).toBeGreaterThanOrEqual(KEPT_ALONE);
    expect(count(a, 'SELECT count(*) AS n FROM changes')).toBeLessThan(2 * KEPT_ALONE);
    const newest = a.core.context.sql.prepare('SELECT entity_id FROM changes ORDER BY counter DESC LIMIT 1').get() as { entity_id: string };
    expect((await call(a.core, 'customers.get', { id: newest.entity_id })).name).toBe(`Imported ${2 * KEPT_ALONE + 99}`);
    expect(count(a, "SELECT count(*) AS n FROM audit_log WHERE history_word(entity) = 'customer' AND summary_text(summary) LIKE 'Imported from clients.csv line %'")).toBe(2 * KEPT_ALONE + 100);
    expect(count(a, 'SELECT count(*) AS n FROM sync_dirty')).toBe(0);
    const { b } = await foundAndShare(a);
    expect((await call(b.core, 'customers.list', { limit: 1 })).total).toBe(2 * KEPT_ALONE + 101);
    // In the organisation: every imported customer is a change of its own that goes up.
    expect((await importCsv(a, csv(5000, 5030))).created).toBe(30);
    expect(count(a, "SELECT count(*) AS n FROM changes WHERE mutation = 'customers.import' AND pushed_at IS NULL")).toBe(30);
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'customers.list', { search: 'imported 5029' })).rows.map((r) => r.name)).toEqual(['Imported 5029']);
    expect((await call(b.core, 'customers.list', { limit: 1 })).total).toBe(2 * KEPT_ALONE + 131);
  }, 120_000);

  it('will not sign out while changes wait to go up', async () => {
    const a = desktop('Shop laptop', clock);
    await founder(a, cloud.url);
    await a.sync();
    a.setOnline(false);
    await call(a.core, 'customers.create', { name: 'Waiting Ltd' });
    const refusal = await refused(a.core, 'cloud.signOut', {});
    expect(refusal.message).toMatch(/^1 change has not reached Billbook Cloud yet/);
    a.setOnline(true);
    await a.sync();
    const out = await call(a.core, 'cloud.signOut', {});
    expect(out.sync.state).toBe('local');
    expect((await call(a.core, 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Waiting Ltd']);
  });
});
