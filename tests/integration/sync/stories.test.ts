// What an owner, a bookkeeper and a salesperson rely on when each works on their own computer,
// offline when they must (the sync issue's stories), on the Cloud over PGlite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, refused } from '../../helpers/core';
import { CLOUD_KINDS, startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { closeDesktops, colleague, desktop, founder, sameOwner, type Desktop } from '../../helpers/devices';
import { line } from '../../helpers/billing';

async function pair(cloud: TestCloud, clock: ReturnType<typeof testClock>): Promise<[Desktop, Desktop]> {
  const a = desktop('Shop laptop', clock);
  const joined = await founder(a, cloud.url);
  const b = desktop('Office desktop', clock);
  await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
  await a.sync();
  await b.sync();
  return [a, b];
}

/** Everyone syncs until nothing moves: twice round is enough for two computers. */
async function settle(...devices: Desktop[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.sync();
}

describe.each(CLOUD_KINDS)('sync stories (%s)', (kind) => {
  let cloud: TestCloud;
  const clock = testClock('2026-11-21T09:00:00.000Z');
  beforeAll(async () => {
    cloud = await startCloud(kind, { clock });
  }, 120_000);
  afterAll(() => cloud?.close());
  afterEach(() => closeDesktops());

  it('two people edit different fields of one customer offline: both edits survive; the same field: the later wins, and Activity shows both', async () => {
    const [a, b] = await pair(cloud, clock);
    const made = await call(a.core, 'customers.create', { name: 'Wanjiku Traders' });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    const onA = await call(a.core, 'customers.get', { id: made.id });
    await call(a.core, 'customers.update', { id: made.id, version: onA.version, customer: { ...onA, email: 'a@wanjiku.co.ke', address: { ...onA.address, city: 'Nakuru' } } });
    clock.advance(60_000);
    const onB = await call(b.core, 'customers.get', { id: made.id });
    await call(b.core, 'customers.update', { id: made.id, version: onB.version, customer: { ...onB, email: 'b@wanjiku.co.ke', phone: '+254722123456' } });
    expect((await a.sync()).state).toBe('offline');
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const c = await call(d.core, 'customers.get', { id: made.id });
      expect([c.email, c.address.city, c.phone], d.name).toEqual(['b@wanjiku.co.ke', 'Nakuru', '+254722123456']);
      const activity = await call(d.core, 'customers.activity', { id: made.id });
      const changes = activity.filter((e) => e.summary.startsWith('Changed'));
      expect(changes.map((e) => e.summary).sort(), d.name).toEqual(['Changed email, city', 'Changed email, phone'].sort());
    }
  });

  it('a payment reversed on both computers offline ends with the earlier reversal on both, whichever syncs first', async () => {
    for (const laterSyncsFirst of [false, true]) {
      const [a, b] = await pair(cloud, clock);
      const buyer = await call(a.core, 'customers.create', { name: 'Baraka Builders' });
      const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 10, 85_000)] } });
      const invoice = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
      const paid = await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 300_000, paidOn: '2026-11-21', method: 'bank', reference: 'FT-77' });
      await settle(a, b);
      a.setOnline(false);
      b.setOnline(false);
      await call(a.core, 'payments.reverse', { id: paid.id, reason: 'Cheque bounced' });
      clock.advance(120_000);
      await call(b.core, 'payments.reverse', { id: paid.id, reason: 'Entered twice' });
      a.setOnline(true);
      b.setOnline(true);
      await settle(...(laterSyncsFirst ? [b, a] : [a, b]));
      const held = (d: Desktop) => d.core.context.sql.prepare('SELECT status, reversed_at, reversal_reason FROM payments WHERE id = ?').get(paid.id);
      expect(held(a), `later first: ${laterSyncsFirst}`).toMatchObject({ status: 'reversed', reversal_reason: 'Cheque bounced' });
      expect(held(b), `later first: ${laterSyncsFirst}`).toEqual(held(a));
      for (const d of [a, b]) expect(await call(d.core, 'invoices.get', { id: invoice.id }), d.name).toMatchObject({ balanceMinor: invoice.totals.totalMinor });
      closeDesktops();
    }
  });

  it('a draft edited on two computers keeps both as versions', async () => {
    const [a, b] = await pair(cloud, clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Baraka Hardware' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 10, 78_000)] } });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    await call(a.core, 'drafts.update', { id: draft.id, version: 1, draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 12, 78_000)] } });
    clock.advance(60_000);
    await call(b.core, 'drafts.update', { id: draft.id, version: 1, draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 20, 78_000)] } });
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const held = await call(d.core, 'invoices.get', { id: draft.id });
      expect(held.lines[0]!.quantityMilli, d.name).toBe(20_000);
      const versions = await call(d.core, 'drafts.versions', { id: draft.id });
      expect(versions.map((v) => v.totalMinor).sort((x, y) => x - y), d.name).toEqual([904_800, 1_085_760, 1_809_600]);
    }
  });

  it('the same draft finalized offline on two computers: two numbers, none issued twice, both kept for the accountant', async () => {
    const [a, b] = await pair(cloud, clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Coast Supplies' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Transport', 1, 300_000)] } });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    const fa = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    const fb = await call(b.core, 'invoices.finalize', { id: draft.id, version: 1 });
    expect(fa.number).toBe('INV-2026-0001');
    expect(fb.number).toBe('INV-2026-B-0001');
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const list = await call(d.core, 'invoices.list', {});
      expect(list.rows.map((r) => r.number).sort(), d.name).toEqual(['INV-2026-0001', 'INV-2026-B-0001']);
    }
  });

  it('one M-Pesa code recorded offline on two computers: both payments arrive, the second flagged', async () => {
    const [a, b] = await pair(cloud, clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Mama Mboga' });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'QK7X1Y2Z3A' });
    clock.advance(1_000);
    await call(b.core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'QK7X1Y2Z3A' });
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const rows = d.core.context.sql.prepare("SELECT number, duplicate_of FROM payments WHERE reference = 'QK7X1Y2Z3A' ORDER BY created_at").all() as { number: string; duplicate_of: string | null }[];
      expect(rows.map((r) => r.duplicate_of === null), d.name).toEqual([true, false]);
      const balance = await call(d.core, 'customers.get', { id: buyer.id });
      expect(balance.financials.creditMinor, d.name).toBe(200_000);
    }
  });

  it('two payments put offline on one invoice beyond its balance: every computer derives the same, the excess is the later one’s credit', async () => {
    const [a, b] = await pair(cloud, clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Kisumu Fish' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [{ ...line('Fish', 1, 100_000), taxRateBp: null }] } });
    const inv = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 80_000, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: 80_000 }] });
    clock.advance(1_000);
    await call(b.core, 'payments.record', { customerId: buyer.id, amountMinor: 60_000, paidOn: '2026-11-21', method: 'bank', reference: 'FT1', allocations: [{ invoiceId: inv.id, amountMinor: 60_000 }] });
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const held = await call(d.core, 'invoices.get', { id: inv.id });
      expect([held.status, held.totals.totalMinor - held.balanceMinor], d.name).toEqual(['paid', 100_000]);
      const customer = await call(d.core, 'customers.get', { id: buyer.id });
      expect(customer.financials.creditMinor, d.name).toBe(40_000);
    }
  });

  it('the same credit applied offline on two computers: sync carries on, the first application keeps it on every computer, and the invoice left open is named', async () => {
    for (const laterSyncsFirst of [false, true]) {
      const [a, b] = await pair(cloud, clock);
      const buyer = await call(a.core, 'customers.create', { name: `Eldoret Feeds ${laterSyncsFirst ? 2 : 1}` });
      // Paid ahead: 30,000 of credit before any invoice.
      const deposit = await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 30_000, paidOn: '2026-11-21', method: 'cash' });
      const invoices = [];
      for (const what of ['Layers mash', 'Dairy meal']) {
        const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [{ ...line(what, 1, 50_000), taxRateBp: null }] } });
        invoices.push(await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 }));
      }
      const [first, second] = invoices as [(typeof invoices)[0], (typeof invoices)[0]];
      expect((await call(a.core, 'customers.get', { id: buyer.id })).financials.creditMinor).toBe(30_000);
      await settle(a, b);
      a.setOnline(false);
      b.setOnline(false);
      await call(a.core, 'payments.applyCredit', { customerId: buyer.id, allocations: [{ invoiceId: first.id, amountMinor: 30_000 }] });
      clock.advance(1_000);
      await call(b.core, 'payments.applyCredit', { customerId: buyer.id, allocations: [{ invoiceId: second.id, amountMinor: 30_000 }] });
      a.setOnline(true);
      b.setOnline(true);
      const order = laterSyncsFirst ? [b, a] : [a, b];
      for (let round = 0; round < 2; round++) {
        // No error stops it: each round goes through, and only the problem to look at is left.
        for (const d of order) expect((await d.sync()).message, `${d.name}, round ${round}`).toBeNull();
      }
      for (const d of [a, b]) {
        const status = await d.sync();
        expect([status.state, status.summary, status.pending], d.name).toEqual(['problem', '1 sync problem to look at', 0]);
      }
      for (const d of [a, b]) {
        const held = await Promise.all([first, second].map((inv) => call(d.core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor])));
        expect(held, d.name).toEqual([['partially_paid', 20_000], ['open', 50_000]]);
        const payment = await call(d.core, 'payments.get', { id: deposit.id });
        expect([payment.allocatedMinor, payment.unallocatedMinor], d.name).toEqual([30_000, 0]);
        expect(payment.allocations.map((x) => [x.invoiceNumber, x.amountMinor, x.settledMinor]), d.name).toEqual([[first.number, 30_000, 30_000], [second.number, 30_000, 0]]);
        expect((await call(d.core, 'customers.get', { id: buyer.id })).financials.creditMinor, d.name).toBe(0);
        const problems = (await call(d.core, 'sync.problems', {})).filter((p) => p.kind === 'overapplied');
        expect(problems.map((p) => p.entityId), d.name).toEqual([second.id]);
        expect(problems[0]!.message, d.name).toMatch(new RegExp(`^${deposit.number}’s credit was applied to more invoices than it covers.* ${second.number} keeps KES 0\\.00 of the KES 300\\.00 applied to it, and owes KES 500\\.00 again\\.$`));
      }
      // The first application taken off: its money goes to the second, and the problem goes on both computers.
      await call(a.core, 'payments.unapply', { paymentId: deposit.id, invoiceId: first.id, reason: 'Meant for the dairy meal' });
      await settle(a, b);
      for (const d of [a, b]) {
        const held = await Promise.all([first, second].map((inv) => call(d.core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor])));
        expect(held, d.name).toEqual([['open', 50_000], ['partially_paid', 20_000]]);
        expect((await call(d.core, 'sync.problems', {})).filter((p) => p.kind === 'overapplied'), d.name).toEqual([]);
      }
      closeDesktops();
    }
  });

  it('credit applied on one computer from a payment reversed on another: the invoice owes it again everywhere, and says why', async () => {
    const [a, b] = await pair(cloud, clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Thika Timber' });
    const deposit = await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: 40_000, paidOn: '2026-11-21', method: 'bank', reference: 'FT-88' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [{ ...line('Cypress planks', 1, 100_000), taxRateBp: null }] } });
    const inv = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    await settle(a, b);
    a.setOnline(false);
    b.setOnline(false);
    await call(a.core, 'payments.reverse', { id: deposit.id, reason: 'The transfer bounced' });
    clock.advance(1_000);
    await call(b.core, 'payments.applyCredit', { customerId: buyer.id });
    expect((await call(b.core, 'invoices.get', { id: inv.id })).balanceMinor).toBe(60_000);
    a.setOnline(true);
    b.setOnline(true);
    await settle(a, b);
    for (const d of [a, b]) {
      const held = await call(d.core, 'invoices.get', { id: inv.id });
      expect([held.status, held.balanceMinor], d.name).toEqual(['open', 100_000]);
      expect((await call(d.core, 'payments.get', { id: deposit.id })).status, d.name).toBe('reversed');
      expect((await call(d.core, 'customers.get', { id: buyer.id })).financials.creditMinor, d.name).toBe(0);
      const problems = (await call(d.core, 'sync.problems', {})).filter((p) => p.kind === 'overapplied');
      expect(problems.map((p) => p.message), d.name).toEqual([
        `${deposit.number} was reversed on one computer and its credit applied on another before they synced, so there was no credit left to apply. ${inv.number} keeps KES 0.00 of the KES 400.00 applied to it, and owes KES 1,000.00 again.`,
      ]);
    }
  });

  it('refuses a void by a salesperson here, and undoes one the role lost meanwhile, listing it under sync problems', async () => {
    const owner = desktop('Owner laptop', clock);
    await founder(owner, cloud.url);
    const sales = desktop('Counter laptop', clock);
    await colleague(sales, owner, cloud, 'accountant');
    const buyer = await call(owner.core, 'customers.create', { name: 'Nyeri Dairy' });
    const draft = await call(owner.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Milk', 10, 6_000)] } });
    const inv = await call(owner.core, 'invoices.finalize', { id: draft.id, version: 1 });
    await settle(owner, sales);
    // The owner makes them sales while their computer is offline; they void, thinking they still may.
    const people = await call(owner.core, 'cloud.people', {});
    const them = people.people.find((p) => p.role === 'accountant')!;
    sales.setOnline(false);
    await call(owner.core, 'cloud.changeRole', { accountId: them.accountId, role: 'sales' });
    await call(sales.core, 'invoices.void', { id: inv.id, reason: 'Entered twice' });
    expect((await call(sales.core, 'invoices.get', { id: inv.id })).status).toBe('void');
    sales.setOnline(true);
    await sales.sync();
    expect((await call(sales.core, 'invoices.get', { id: inv.id })).status).toBe('open');
    const problems = await call(sales.core, 'sync.problems', {});
    expect(problems[0]).toMatchObject({ kind: 'refused', code: 'forbidden', mutation: 'invoices.void' });
    expect(problems[0]!.message).toMatch(/^As a salesperson you cannot void invoices/);
    // Now it knows its role: the next void is refused here, before it is made.
    const refusal = await refused(sales.core, 'invoices.void', { id: inv.id, reason: 'Again' });
    expect(refusal.code).toBe('forbidden');
    await settle(owner, sales);
    expect((await call(owner.core, 'invoices.get', { id: inv.id })).status).toBe('open');
  });

  it('a revoked laptop is told so, stops syncing, and can remove its copy of the books', async () => {
    const [a, b] = await pair(cloud, clock);
    await call(a.core, 'customers.create', { name: 'Lost Laptop Ltd' });
    await settle(a, b);
    const devices = await call(a.core, 'cloud.devices', {});
    await call(a.core, 'cloud.revokeDevice', { deviceId: devices.find((d) => d.name === 'Office desktop')!.id });
    const status = await b.sync();
    expect(status.state).toBe('revoked');
    expect((await call(b.core, 'sync.problems', {}))[0]).toMatchObject({ kind: 'revoked' });
    await call(b.core, 'cloud.removeLocalBooks', {});
    expect((await call(b.core, 'customers.list', {})).rows).toEqual([]);
    expect((await call(b.core, 'cloud.account', {})).sync.state).toBe('local');
  });

  it('a computer whose clock is a year ahead cannot win every conflict, and is told its clock is off', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url);
    // B's clock runs a year ahead: its edits land, stamped with the Cloud's time.
    const ahead = { ...clock, now: () => new Date(clock.now().getTime() + 365 * 86_400_000) };
    const b = desktop('Office desktop', ahead);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    const made = await call(a.core, 'customers.create', { name: 'Clockwork Ltd' });
    await settle(a, b);
    const onB = await call(b.core, 'customers.get', { id: made.id });
    await call(b.core, 'customers.update', { id: made.id, version: onB.version, customer: { ...onB, email: 'future@clock.co.ke' } });
    await b.sync();
    expect((await call(b.core, 'sync.problems', {})).map((p) => p.kind)).toContain('clock');
    await a.sync();
    // A's edit made a minute later (by the Cloud's time) still wins.
    clock.advance(60_000);
    const onA = await call(a.core, 'customers.get', { id: made.id });
    expect(onA.email).toBe('future@clock.co.ke');
    await call(a.core, 'customers.update', { id: made.id, version: onA.version, customer: { ...onA, email: 'now@clock.co.ke' } });
    await settle(a, b);
    expect((await call(b.core, 'customers.get', { id: made.id })).email).toBe('now@clock.co.ke');
  });

  it('compacts the outbox once the Cloud has the changes', async () => {
    const [a] = await pair(cloud, clock);
    for (let i = 0; i < 20; i++) await call(a.core, 'customers.create', { name: `Compact ${i}` });
    const before = (a.core.context.sql.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    expect(before).toBeGreaterThanOrEqual(20);
    await a.sync();
    const after = (a.core.context.sql.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    expect(after).toBe(1);
  });
});
