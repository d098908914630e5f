import path from 'node:path';
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import { coreConfigSchema } from '../../electron/core/config';
import { call, makeCore, refused, tempDir } from '../helpers/core';
import { customer, draft, invoice } from '../helpers/billing';

function finalizeIn(dataDir: string, ids: string[]): Promise<{ ok: boolean; number?: string; message?: string }[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'workers', 'finalizer.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (m) => resolve(m as { ok: boolean; number?: string; message?: string }[]));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`finalizer exited with ${code}`));
    });
    child.send({ dataDir, ids });
  });
}

describe('invoice numbering', () => {
  it('gives a thousand concurrent finalizes, from four processes, numbers with no gap and no repeat', async () => {
    const { core, dir } = makeCore();
    const c = await customer(core);
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push((await draft(core, c.id)).id);
    // Three other processes and this one, all at once.
    const slices = [0, 1, 2, 3].map((k) => ids.filter((_, i) => i % 4 === k));
    const [here, ...there] = await Promise.all([
      Promise.all(slices[0]!.map((id) => core.api['invoices.finalize']({ id, version: 1 }))),
      ...slices.slice(1).map((s) => finalizeIn(dir, s)),
    ]);
    const numbers = [
      ...here!.map((r) => (r.ok ? r.value.number : `failed: ${r.error.message}`)),
      ...there.flat().map((r) => (r.ok ? r.number : `failed: ${r.message}`)),
    ];
    expect(numbers.filter((n) => n?.startsWith('failed'))).toEqual([]);
    const expected = Array.from({ length: 1000 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
    expect((await call(core, 'customers.get', { id: c.id })).financials.invoiceCount).toBe(1000);
  }, 60_000);

  it('gives a failed finalize its number back', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const empty = await draft(core, c.id, { lines: [] });
    await refused(core, 'invoices.finalize', { id: empty.id, version: 1 });
    expect((await invoice(core, c.id)).number).toBe('INV-2026-0001');
  });

  it('follows the configured format: a series per year and per device', async () => {
    const dir = tempDir();
    const clock = fixedClock('2026-12-31T09:00:00Z');
    const config = coreConfigSchema.parse({ invoicing: { numberFormat: '{DEVICE}/{YY}{MM}/{seq:3}', deviceCode: 'lap2' } });
    const core = createCore({ dataDir: dir, clock, config, log: () => undefined });
    try {
      const c = await customer(core);
      expect((await invoice(core, c.id, { issueDate: '2026-12-31' })).number).toBe('LAP2/2612/001');
      expect((await invoice(core, c.id, { issueDate: '2026-12-31' })).number).toBe('LAP2/2612/002');
      const tomorrow = await draft(core, c.id, { issueDate: '2027-01-02' });
      const refusal = await refused(core, 'invoices.finalize', { id: tomorrow.id, version: 1 });
      expect(refusal.fields?.issueDate).toBe('In the future');
      clock.set('2027-01-02T09:00:00Z');
      expect((await call(core, 'invoices.finalize', { id: tomorrow.id, version: 1 })).number).toBe('LAP2/2701/001');
      const found = await call(core, 'invoices.list', { search: '2' });
      expect(found.total).toBe(3);
    } finally {
      core.close();
    }
  });

  it('never issues a number that is already in use: the series steps past it', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const first = await invoice(core, c.id);
    // As if the series had been set back (books restored from an older copy of the sequences).
    core.context.sql.db.prepare("UPDATE sequences SET next_value = 1 WHERE name LIKE 'invoice:%'").run();
    const second = await invoice(core, c.id);
    expect(first.number).toBe('INV-2026-0001');
    expect(second.number).toBe('INV-2026-0002');
  });

  it('refuses a format without exactly one sequence', () => {
    expect(coreConfigSchema.safeParse({ invoicing: { numberFormat: 'INV-{YYYY}' } }).success).toBe(false);
    expect(coreConfigSchema.safeParse({ invoicing: { numberFormat: 'INV-{seq}-{seq}' } }).success).toBe(false);
    expect(coreConfigSchema.safeParse({ invoicing: { numberFormat: 'INV-{YEAR}-{seq}' } }).success).toBe(false);
    expect(coreConfigSchema.safeParse({ invoicing: { numberFormat: 'INV-{DEVICE}{seq:4}' } }).success).toBe(false);
  });
});

describe('numbering set in Settings', () => {
  it('starts from config.json, previews the next numbers, and once saved numbers invoices the Settings way; the device code stays on this device', async () => {
    const config = coreConfigSchema.parse({ invoicing: { numberFormat: 'A-{YYYY}-{seq:3}', deviceCode: 'VAN1' } });
    const { core, dir } = makeCore('2026-11-21T09:00:00.000Z', { config, reminderScanMs: 0, dailyBackup: 0 });
    const before = (await call(core, 'settings.get', {})).invoicing;
    expect(before).toMatchObject({ numberFormat: 'A-{YYYY}-{seq:3}', deviceCode: 'VAN1', defaultPaymentTermsDays: 30 });
    const c = await customer(core);
    expect((await invoice(core, c.id)).number).toBe('A-2026-001');

    const tried = { numberFormat: 'INV-{DEVICE}-{YY}{MM}-{seq:4}', creditNoteFormat: 'CN-{seq}', paymentFormat: 'no sequence', deviceCode: 'shop1' };
    expect(await call(core, 'settings.nextNumbers', tried)).toEqual({ invoice: 'INV-SHOP1-2611-0001', creditNote: 'CN-1', payment: null });
    const refusedFormat = await refused(core, 'settings.update', { invoicing: { ...before, paymentFormat: 'no sequence' } });
    expect(refusedFormat.fields?.['invoicing.paymentFormat']).toMatch(/exactly one \{seq\}/);

    await call(core, 'settings.update', { invoicing: { ...before, numberFormat: tried.numberFormat, deviceCode: 'SHOP1', defaultPaymentTermsDays: 14 } });
    expect((await invoice(core, c.id)).number).toBe('INV-SHOP1-2611-0001');
    // The shared settings row does not carry this device's code; the books' device meta does.
    const raw = core.context.sql.prepare("SELECT value FROM settings WHERE section = 'invoicing'").get() as { value: string };
    expect(JSON.parse(raw.value)).toMatchObject({ numberFormat: tried.numberFormat, deviceCode: '', defaultPaymentTermsDays: 14 });
    core.close();
    const { core: again } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, config, reminderScanMs: 0, dailyBackup: 0 });
    expect((await call(again, 'settings.get', {})).invoicing.deviceCode).toBe('SHOP1');
  });
});
