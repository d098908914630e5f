import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { instantKey, instantText, storedInstant } from '../../electron/core/db/instant';

// History lines written here take their stored time from JS (storedInstant), lines from other
// computers and migration 22 from SQL (instantKey): both must store the same and read back the text.
describe('a history time kept as milliseconds', () => {
  it('is stored by JS as SQL stores it, and reads back as the same text', () => {
    const db = openDatabase(':memory:');
    const bySql = db.prepare(`SELECT ${instantKey('@at')} AS kept`);
    const readBack = db.prepare(`SELECT ${instantText('@kept')} AS at`);
    let state = 20_261_207;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const times = ['1970-01-01T00:00:00.000Z', '2026-12-07T04:35:59.999Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00.001Z',
      '1969-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z', '0001-03-01T12:30:00.500Z', '+010000-01-01T00:00:00.000Z', '2026-12-07T04:35:59Z', '2026-12-07 04:35:59.000Z', '2026-02-30T00:00:00.000Z', '', 'yesterday'];
    // Any millisecond of the years 0000 to 9999.
    for (let i = 0; i < 20_000; i++) times.push(new Date(-62_167_219_200_000 + Math.floor(random() * 315_569_519_999_999)).toISOString());
    for (const at of times) {
      const kept = storedInstant(at);
      const sqlKept = (bySql.get({ at }) as { kept: number | string }).kept;
      expect({ at, kept: typeof kept === 'bigint' ? Number(kept) : kept }).toEqual({ at, kept: sqlKept });
      expect(typeof kept === 'bigint').toBe(typeof sqlKept === 'number');
      expect((readBack.get({ kept }) as { at: string }).at).toBe(at);
    }
    expect(storedInstant('2026-12-07T04:35:59.123Z')).toBe(BigInt(Date.UTC(2026, 11, 7, 4, 35, 59, 123)));
    db.close();
  });
});
