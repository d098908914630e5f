// Work that leaves the building goes once per organisation, and books are never mixed behind the
// person's back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scanForOrganisation } from '../../../electron/core/reminders/scheduler';
import { call, refused } from '../../helpers/core';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { closeDesktops, desktop, founder, sameOwner } from '../../helpers/devices';
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
