// This device's link to Billbook Cloud, kept in the books' meta table (the device token is in the
// secret store, never here). Read often (every write asks whether to stamp), so it is cached per
// connection and dropped when it changes.
import type { Role } from '../../../shared/permissions';
import type { Sql } from '../db/sql';
import { forgetIdentity } from './identity';

export interface CloudLink {
  url: string;
  orgId: string;
  orgName: string;
  deviceId: string;
  deviceName: string;
  deviceCode: string;
  seriesIndex: number;
  accountId: string;
  accountEmail: string;
  accountName: string;
  role: Role;
  /** The books were uploaded or downloaded: from here on every change is stamped and pushed. */
  joined: boolean;
}

const KEYS = {
  url: 'cloud.url', orgId: 'cloud.org_id', orgName: 'cloud.org_name', deviceId: 'cloud.device_id', deviceName: 'cloud.device_name',
  deviceCode: 'cloud.device_code', seriesIndex: 'cloud.series_index', accountId: 'cloud.account_id', accountEmail: 'cloud.account_email',
  accountName: 'cloud.account_name', role: 'cloud.role', joined: 'cloud.joined',
} as const;

const cache = new WeakMap<Sql, CloudLink | null>();

function readMeta(sql: Sql, key: string): string | null {
  return (sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function writeMeta(sql: Sql, key: string, value: string | null): void {
  if (value === null) sql.prepare('DELETE FROM meta WHERE key = ?').run(key);
  else sql.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function readMetaValue(sql: Sql, key: string): string | null {
  return readMeta(sql, key);
}

/** The Cloud this device is registered with, or null when it works alone. */
export function cloudLink(sql: Sql): CloudLink | null {
  if (cache.has(sql)) return cache.get(sql)!;
  const deviceId = readMeta(sql, KEYS.deviceId);
  const link: CloudLink | null = deviceId
    ? {
        url: readMeta(sql, KEYS.url) ?? '', orgId: readMeta(sql, KEYS.orgId) ?? '', orgName: readMeta(sql, KEYS.orgName) ?? '', deviceId,
        deviceName: readMeta(sql, KEYS.deviceName) ?? '', deviceCode: readMeta(sql, KEYS.deviceCode) ?? '', seriesIndex: Number(readMeta(sql, KEYS.seriesIndex) ?? 1),
        accountId: readMeta(sql, KEYS.accountId) ?? '', accountEmail: readMeta(sql, KEYS.accountEmail) ?? '', accountName: readMeta(sql, KEYS.accountName) ?? '',
        role: (readMeta(sql, KEYS.role) ?? 'viewer') as Role, joined: readMeta(sql, KEYS.joined) === '1',
      }
    : null;
  cache.set(sql, link);
  return link;
}

export function saveCloudLink(sql: Sql, link: CloudLink | null): void {
  for (const [field, key] of Object.entries(KEYS) as [keyof CloudLink, string][]) {
    const value = link ? link[field] : null;
    writeMeta(sql, key, value === null ? null : typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  cache.delete(sql);
  forgetIdentity(sql);
}

/** Every change is stamped and goes to the outbox's push only once the books are joined to an organisation. */
export function isSyncing(sql: Sql): boolean {
  return cloudLink(sql)?.joined === true;
}

/** The server address typed in Settings (kept even when signed out, so signing in again is quick). */
export const SERVER_URL_KEY = 'cloud.server_url';
export const CURSOR_KEY = 'sync.cursor';
export const NEXT_MUTATION_KEY = 'sync.next_mutation_id';
export const LAST_SYNCED_KEY = 'sync.last_synced_at';
export const CLOCK_SKEW_KEY = 'sync.clock_skew_ms';
