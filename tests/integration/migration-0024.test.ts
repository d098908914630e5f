import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { flagMpesaDuplicates } from '../../electron/core/sync/apply';
import { keyText, readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type Reader = Database.Database | ReturnType<typeof makeCore>['core']['context']['sql'];

const bytesOf = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;
const DRAFT_VERSION_OBJECTS = ['draft_versions', 'sqlite_autoindex_draft_versions_1', 'draft_versions_by_sync_id'];

/** Every version's ids as text, in the order they were saved, whichever way the table keeps them. */
const idsOf = (db: Reader) =>
  db.prepare(`SELECT CASE WHEN typeof(sync_id) = 'blob' THEN 'blob' ELSE 'text' END AS kept, invoice_id, sync_id FROM draft_versions ORDER BY id`).all() as { kept: string }[];

/** A draft saved three times, a finalized invoice, a version pulled from another computer under an id not in canonical form. */
async function seed(dir: string) {
  const made = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  let open = await draft(core, kamau.id, { lines: [line('Cement 50kg', 2, 75_000)] });
  for (const quantity of [3, 4]) {
    clock.advance(60_000);
    open = await call(core, 'drafts.update', { id: open.id, version: open.draft.version, draft: { customerId: kamau.id, issueDate: '2026-11-21', lines: [line('Cement 50kg', quantity, 75_000)] } });
  }
  const final = await invoice(core, kamau.id, { lines: [line('Sand', 1, 20_000, 0)] });
  const sql = core.context.sql;
  const idsInOrder = () => sql.prepare(`SELECT ${keyText('draft_versions')} FROM draft_versions ORDER BY id`).pluck().all() as string[];
  const data = { ...readRows(sql, 'draft_versions', [idsInOrder()[0]!]).get(idsInOrder()[0]!)!, saved_at: '2026-11-21T09:05:00.000Z', note: 'From the shop computer' };
  sql.transaction(() => writeRow(sql, { table: 'draft_versions', id: 'SHOP-VERSION-1', data, stamps: { '*': '0000000000001-0000-shop' } }, '2026-11-21T09:06:00.000Z'));
  return { ...made, kamau, open, final, syncIds: idsInOrder() };
}

describe('migration 24: draft versions name their draft and themselves by 16 bytes; the M-Pesa code index keeps the code', () => {
  it('keeps every version, what the app and sync read of them, and new versions are saved, noted and pulled as before', async () => {
    const dir = tempDir();
    const { core: before, kamau, open, final, syncIds } = await seed(dir);
    expect(syncIds).toHaveLength(5);
    const histories = await Promise.all([open.id, final.id].map((id) => call(before, 'drafts.versions', { id })));
    expect(histories[0]!.map((v) => [v.version, v.note])).toEqual([[4, 'From the shop computer'], [3, ''], [2, ''], [1, '']]);
    const versions = await Promise.all([1, 2, 3, 4].map((version) => call(before, 'drafts.version', { id: open.id, version })));
    const synced = readRows(before.context.sql, 'draft_versions', syncIds);
    expect([...synced.keys()].sort()).toEqual([...syncIds].sort());
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 23);
    const older = new Database(path.join(dir, 'billbook.db'), { readonly: true });
    const idsBefore = idsOf(older);
    expect(idsBefore.every((r) => r.kept === 'text')).toBe(true);
    older.close();

    const { core, clock } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 23, to: MIGRATIONS.at(-1)!.version });
    // Canonical ids are kept as 16 bytes; the other computer's id as the text it came as.
    expect(idsOf(sql).map((r) => r.kept)).toEqual(['blob', 'blob', 'blob', 'blob', 'text']);
    expect(readRows(sql, 'draft_versions', ['SHOP-VERSION-1']).get('SHOP-VERSION-1')).toEqual(synced.get('SHOP-VERSION-1'));
    expect(await Promise.all([open.id, final.id].map((id) => call(core, 'drafts.versions', { id })))).toEqual(histories);
    expect(await Promise.all([1, 2, 3, 4].map((version) => call(core, 'drafts.version', { id: open.id, version })))).toEqual(versions);
    expect(readRows(sql, 'draft_versions', syncIds)).toEqual(synced);
    // A draft's history is read through the unique index on (draft, version), as before.
    const plan = sql.prepare(`EXPLAIN QUERY PLAN SELECT version FROM draft_versions WHERE invoice_id = unhex(replace(?, '-', '')) ORDER BY version DESC`).all('01a1fd55-7a80-7138-9f79-2d45ec785af8') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('sqlite_autoindex_draft_versions_1');

    // An edit after the upgrade: version 5, in the outbox by its text id, read by sync with its draft's id as text.
    clock.advance(60_000);
    await call(core, 'drafts.update', { id: open.id, version: open.draft.version, draft: { customerId: kamau.id, issueDate: '2026-11-21', lines: [line('Cement 50kg', 5, 75_000)] } });
    const newest = (await call(core, 'drafts.versions', { id: open.id }))[0]!;
    expect(newest.version).toBe(5);
    const outbox = JSON.parse(sql.prepare('SELECT rows FROM changes ORDER BY counter DESC LIMIT 1').pluck().get() as string) as [string, string][];
    const newId = outbox.find(([table, id]) => table === 'draft_versions' && !syncIds.includes(id))?.[1] ?? '';
    expect(newId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(readRows(sql, 'draft_versions', [newId]).get(newId)).toMatchObject({ invoice_id: open.id, total_minor: newest.totalMinor });

    // A version from another computer, pulled twice: kept once, numbered after every version held, read back as it came.
    const elsewhere = { ...synced.get(syncIds[0]!)!, note: 'From the office computer' };
    const id = '01a1fd55-7aff-7c30-8e97-36130c0ecdfa';
    for (let i = 0; i < 2; i++) sql.transaction(() => writeRow(sql, { table: 'draft_versions', id, data: elsewhere, stamps: { '*': '1' } }, '2026-11-22T10:00:00.000Z'));
    expect(readRows(sql, 'draft_versions', [id]).get(id)).toEqual(elsewhere);
    expect((await call(core, 'drafts.versions', { id: open.id })).map((v) => [v.version, v.note])).toEqual([
      [6, 'From the office computer'], [5, ''], [4, 'From the shop computer'], [3, ''], [2, ''], [1, ''],
    ]);

    // Two payments with one M-Pesa code: the later-made one is flagged, whatever their ids' order; read through the code index.
    const pay = (id: string, at: string) => sql.prepare(`INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, created_at, updated_at)
      VALUES (?, ?, ?, 100, 'KES', '2026-11-22', 'mpesa', 'QKX1234567', ?, ?)`).run(id, `PAY-${id.slice(-4)}`, kamau.id, at, at);
    pay('01a1fd55-0000-7000-8000-00000000000a', '2026-11-22T10:00:00.000Z');
    pay('01a1fd55-0000-7000-8000-00000000000b', '2026-11-22T09:00:00.000Z');
    flagMpesaDuplicates(sql, ['QKX1234567']);
    expect(sql.prepare("SELECT id, duplicate_of FROM payments WHERE reference = 'QKX1234567' ORDER BY id").all()).toEqual([
      { id: '01a1fd55-0000-7000-8000-00000000000a', duplicate_of: '01a1fd55-0000-7000-8000-00000000000b' },
      { id: '01a1fd55-0000-7000-8000-00000000000b', duplicate_of: null },
    ]);
    const codePlan = sql.prepare("EXPLAIN QUERY PLAN SELECT id FROM payments WHERE method = 'mpesa' AND status = 'completed' AND reference = ? ORDER BY created_at, id").all('QKX1234567') as { detail: string }[];
    expect(codePlan.map((p) => p.detail).join(' ')).toContain('payments_by_mpesa_code (reference=?)');
    core.close();
  }, 60_000);

  it('keeps the versions and the M-Pesa code index in fewer bytes, and an upgraded book ends smaller', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before, open } = await seed(dir);
    before.close();
    rewindBooks(file, 23);
    // 10,000 versions as version 23 kept them: the draft's id and the version's own, 36 characters each, in the table and its two indexes.
    const older = new Database(file);
    older.pragma('foreign_keys = OFF');
    older.prepare(`WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 9999)
      INSERT INTO draft_versions (invoice_id, version, saved_at, source, note, total_minor, line_count, content, warnings, sync_id, author)
      SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
        1, '2026-11-21T09:00:00.000Z', 'manual', '', 150000, 1, '{}', '[]',
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), '' FROM n`).run();
    // 10,000 M-Pesa payments: their code index held the code, when it was made and the 36-character id.
    older.prepare(`WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 9999)
      INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, created_at, updated_at)
      SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
        'PAY-2026-' || (10000 + k), (SELECT id FROM customers LIMIT 1), 100, 'KES', '2026-11-21', 'mpesa', 'QK' || (10000000 + k), '2026-11-21T09:00:00.000Z', '2026-11-21T09:00:00.000Z' FROM n`).run();
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    const bytesBefore = DRAFT_VERSION_OBJECTS.map((name) => bytesOf(older, name));
    const codeIndexBefore = bytesOf(older, 'payments_by_mpesa_code');
    const rows = older.prepare('SELECT count(*) FROM draft_versions').pluck().get() as number;
    older.close();
    const sizeBefore = fs.statSync(file).size;

    const { core } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 23, compacted: true });
    expect(core.context.sql.prepare('SELECT count(*) FROM draft_versions').pluck().get()).toBe(rows);
    expect((await call(core, 'drafts.versions', { id: open.id })).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    core.close();
    const after = new Database(file, { readonly: true });
    // 20 bytes fewer for each id: two in the table, one in each unique index.
    expect(bytesOf(after, 'draft_versions')).toBeLessThan(bytesBefore[0]! - 10_000 * 38);
    expect(bytesOf(after, 'sqlite_autoindex_draft_versions_1')).toBeLessThan(bytesBefore[1]! - 10_000 * 18);
    expect(bytesOf(after, 'draft_versions_by_sync_id')).toBeLessThan(bytesBefore[2]! - 10_000 * 18);
    // The code and the payment's seq, without when it was made (24 characters) and its id (36).
    expect(bytesOf(after, 'payments_by_mpesa_code')).toBeLessThan(codeIndexBefore - 10_000 * 55);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();
    expect(fs.statSync(file).size).toBeLessThan(sizeBefore - 10_000 * 70 - 10_000 * 55);
  }, 60_000);
});
