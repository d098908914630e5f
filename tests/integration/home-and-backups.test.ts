// The first screen's facts (what to set up first, today's money) and backups: made by hand or each
// day with the last N kept, and restored at any time, checked first, the replaced books kept.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { booksFiles } from '../../electron/core/books/open';
import { dailyBackupIfDue } from '../../electron/core/books/daily';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

const BUSINESS = {
  name: 'Amani Hardware', street: '', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'P051234567X',
  phone: '', email: '', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600,
};

describe('the home screen', () => {
  it('ticks the first steps as they are done, then shows what is owed, overdue, due this week and received today', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0, dailyBackup: 0 });
    expect((await call(core, 'home.summary', {})).setup).toEqual({ business: false, payment: false, customer: false, invoice: false });

    await call(core, 'settings.update', { business: BUSINESS });
    await call(core, 'settings.update', { payment: { mpesa: { kind: 'paybill', number: '522533' } } });
    const buyer = await customer(core, { paymentTermsDays: 30 });
    const draft = await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 1, 100_000)] } });
    expect((await call(core, 'home.summary', {})).setup).toEqual({ business: true, payment: true, customer: true, invoice: false });

    await call(core, 'invoices.finalize', { id: draft.id, version: 1 }); // 1,160 due 21 Dec
    await invoice(core, buyer.id, { issueDate: '2026-10-01', lines: [line('Sand', 1, 200_000)] }); // 2,320 due 31 Oct: overdue
    await invoice(core, buyer.id, { issueDate: '2026-10-25', lines: [line('Nails', 1, 50_000)] }); // 580 due 24 Nov: this week
    await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Paint', 1, 10_000)] } });
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'QJK3H7Z2XP' });
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 20_000, paidOn: '2026-11-21', method: 'cash', reference: '' });

    const home = await call(core, 'home.summary', {});
    expect(home.today).toBe('2026-11-21');
    expect(home.setup.invoice).toBe(true);
    // 4,060 billed less 1,200 received (the overdue invoice is paid first).
    expect(home.owed).toEqual([{ currency: 'KES', count: 3, amountMinor: 286_000 }]);
    expect(home.overdue).toEqual([{ currency: 'KES', count: 1, amountMinor: 112_000 }]);
    expect(home.dueThisWeek).toEqual([{ currency: 'KES', count: 1, amountMinor: 58_000 }]);
    expect(home.receivedToday).toEqual([{ currency: 'KES', count: 2, amountMinor: 120_000 }]);
    expect(home.mpesaToday).toEqual([{ currency: 'KES', count: 1, amountMinor: 100_000 }]);
    expect(home.drafts).toBe(1);
    expect(home.failedMessages).toBe(0);
  });
});

describe('backups', () => {
  it('makes one by hand, checked and owner-only, and lists it with why it was made', async () => {
    const { core, dir } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0, dailyBackup: 0 });
    await customer(core);
    const made = await call(core, 'backups.create', {});
    expect(made.kind).toBe('manual');
    expect(made.fileName).toMatch(/^billbook-manual-2026-11-21T09-00-00-000Z\.db$/);
    const file = path.join(dir, 'backups', made.fileName);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const list = await call(core, 'backups.list', {});
    expect(list.backupsDir).toBe(path.join(dir, 'backups'));
    expect(list.backups.map((b) => [b.fileName, b.kind])).toEqual([[made.fileName, 'manual']]);
  });

  it('makes one daily backup a day, keeps the newest N, and never deletes those made by hand', async () => {
    const { core, clock, dir } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0, dailyBackup: 0 });
    const files = booksFiles(dir);
    await call(core, 'settings.update', { backups: { daily: true, keep: 2 } });
    await call(core, 'backups.create', {});
    expect(dailyBackupIfDue(core.context, files)?.kind).toBe('daily');
    expect(dailyBackupIfDue(core.context, files)).toBeNull();
    for (const day of ['2026-11-22', '2026-11-23']) {
      clock.set(`${day}T09:00:00.000Z`);
      expect(dailyBackupIfDue(core.context, files)).not.toBeNull();
    }
    const kinds = (await call(core, 'backups.list', {})).backups.map((b) => `${b.kind} ${b.takenAt.slice(0, 10)}`);
    expect(kinds).toEqual(['daily 2026-11-23', 'daily 2026-11-22', 'manual 2026-11-21']);

    await call(core, 'settings.update', { backups: { daily: false, keep: 1 } });
    clock.set('2026-11-24T09:00:00.000Z');
    expect(dailyBackupIfDue(core.context, files)).toBeNull();
  });

  it('restores a backup while the books are fine: checked first, the books it replaces kept as a backup', async () => {
    const { core, dir } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0, dailyBackup: 0 });
    const kept = await customer(core, { name: 'Before The Backup' });
    const backup = await call(core, 'backups.create', {});
    await customer(core, { name: 'After The Backup', email: 'after@example.com', phone: '0733 000999' });

    fs.writeFileSync(path.join(dir, 'backups', 'billbook-manual-broken.db'), 'not a database at all');
    const broken = await refused(core, 'backups.restore', { fileName: 'billbook-manual-broken.db' });
    expect(broken.message).toMatch(/not a database, so Billbook did not restore it\. Nothing was changed/);
    expect((await call(core, 'customers.list', {})).total).toBe(2);
    expect((await refused(core, 'backups.restore', { fileName: '../billbook.db' })).code).toBe('invalid_input');

    const result = await call(core, 'backups.restore', { fileName: backup.fileName });
    expect(result.restored.fileName).toBe(backup.fileName);
    expect(result.keptAs).toMatch(/^billbook-before-restore-.*\.db$/);
    const names = (await call(core, 'customers.list', {})).rows.map((r) => r.name);
    expect(names).toEqual([kept.name]);
    // The restore itself can be undone from the same list.
    const list = await call(core, 'backups.list', {});
    expect(list.backups.find((b) => b.fileName === result.keptAs)?.kind).toBe('before_restore');
    await call(core, 'backups.restore', { fileName: result.keptAs });
    expect((await call(core, 'customers.list', {})).total).toBe(2);
  });
});
