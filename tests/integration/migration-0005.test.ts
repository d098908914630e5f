import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore, refused, tempDir } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';

describe('migration 5: the notification log, and the sending settings', () => {
  it('upgrades books from the analytics release: settings saved then keep, the new sections start at their defaults', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 4), path.join(dir, 'backups'), '2026-11-01T09:00:00.000Z');
    db.prepare("INSERT INTO settings (section, value, updated_at) VALUES ('ai', ?, '2026-11-01T09:00:00.000Z')").run(JSON.stringify({ enabled: true, model: 'gemini-2.5-pro', baseUrl: 'https://generativelanguage.googleapis.com', requestsPerMinute: 30, timeoutSeconds: 60 }));
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'notifications'").get()).toEqual({ n: 0 });
    db.close();

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration.from).toBe(4);
    const settings = await call(core, 'settings.get', {});
    expect(settings.ai.model).toBe('gemini-2.5-pro');
    expect(settings.email).toMatchObject({ host: '', port: 587, security: 'starttls' });
    expect(settings.sms.provider).toBe('none');
    expect(settings.reminders).toMatchObject({ enabled: false, offsets: [-3, 0, 7, 14, 30] });
    expect(settings.secretsSet).toEqual({ geminiApiKey: false, smtpPassword: false, africasTalkingApiKey: false, twilioAuthToken: false });
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    expect(await call(core, 'sending.forInvoice', { invoiceId: inv.id })).toEqual([]);
  });

  it('keeps the SMTP password out of SQLite, and checks the sections a person saves', async () => {
    const secrets = memorySecretStore();
    const { core, dir } = makeCore('2026-11-21T09:00:00.000Z', { secrets, reminderScanMs: 0 });
    await call(core, 'settings.setSecret', { name: 'smtpPassword', value: 'hunter2-short' });
    expect(secrets.get('smtpPassword')).toBe('hunter2-short');
    expect((await call(core, 'settings.get', {})).secretsSet.smtpPassword).toBe(true);
    const raw = openDatabase(path.join(dir, 'billbook.db'));
    const everything = JSON.stringify([raw.prepare('SELECT * FROM settings').all(), raw.prepare('SELECT * FROM changes').all(), raw.prepare('SELECT * FROM audit_log').all()]);
    raw.close();
    expect(everything).not.toContain('hunter2-short');

    const badSwift = await refused(core, 'settings.update', { payment: { mpesa: { kind: 'paybill', number: '12' }, bank: { swift: 'XX' } } });
    expect(badSwift.fields).toMatchObject({ 'payment.mpesa.number': 'Enter the Paybill or Till number (5 or more digits)', 'payment.bank.swift': 'A SWIFT code has 8 or 11 letters and digits' });
    const badOffsets = await refused(core, 'settings.update', { reminders: { offsets: [-45] } });
    expect(badOffsets.fields?.['reminders.offsets.0']).toBe('At most 30 days before the due date');
    const saved = await call(core, 'settings.update', { reminders: { enabled: true, offsets: [14, -3, 7, 7], channel: 'both', sendFromHour: 9, thankYouOnPayment: true, attachPdf: false } });
    expect(saved.reminders.offsets).toEqual([-3, 7, 14]);
  });
});
