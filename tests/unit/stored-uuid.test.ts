import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { storedUuid, uuidKey, uuidText } from '../../electron/core/db/uuidKey';

// History lines written here take their stored ids from JS (storedUuid), lines from other computers
// and migration 18 from SQL (uuidKey): both must store the same and read back the text.
describe('an id kept as 16 bytes', () => {
  it('is stored by JS as SQL stores it, and reads back as the same text', () => {
    const db = openDatabase(':memory:');
    const bySql = db.prepare(`SELECT ${uuidKey('@id')} AS kept`);
    const readBack = db.prepare(`SELECT ${uuidText('@kept')} AS id`);
    const canonical = '0193a5f2-7c41-7d2e-9b3a-4f5e6d7c8b9a';
    const ids = [
      canonical, canonical.toUpperCase(), canonical.replace('-', ''), `${canonical}0`, canonical.slice(1), canonical.replace('9b3a', '9b3g'),
      canonical.replace('7c41', '7c4-'), canonical.replace('-7d2e', '7d2e-'), canonical.replace('a', 'é'), canonical.replace('a', '\u0661'),
      '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '', 'customer-1', 'cust_0001',
      // SQL reads text up to a NUL character.
      `${canonical}\u0000`, `${canonical}\u0000abc`, `${canonical.slice(0, 10)}\u0000${canonical.slice(10)}`, `\u0000${canonical}`, `${canonical.toUpperCase()}\u0000x`,
    ];
    for (let i = 0; i < 2_000; i++) ids.push(randomUUID());
    for (const id of ids) {
      const kept = storedUuid(id);
      const sqlKept = (bySql.get({ id }) as { kept: Buffer | string }).kept;
      expect({ id, kept }).toEqual({ id, kept: sqlKept });
      // An id with a NUL after a canonical one keeps only that one (SQL's forms drop the rest, as they always have).
      if (!id.includes('\u0000') || typeof kept === 'string') expect((readBack.get({ kept }) as { id: string }).id).toBe(id);
    }
    expect(storedUuid(canonical)).toEqual(Buffer.from('0193a5f27c417d2e9b3a4f5e6d7c8b9a', 'hex'));
    expect(storedUuid(canonical.toUpperCase())).toBe(canonical.toUpperCase());
    db.close();
  });
});
