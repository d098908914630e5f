// Two desktops and one Cloud: the first stories sync must keep.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/core';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { closeDesktops, desktop, founder, sameOwner } from '../../helpers/devices';

describe('two desktops, one Cloud (PGlite)', () => {
  let cloud: TestCloud;
  const clock = testClock('2026-11-21T09:00:00.000Z');
  beforeAll(async () => {
    cloud = await startCloud('pglite', { clock });
  }, 120_000);
  afterAll(() => cloud?.close());
  afterEach(() => closeDesktops());

  it('uploads the first computer’s books, and a second computer downloads them', async () => {
    const a = desktop('Shop laptop', clock);
    const wanjiku = await call(a.core, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke' });
    const joined = await founder(a, cloud.url);
    expect(joined.org?.name).toBe('Amani Hardware');
    const status = await a.sync();
    expect(status).toMatchObject({ state: 'synced', pending: 0 });

    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    await b.sync();
    const list = await call(b.core, 'customers.list', {});
    expect(list.rows.map((r) => [r.name, r.code])).toEqual([['Wanjiku Traders', wanjiku.code]]);
    const got = await call(b.core, 'customers.get', { id: wanjiku.id });
    expect(got.email).toBe('orders@wanjiku.co.ke');

    // A customer made on B reaches A, with B's own code series.
    const baraka = await call(b.core, 'customers.create', { name: 'Baraka Hardware' });
    expect(baraka.code).toBe('CUST-B-0001');
    await b.sync();
    await a.sync();
    expect((await call(a.core, 'customers.list', {})).rows.map((r) => r.name).sort()).toEqual(['Baraka Hardware', 'Wanjiku Traders']);
  });
});
