import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDate, parseClockOverride, shiftedClock } from '../../electron/core/clock';
import { findChromium } from '../../scripts/browser.mjs';

describe('the clock override (npm run web --today, BILLBOOK_TODAY)', () => {
  it('puts a business date at 09:00 on this machine, far from either midnight', () => {
    for (const day of ['2028-02-29', '2026-12-31', '2027-01-31', '2027-03-01']) {
      const at = parseClockOverride(day)!;
      expect(businessDate(at)).toBe(day);
      expect(at.getHours()).toBe(9);
    }
    expect(parseClockOverride('2026-11-30T23:59:00Z')?.toISOString()).toBe('2026-11-30T23:59:00.000Z');
  });

  it('refuses what is not a real date or instant', () => {
    for (const bad of ['2027-02-29', '2026-13-01', '2026-11-31', 'tomorrow', '30/11/2026', '2026-11-30T25:00:00Z', '']) {
      expect(parseClockOverride(bad), bad).toBeNull();
    }
  });

  it('runs at real speed from the chosen start', () => {
    let real = 1_000_000;
    const clock = shiftedClock(new Date('2028-02-29T09:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2028-02-29T09:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2028-02-29T09:01:30.000Z');
  });
});

describe('finding a browser for the end-to-end tests', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('takes CHROMIUM_PATH when it names a file, and nothing else when it does not', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-browser-')), 'chrome');
    fs.writeFileSync(file, '');
    process.env.CHROMIUM_PATH = file;
    expect(findChromium()).toEqual({ executablePath: file, from: 'CHROMIUM_PATH' });
    process.env.CHROMIUM_PATH = `${file}-missing`;
    expect(findChromium()).toBeNull();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
