import { SECRET_LABELS, SECRET_NAMES, SETTINGS_SECTIONS, settingsSchema, type SecretName, type Settings, type SettingsSection, type SettingsView } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import type { ChannelParsed } from '../../../shared/contract';
import { recordMutation } from '../audit/record';
import type { CoreContext } from '../context';
import { readMeta, remindersSwitched, writeMeta } from '../reminders/state';
import { othersCommitCount } from '../db/dataVersion';

const SECTION_NAMES: Record<SettingsSection, string> = {
  ai: 'AI drafting', analytics: 'analytics', business: 'business profile', payment: 'payment instructions',
  email: 'email', sms: 'SMS', reminders: 'reminder', invoicing: 'numbering and terms', backups: 'backup', etims: 'eTIMS',
};

/**
 * Settings are read on every pass of the job queue and for every message, and parsing them (the
 * logo is up to 400 KB of base64) costs more than the read: keep the parsed copy until this
 * process saves settings or another connection writes to the books (SQLite's data_version).
 */
const parsedSettings = new WeakMap<CoreContext['sql'], { dataVersion: number; settings: Settings }>();

/** The settings in force: each stored section over the defaults. A section that no longer parses falls back to its defaults. */
export function readSettings(ctx: CoreContext): Settings {
  const dataVersion = othersCommitCount(ctx.sql);
  const cached = parsedSettings.get(ctx.sql);
  if (cached && cached.dataVersion === dataVersion) return cached.settings;
  const settings = parseStoredSettings(ctx);
  parsedSettings.set(ctx.sql, { dataVersion, settings });
  return settings;
}

/** Settings written by sync on this connection: the next read parses them again. */
export function forgetParsedSettings(ctx: CoreContext): void {
  parsedSettings.delete(ctx.sql);
}

function parseStoredSettings(ctx: CoreContext): Settings {
  const rows = ctx.sql.prepare('SELECT section, value FROM settings').all() as { section: string; value: string }[];
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.section] = JSON.parse(row.value);
    } catch {
      // A damaged row is ignored rather than locking the person out of the app.
    }
  }
  // Numbering was set in config.json before Settings had it: that stays in force until saved here.
  if (raw.invoicing === undefined) raw.invoicing = { ...ctx.config.invoicing };
  const parsed = settingsSchema.safeParse(raw);
  let settings: Settings;
  if (parsed.success) settings = parsed.data;
  else {
    settings = settingsSchema.parse({});
    for (const section of SETTINGS_SECTIONS) {
      const one = settingsSchema.shape[section].safeParse(raw[section]);
      if (one.success) (settings as Record<SettingsSection, unknown>)[section] = one.data;
    }
  }
  // The device code belongs to this device, not to the books every device shares: kept beside the device id.
  const deviceCode = readMeta(ctx, DEVICE_CODE);
  settings.invoicing.deviceCode = deviceCode ?? ctx.config.invoicing.deviceCode;
  return settings;
}

const DEVICE_CODE = 'invoicing.device_code';

/** The base URL the AI client uses: the override (BILLBOOK_GEMINI_BASE_URL) wins over the setting. */
export function geminiBaseUrl(ctx: CoreContext, settings: Settings = readSettings(ctx)): string {
  return ctx.overrides.geminiBaseUrl ?? settings.ai.baseUrl;
}

/**
 * The server each secret is sent to. A secret belongs to the server it was entered for: when the
 * server changes, the secret is cleared rather than sent somewhere it was never meant to go.
 */
const SECRET_SERVERS: Record<SecretName, (s: Settings) => string> = {
  geminiApiKey: (s) => s.ai.baseUrl,
  smtpPassword: (s) => s.email.host,
  africasTalkingApiKey: (s) => s.sms.africastalking.baseUrl,
  twilioAuthToken: (s) => s.sms.twilio.baseUrl,
};

/** A URL's origin (scheme, host, port: a path is the same server), or a host name as it is. */
function serverOf(endpoint: string): { key: string; shown: string } {
  try {
    const url = new URL(endpoint);
    return { key: url.origin.toLowerCase(), shown: url.host };
  } catch {
    return { key: endpoint.trim().toLowerCase().replace(/\.$/, ''), shown: endpoint.trim() };
  }
}

