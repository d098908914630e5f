// A draft's versions travel as rows of their own, numbered on each computer in the order they
// arrive; a version edited elsewhere can arrive before the draft row that counts it (the
// convergence fuzz found this: seed 922408256). Editing the draft here must still save.
import { describe, expect, it } from 'vitest';
import { uuidKey, uuidText } from '../../../electron/core/db/uuidKey';
import { readRows, writeRow } from '../../../electron/core/sync/rows';
import { customer, draft, line } from '../../helpers/billing';
import { call, makeCore } from '../../helpers/core';

describe('a draft whose newer version arrived before the draft itself', () => {
  it('saves the next edit after every version held, and keeps them all', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0 });
    const c = await customer(core, { name: 'Kamau Hardware' });
    const d = await draft(core, c.id, { lines: [line('Cement 50kg', 2, 75_000)] });
    const sql = core.context.sql;
    // Version 2, saved on another computer, pulled ahead of the draft row (still at version 1 here).
    const { sync_id: mine } = sql.prepare(`SELECT ${uuidText('sync_id')} AS sync_id FROM draft_versions WHERE invoice_id = ${uuidKey('@id')}`).get({ id: d.id }) as { sync_id: string };
    const data = { ...readRows(sql, 'draft_versions', [mine]).get(mine)!, saved_at: '2026-11-21T09:05:00.000Z', total_minor: 240_000, note: 'From the shop computer' };
    writeRow(sql, { table: 'draft_versions', id: '01a1fd55-9473-7da1-b426-cbf558ad8b65', data, stamps: { '*': '0000000000001-0000-shop' } }, '2026-11-21T09:06:00.000Z');
    expect((await call(core, 'invoices.get', { id: d.id })).draft.version).toBe(1);

    const edited = await call(core, 'drafts.update', { id: d.id, version: 1, draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Cement 50kg', 3, 75_000)] } });
    expect(edited.draft.version).toBe(3);
    const versions = await call(core, 'drafts.versions', { id: d.id });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions.find((v) => v.version === 2)?.note).toBe('From the shop computer');
  });
});
