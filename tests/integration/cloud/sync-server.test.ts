// The Cloud's half of sync, driven by raw pushes and pulls as a device sends them: exactly once,
// facts kept, roles enforced, numbers unique, clocks bounded (server/PROTOCOL.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullAnswer, PushAnswer } from '../../../shared/sync/protocol';
import type { SyncRow } from '../../../shared/sync/tables';
import { api, CLOUD_KINDS, startCloud, type TestCloud } from '../../helpers/cloud';
import { registerDevice, signUp, teamWith } from '../../helpers/cloudPeople';

const stamp = (iso: string, counter: number, device: string) => `${iso}-${counter.toString(16).padStart(4, '0')}-${device}`;
const uuid = (n: number) => `0190c0de-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

function customer(id: string, fields: Record<string, string | number | null>, stamps: Record<string, string>): SyncRow {
  return { table: 'customers', id, data: { code: 'CUST-0001', name: 'Amani', email: '', phone: '', created_at: '2026-11-21T09:00:00.000Z', deleted_at: null, ...fields }, stamps };
}

function invoice(id: string, fields: Record<string, string | number | null>, at: string): SyncRow {
  return {
    table: 'invoices', id, stamps: { '*': at },
    data: { customer_id: uuid(1), number: null, lifecycle: 'draft', currency: 'KES', issue_date: '2026-11-21', due_date: '2026-12-21', total_minor: 100_000, lines: [{ position: 0, description: 'Cement', quantity_milli: 1000, unit_price_minor: 100_000 }], ...fields },
  };
}

describe.each(CLOUD_KINDS)('sync on the Cloud (%s)', (kind) => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  }, 120_000);
  afterAll(() => cloud?.close());

  const pushAs = (token: string, mutations: unknown[]) => api<PushAnswer & { code?: string; message?: string; fields?: Record<string, string> }>(cloud, 'POST', '/v1/sync/push', { token, body: { schemaVersion: 6, mutations } });
  const pullAs = (token: string, cursor = 0) => api<PullAnswer>(cloud, 'GET', `/v1/sync/pull?cursor=${cursor}`, { token });

  it('applies a push once however often it arrives, and the other device pulls it', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const b = await registerDevice(cloud, session, 'B');
    const at = stamp('2026-11-21T09:00:00.000Z', 0, a.device.id);
    const mutation = { id: 1, name: 'customers.create', stamp: at, rows: [customer(uuid(1), { name: 'Amani Traders' }, { '*': at })] };
    const first = await pushAs(a.deviceToken, [mutation]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ lastMutationId: 1, refused: [] });
    const again = await pushAs(a.deviceToken, [mutation]);
    expect(again.body.lastMutationId).toBe(1);
    const pulled = await pullAs(b.deviceToken);
    expect(pulled.body.rows.map((r) => [r.table, r.id, r.data.name])).toEqual([['customers', uuid(1), 'Amani Traders']]);
    expect(pulled.body.more).toBe(false);
    // Nothing new after the cursor.
    expect((await pullAs(b.deviceToken, pulled.body.cursor)).body.rows).toEqual([]);
    // A gap is refused: the device must send 2 first.
    const gap = await pushAs(a.deviceToken, [{ ...mutation, id: 3 }]);
    expect([gap.status, gap.body.fields?.lastMutationId]).toEqual([409, '1']);
  });

  it('merges different fields of one customer from two devices, and the later edit of one field wins', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const b = await registerDevice(cloud, session, 'B');
    // All before the Cloud's clock (09:00), so none is brought back to it.
    const t0 = stamp('2026-11-21T08:00:00.000Z', 0, a.device.id);
    await pushAs(a.deviceToken, [{ id: 1, name: 'customers.create', stamp: t0, rows: [customer(uuid(2), {}, { '*': t0 })] }]);
    const ta = stamp('2026-11-21T08:20:00.000Z', 0, a.device.id);
    const tb = stamp('2026-11-21T08:25:00.000Z', 0, b.device.id);
    const tb2 = stamp('2026-11-21T08:26:00.000Z', 0, b.device.id);
    // B's later edits arrive first; A's earlier edit of another field still lands, its edit of the same field does not.
    await pushAs(b.deviceToken, [{ id: 1, name: 'customers.update', stamp: tb2, rows: [customer(uuid(2), { phone: '+254700000002', email: 'b@x.co' }, { '*': t0, phone: tb, email: tb2 })] }]);
    await pushAs(a.deviceToken, [{ id: 2, name: 'customers.update', stamp: ta, rows: [customer(uuid(2), { city: 'Nakuru', email: 'a@x.co' }, { '*': t0, city: ta, email: ta })] }]);
    const rows = (await pullAs(b.deviceToken)).body.rows.filter((r) => r.id === uuid(2));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toMatchObject({ phone: '+254700000002', email: 'b@x.co', city: 'Nakuru' });
    expect(rows[0]!.stamps).toMatchObject({ '*': t0, phone: tb, email: tb2, city: ta });
  });

  it('refuses what the role may not do, with its message, and still moves past it', async () => {
    const { owner, colleague } = await teamWith(cloud, 'sales');
    const t0 = stamp('2026-11-21T09:00:00.000Z', 0, owner.device.id);
    const final = invoice(uuid(10), { lifecycle: 'final', number: 'INV-2026-0001', finalized_at: '2026-11-21T09:00:00.000Z' }, t0);
    expect((await pushAs(owner.deviceToken, [{ id: 1, name: 'invoices.finalize', stamp: t0, rows: [final] }])).body.refused).toEqual([]);
    const t1 = stamp('2026-11-21T11:00:00.000Z', 0, colleague.device.id);
    const voided = { ...final, data: { ...final.data, lifecycle: 'void', voided_at: '2026-11-21T11:00:00.000Z', void_reason: 'Wrong' }, stamps: { '*': t1 } };
    const res = await pushAs(colleague.deviceToken, [{ id: 1, name: 'invoices.void', stamp: t1, rows: [voided] }]);
    expect(res.body.lastMutationId).toBe(1);
    expect(res.body.refused).toEqual([{ id: 1, code: 'forbidden', message: 'As a salesperson you cannot void invoices. Owner, Admin, Accountant can; ask an owner or admin to change your role.', rows: [expect.objectContaining({ id: uuid(10), data: expect.objectContaining({ lifecycle: 'final' }) })] }]);
    // A retry of the same push is told the same, and nothing was voided.
    expect((await pushAs(colleague.deviceToken, [{ id: 1, name: 'invoices.void', stamp: t1, rows: [voided] }])).body.refused.map((r) => r.code)).toEqual(['forbidden']);
    const held = (await pullAs(owner.deviceToken)).body.rows.find((r) => r.id === uuid(10))!;
    expect(held.data.lifecycle).toBe('final');
  });

  it('never changes a final invoice, and never accepts one number twice', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const t0 = stamp('2026-11-21T09:00:00.000Z', 0, a.device.id);
    const final = invoice(uuid(20), { lifecycle: 'final', number: 'INV-2026-0001' }, t0);
    await pushAs(a.deviceToken, [{ id: 1, name: 'invoices.finalize', stamp: t0, rows: [final] }]);
    const t1 = stamp('2026-11-21T09:01:00.000Z', 0, a.device.id);
    const changed = { ...final, data: { ...final.data, total_minor: 1 }, stamps: { '*': t1 } };
    const other = invoice(uuid(21), { lifecycle: 'final', number: 'INV-2026-0001' }, t1);
    const res = await pushAs(a.deviceToken, [
      { id: 2, name: 'invoices.finalize', stamp: t1, rows: [changed] },
      { id: 3, name: 'invoices.finalize', stamp: t1, rows: [other] },
    ]);
    expect(res.body.refused.map((r) => [r.id, r.code])).toEqual([[2, 'immutable'], [3, 'number_taken']]);
    expect(res.body.lastMutationId).toBe(3);
  });

  it('keeps both numbers when one draft was finalized offline on two devices', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const b = await registerDevice(cloud, session, 'B');
    const t0 = stamp('2026-11-21T09:00:00.000Z', 0, a.device.id);
    await pushAs(a.deviceToken, [{ id: 1, name: 'drafts.create', stamp: t0, rows: [invoice(uuid(30), {}, t0)] }]);
    const ta = stamp('2026-11-21T10:00:00.000Z', 0, a.device.id);
    const tb = stamp('2026-11-21T10:01:00.000Z', 0, b.device.id);
    await pushAs(a.deviceToken, [{ id: 2, name: 'invoices.finalize', stamp: ta, rows: [invoice(uuid(30), { lifecycle: 'final', number: 'INV-2026-0007' }, ta)] }]);
    const res = await pushAs(b.deviceToken, [{ id: 1, name: 'invoices.finalize', stamp: tb, rows: [invoice(uuid(30), { lifecycle: 'final', number: 'INV-2026-B-0001' }, tb)] }]);
    // B's number is kept as an invoice of its own; B is told so (and shown the Cloud's rows) under Sync problems.
    expect(res.body.refused.map((r) => [r.id, r.code])).toEqual([[1, 'finalized_elsewhere']]);
    expect(res.body.refused[0]!.message).toContain('INV-2026-B-0001');
    expect(res.body.lastMutationId).toBe(1);
    const invoices = (await pullAs(a.deviceToken)).body.rows.filter((r) => r.table === 'invoices');
    expect(invoices.map((r) => [r.data.number, r.data.duplicate_of ?? null]).sort()).toEqual([['INV-2026-0007', null], ['INV-2026-B-0001', uuid(30)]]);
  });

  it('brings a stamp from a clock a year ahead back to its own time, and says how far off the device is', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const future = new Date(cloud.clock.now().getTime() + 365 * 86_400_000).toISOString();
    const t = stamp(future, 0, a.device.id);
    const res = await pushAs(a.deviceToken, [{ id: 1, name: 'customers.create', stamp: t, rows: [customer(uuid(40), {}, { '*': t })] }]);
    expect(res.body.clockSkewMs).toBeGreaterThan(364 * 86_400_000);
    expect(res.body.restamped).toHaveLength(1);
    const held = (await pullAs(a.deviceToken)).body.rows.find((r) => r.id === uuid(40))!;
    expect(Date.parse(held.stamps['*']!.slice(0, 24))).toBeLessThanOrEqual(cloud.clock.now().getTime());
  });

  it('grants a reminder claim to the first device only', async () => {
    const session = await signUp(cloud);
    const a = await registerDevice(cloud, session, 'A');
    const b = await registerDevice(cloud, session, 'B');
    const keys = ['reminder:x:7:email', 'reminder:y:0:email'];
    const first = await api<{ granted: string[]; taken: string[] }>(cloud, 'POST', '/v1/sync/claims', { token: a.deviceToken, body: { keys } });
    const second = await api<{ granted: string[]; taken: string[] }>(cloud, 'POST', '/v1/sync/claims', { token: b.deviceToken, body: { keys: [...keys, 'reminder:z:0:sms'] } });
    expect(first.body).toEqual({ granted: keys, taken: [] });
    expect(second.body.granted).toEqual(['reminder:z:0:sms']);
    expect(second.body.taken.sort()).toEqual([...keys].sort());
  });
});
