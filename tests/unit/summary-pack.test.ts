import { describe, expect, it } from 'vitest';
import { packSummary, unpackSummary } from '../../electron/core/db/summaryPack';

// A seeded generator, so a failure can be replayed.
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const PIECES = ['Payment PAY-', ': KES ', ' by mpesa', ' to INV-', ' to ', 'Invoice INV-', ' for KES ', 'Customer created as CUST-', ' Ltd', ', due ', ' of ', '2026-', '0', '7', '1,234.50',
  ' ', 'a', 'Z', '~', '"', '\\', 'é', '—', '“', '”', '😀', '中', 'Schedule "', 'Quote', ' to IN', 'Customer '];

describe('history sentences packed (migration 22)', () => {
  it('reads back every sentence exactly as written, in fewer bytes for the usual ones', () => {
    const next = random(20261207);
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: Math.floor(next() * 12) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      const packed = packSummary(text);
      expect(packed).not.toBeNull();
      expect(unpackSummary(packed!)).toBe(text);
      // 0x00 and 0xE4–0xFE are left for a later code: no value starts with them.
      if (packed!.length > 0) expect(packed![0] === 0 || (packed![0]! > 0xe3 && packed![0]! < 0xff)).toBe(false);
    }
    expect(packSummary('Payment PAY-2026-0014: KES 1,692,057.49 by bank to INV-2019-7384')!.length).toBe(23);
    expect(packSummary('Finalized as INV-2026-7388 for KES 8,444.80, due 12 Oct 2026')!.length).toBeLessThan(30);
  });

  it('keeps as text what would not read back the same or would hide a control character', () => {
    for (const text of ['Voided INV-2026-0001:\nsent twice', 'tab\there', 'nul\u0000', 'del\u007f', 'lone \ud800 surrogate']) expect(packSummary(text)).toBeNull();
  });

  it('refuses a value packed with a code this version does not have, instead of reading it wrong', () => {
    expect(() => unpackSummary(Buffer.from([0, 0x41]))).toThrow(/does not read/);
    expect(() => unpackSummary(Buffer.from([0x41, 0xf0]))).toThrow(/does not read/);
  });
});
