// Wakes devices when their organisation's books move on. A change commits with pg_notify() in its
// transaction, so every instance hears it (PostgreSQL LISTEN/NOTIFY) and tells the devices connected
// to it over server-sent events; the event carries nothing but "pull now".
import type { CloudDatabase } from '../db/connect';

export const POKE_CHANNEL = 'billbook_sync';

export interface PokeHub {
  /** This instance's subscribers for an organisation; returns the unsubscribe. */
  subscribe(orgId: string, onPoke: (version: number) => void): () => void;
  /** Pokes this instance's subscribers now (the notify reaches the others). */
  poke(orgId: string, version?: number): void;
  readonly connections: number;
  close(): Promise<void>;
}

export async function createPokeHub(database: CloudDatabase): Promise<PokeHub> {
  const subscribers = new Map<string, Set<(version: number) => void>>();
  let count = 0;
  const deliver = (orgId: string, version: number) => {
    for (const listener of subscribers.get(orgId) ?? []) listener(version);
  };
  const stop = await database.listen(POKE_CHANNEL, (payload) => {
    const [orgId, version] = payload.split(':');
    if (orgId) deliver(orgId, Number(version ?? 0));
  });
  return {
    subscribe(orgId, onPoke) {
      let set = subscribers.get(orgId);
      if (!set) subscribers.set(orgId, (set = new Set()));
      set.add(onPoke);
      count += 1;
      return () => {
        if (set.delete(onPoke)) count -= 1;
        if (set.size === 0) subscribers.delete(orgId);
      };
    },
    poke: (orgId, version = 0) => deliver(orgId, version),
    get connections() {
      return count;
    },
    close: () => stop(),
  };
}
