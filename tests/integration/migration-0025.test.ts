import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { flagMpesaDuplicates } from '../../electron/core/sync/apply';
import { makeCore, tempDir } from '../helpers/core';
import { customer } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

const CLEAR_PLAN = "EXPLAIN QUERY PLAN UPDATE payments SET duplicate_of = NULL WHERE reference = ? AND method = 'mpesa' AND duplicate_of IS NOT NULL AND status = 'reversed'";

describe('migration 25: reversed duplicates by code', () => {
  it('finds a reversed duplicate by its code, not by reading every payment, and sync still clears its flag', async () => {
    const dir = tempDir();
    const made = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const kamau = await customer(made.core, { name: 'Kamau Hardware' });
    made.core.close();
    rewindBooks(path.join(dir, 'billbook.db'), 24);

    const { core } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 24, to: MIGRATIONS.at(-1)!.version });
    const sql = core.context.sql;
    const plan = () => (sql.prepare(CLEAR_PLAN).all('QKX1234567') as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan()).toContain('USING INDEX payments_reversed_duplicates (reference=?)');

    // Two payments with one code, as two computers recorded them: the later is flagged. Reversed,
    // it is no longer the duplicate of anything; the other keeps no flag.
    const pay = (id: string, at: string) => sql.prepare(`INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, created_at, updated_at)
      VALUES (?, ?, ?, 100, 'KES', '2026-11-22', 'mpesa', 'QKX1234567', ?, ?)`).run(id, `PAY-${id.slice(-4)}`, kamau.id, at, at);
    pay('01a1fd55-0000-7000-8000-00000000000a', '2026-11-22T09:00:00.000Z');
    pay('01a1fd55-0000-7000-8000-00000000000b', '2026-11-22T10:00:00.000Z');
    flagMpesaDuplicates(sql, ['QKX1234567']);
    const flags = () => sql.prepare("SELECT id, status, duplicate_of FROM payments WHERE reference = 'QKX1234567' ORDER BY id").all();
    expect(flags()).toEqual([
      { id: '01a1fd55-0000-7000-8000-00000000000a', status: 'completed', duplicate_of: null },
      { id: '01a1fd55-0000-7000-8000-00000000000b', status: 'completed', duplicate_of: '01a1fd55-0000-7000-8000-00000000000a' },
    ]);
    sql.prepare("UPDATE payments SET status = 'reversed' WHERE id = '01a1fd55-0000-7000-8000-00000000000b'").run();
    flagMpesaDuplicates(sql, ['QKX1234567']);
    expect(flags()).toEqual([
      { id: '01a1fd55-0000-7000-8000-00000000000a', status: 'completed', duplicate_of: null },
      { id: '01a1fd55-0000-7000-8000-00000000000b', status: 'reversed', duplicate_of: null },
    ]);
    core.close();
  });
});