/** Secrets whose server the update moves, with what to tell the person. A first server (none before) moves nothing. */
function secretsToClear(current: Settings, next: Settings): { name: SecretName; notice: string }[] {
  const out: { name: SecretName; notice: string }[] = [];
  for (const name of SECRET_NAMES) {
    const before = SECRET_SERVERS[name](current);
    const after = SECRET_SERVERS[name](next);
    if (before.trim() === '') continue;
    const from = serverOf(before);
    const to = serverOf(after);
    if (from.key === to.key) continue;
    const change = from.shown === to.shown ? `${before} → ${after}` : `${from.shown} → ${to.shown || 'none'}`;
    out.push({ name, notice: `The ${SECRET_LABELS[name]} was cleared because the server changed (${change}), so it is never sent to a server it was not meant for; enter it again.` });
  }
  return out;
}

const noticeKey = (name: SecretName) => `settings.secret_cleared.${name}`;

export function settingsView(ctx: CoreContext): SettingsView {
  return {
    ...readSettings(ctx),
    geminiKeySet: ctx.secrets.get('geminiApiKey') !== null,
    baseUrlOverride: ctx.overrides.geminiBaseUrl,
    secretStorage: ctx.secrets.description,
    secretsSet: Object.fromEntries(SECRET_NAMES.map((name) => [name, ctx.secrets.get(name) !== null])) as Record<SecretName, boolean>,
    secretNotices: Object.fromEntries(SECRET_NAMES.flatMap((name) => {
      const notice = readMeta(ctx, noticeKey(name));
      return notice === null ? [] : [[name, notice]];
    })),
    endpointOverrides: { smtp: ctx.overrides.smtp, sms: ctx.overrides.smsBaseUrl },
  };
}

export function updateSettings(ctx: CoreContext, input: ChannelParsed<'settings.update'>): SettingsView {
  const current = readSettings(ctx);
  const next: Settings = settingsSchema.parse({
    ai: { ...current.ai, ...definedOnly(input.ai ?? {}) },
    analytics: input.analytics ?? current.analytics,
    business: input.business ?? current.business,
    payment: input.payment ?? current.payment,
    email: input.email ?? current.email,
    sms: input.sms ?? current.sms,
    reminders: input.reminders ?? current.reminders,
    invoicing: input.invoicing ?? current.invoicing,
    backups: input.backups ?? current.backups,
    etims: input.etims ? { ...current.etims, ...definedOnly(input.etims) } : current.etims,
  });
  // Cleared before the new server is saved: should saving fail, a secret is lost, never redirected.
  const cleared = secretsToClear(current, next).filter(({ name }) => ctx.secrets.get(name) !== null);
  for (const { name } of cleared) {
    try {
      ctx.secrets.set(name, null);
    } catch (error) {
      throw new AppError('internal', `The settings were not changed: the old ${SECRET_LABELS[name]} could not be removed (${(error as Error).message}). Try again.`);
    }
  }
  const at = ctx.clock.now().toISOString();
  // Stored for every device: everything but this device's own code, which goes to meta.
  const shared = (s: Settings, section: SettingsSection) => (section === 'invoicing' ? { ...s.invoicing, deviceCode: '' } : s[section]);
  ctx.sql.transaction(() => {
    for (const { name, notice } of cleared) writeMeta(ctx, noticeKey(name), notice);
    if (next.invoicing.deviceCode !== current.invoicing.deviceCode) writeMeta(ctx, DEVICE_CODE, next.invoicing.deviceCode);
    for (const section of SETTINGS_SECTIONS) {
      if (JSON.stringify(shared(next, section)) === JSON.stringify(shared(current, section))) continue;
      ctx.sql
        .prepare('INSERT INTO settings (section, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(section, JSON.stringify(shared(next, section)), at);
      recordMutation(ctx, {
        entity: 'settings', entityId: section, mutation: 'settings.update', action: 'settings.update',
        summary: `Changed the ${SECTION_NAMES[section]} settings`, args: { [section]: shared(next, section) },
      });
    }
  });
  // This connection's own writes do not move data_version.
  parsedSettings.delete(ctx.sql);
  if (next.reminders.enabled !== current.reminders.enabled) remindersSwitched(ctx, next.reminders.enabled);
  ctx.events.emit('settings.changed', {});
  return settingsView(ctx);
}

export function setSecret(ctx: CoreContext, name: SecretName, value: string | null): SettingsView {
  try {
    ctx.secrets.set(name, value);
  } catch (error) {
    // The store's own errors already say what happened and what to do.
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The key could not be stored (${(error as Error).message}). Nothing was changed.`);
  }
  // Entered again (or removed on purpose): the note that it was cleared has done its work.
  writeMeta(ctx, noticeKey(name), null);
  ctx.events.emit('settings.changed', {});
  return settingsView(ctx);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
