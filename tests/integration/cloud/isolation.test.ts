// Tenant isolation, the Cloud's first security property: a token of one organisation can neither
// read nor write another's data through any endpoint, even by guessing ids; and where a query
// forgot its organisation, PostgreSQL's row-level security still shows only the caller's rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView, DeviceView, PeopleAnswer } from '../../../shared/cloud/api';
import { inOrg } from '../../../server/db/tenant';
import { api, CLOUD_KINDS, startCloud, type TestCloud } from '../../helpers/cloud';
import { teamWith } from '../../helpers/cloudPeople';

describe.each(CLOUD_KINDS)('tenant isolation on %s', (kind) => {
  let cloud: TestCloud;
  let amani: Awaited<ReturnType<typeof teamWith>>;
  let baraka: Awaited<ReturnType<typeof teamWith>>;

  beforeAll(async () => {
    cloud = await startCloud(kind);
    amani = await teamWith(cloud, 'admin', 'Amani Hardware');
    baraka = await teamWith(cloud, 'sales', 'Baraka Stores');
  }, 120_000);
  afterAll(() => cloud?.close());

  it('lists only the caller’s own people, devices and audit log', async () => {
    const people = await api<PeopleAnswer>(cloud, 'GET', '/v1/org/people', { token: amani.owner.deviceToken });
    expect(people.body.people.map((p) => p.email).sort()).toEqual([amani.email, amani.owner.account.email].sort());
    const devices = await api<DeviceView[]>(cloud, 'GET', '/v1/org/devices', { token: amani.owner.deviceToken });
    expect(devices.body.map((d) => d.id).sort()).toEqual([amani.owner.device.id, amani.colleague.device.id].sort());
    const audit = await api<AuditEventView[]>(cloud, 'GET', '/v1/org/audit', { token: amani.owner.deviceToken });
    expect(audit.body.some((e) => JSON.stringify(e).includes('Baraka'))).toBe(false);
  });

  it('cannot revoke, re-role, remove or un-invite in another organisation, whatever ids it guesses', async () => {
    const attempts = await Promise.all([
      api<{ code: string }>(cloud, 'POST', `/v1/org/devices/${baraka.owner.device.id}/revoke`, { token: amani.owner.deviceToken }),
      api<{ code: string }>(cloud, 'PATCH', `/v1/org/people/${baraka.owner.account.id}`, { token: amani.owner.deviceToken, body: { role: 'viewer' } }),
      api<{ code: string }>(cloud, 'DELETE', `/v1/org/people/${baraka.colleague.account.id}`, { token: amani.owner.deviceToken }),
    ]);
    expect(attempts.map((a) => [a.status, a.body.code])).toEqual([[404, 'not_found'], [404, 'not_found'], [404, 'not_found']]);
    // Baraka is untouched.
    const theirs = await api<DeviceView[]>(cloud, 'GET', '/v1/org/devices', { token: baraka.owner.deviceToken });
    expect(theirs.body.every((d) => d.revokedAt === null)).toBe(true);
    const people = await api<PeopleAnswer>(cloud, 'GET', '/v1/org/people', { token: baraka.owner.deviceToken });
    expect(people.body.people.map((p) => p.role).sort()).toEqual(['owner', 'sales']);
  });

  it('cannot register a device in an organisation the person is not in', async () => {
    const res = await api<{ code: string; message: string }>(cloud, 'POST', `/v1/orgs/${baraka.owner.org.id}/devices`, {
      token: amani.ownerSession.sessionToken, body: { name: 'Sneaky laptop' },
    });
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
  });

  it('row-level security shows the application role one organisation only, even with no WHERE at all', async () => {
    const db = cloud.cloud.context.db;
    const seen = await inOrg(db, amani.owner.org.id, async (trx) => ({
      orgs: (await sql<{ id: string }>`SELECT id FROM orgs`.execute(trx)).rows.map((r) => r.id),
      devices: (await sql<{ org_id: string }>`SELECT org_id FROM devices`.execute(trx)).rows.map((r) => r.org_id),
      memberships: (await sql<{ org_id: string }>`SELECT org_id FROM memberships`.execute(trx)).rows.map((r) => r.org_id),
      audit: (await sql<{ org_id: string }>`SELECT org_id FROM audit_events`.execute(trx)).rows.map((r) => r.org_id),
      accounts: (await sql<{ id: string }>`SELECT id FROM accounts`.execute(trx)).rows.map((r) => r.id),
    }));
    expect(seen.orgs).toEqual([amani.owner.org.id]);
    expect(new Set([...seen.devices, ...seen.memberships, ...seen.audit])).toEqual(new Set([amani.owner.org.id]));
    expect(seen.accounts.sort()).toEqual([amani.owner.account.id, amani.colleague.account.id].sort());
    // And it cannot write into another organisation either.
    const write = inOrg(db, amani.owner.org.id, (trx) => sql`UPDATE devices SET name = 'taken' WHERE org_id = ${baraka.owner.org.id}`.execute(trx));
    expect(Number((await write).numAffectedRows ?? 0)).toBe(0);
    const insert = inOrg(db, amani.owner.org.id, (trx) =>
      sql`INSERT INTO audit_events (org_id, at, action) VALUES (${baraka.owner.org.id}, now(), 'forged')`.execute(trx));
    await expect(insert).rejects.toThrow(/row-level security/);
  });
});
