import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { pack, unpack } from '../../electron/core/db/pack';
import { uuidKey } from '../../electron/core/db/uuidKey';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

describe('migration 11: smaller books', () => {
  it('upgrades books whose versions and outbox are plain: they read the same, and what is saved after is packed', async () => {
    const dir = tempDir();
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const buyer = await customer(before.core);
    const draft = await call(before.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 10, 78_000), line('Sand', 2, 5_000)] } });
    before.core.close();
    rewindBooks(path.join(dir, 'billbook.db'), 10);

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 10, to: MIGRATIONS.at(-1)!.version });
    const sql = core.context.sql;
    // Written before the upgrade: plain, and read as it was.
    expect(sql.prepare('SELECT count(*) AS n FROM draft_versions WHERE content_packed IS NULL AND content <> \'\'').get()).toEqual({ n: 1 });
    const old = await call(core, 'drafts.version', { id: draft.id, version: 1 });
    expect(old.content.lines.map((l) => l.description)).toEqual(['Cement', 'Sand']);

    await call(core, 'drafts.update', { id: draft.id, version: draft.draft.version, draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 11, 78_000), line('Sand', 2, 5_000)] } });
    const row = sql.prepare(`SELECT content, content_packed FROM draft_versions WHERE invoice_id = ${uuidKey('@id')} AND version = 2`).get({ id: draft.id }) as { content: string; content_packed: Uint8Array | null };
    expect(row.content).toBe('');
    expect(JSON.parse(unpack(row.content_packed!)).lines[0].quantityMilli).toBe(11_000);
    expect((await call(core, 'drafts.version', { id: draft.id, version: 2 })).content.lines[0]!.quantityMilli).toBe(11_000);
    expect((await call(core, 'drafts.versions', { id: draft.id })).map((v) => v.version)).toEqual([2, 1]);
    // The outbox keeps the arguments, packed, and SQL reads them plain.
    const change = sql.prepare("SELECT args, unpacked(args, args_packed) AS plain FROM changes WHERE mutation = 'drafts.update'").get() as { args: string; plain: string };
    expect(change.args).toBe('');
    expect(JSON.parse(change.plain).draft.lines[0].description).toBe('Cement');
  });

  it('packs only what is long enough to gain, and gives back exactly what it packed', () => {
    expect(pack('{"id":"a"}')).toBeNull();
    const text = JSON.stringify({ name: 'Zoë Müller, Nairobi Café', lines: Array.from({ length: 20 }, (_, i) => ({ description: `Item ${i}`, quantityMilli: 1000 * i })) });
    const packed = pack(text)!;
    expect(packed.length).toBeLessThan(text.length / 2);
    expect(unpack(packed)).toBe(text);
  });
});
