// Who is working on these books, for the history a person reads ("by Jane on Shop laptop"): the
// signed-in person and this computer's name once it is registered with Billbook Cloud; nobody in
// particular before that.
import type { Sql } from '../db/sql';

export interface Identity {
  actor: string;
  deviceName: string;
}

const cache = new WeakMap<Sql, Identity>();

export function identityOf(sql: Sql): Identity {
  let identity = cache.get(sql);
  if (!identity) {
    const read = (key: string) => (sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? '';
    identity = { actor: read('cloud.account_name'), deviceName: read('cloud.device_name') };
    cache.set(sql, identity);
  }
  return identity;
}

/** After signing in or out: the next history entry names the new person. */
export function forgetIdentity(sql: Sql): void {
  cache.delete(sql);
}
