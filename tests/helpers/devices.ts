// Desktops for the sync tests: real desktop cores on their own SQLite files, signed in to a test
// Cloud through the same channels the Settings screen uses, with a switch to take each offline.
import { createCore, type Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import type { CloudAccountView, SyncStatus } from '../../shared/channels/cloud';
import type { Role } from '../../shared/permissions';
import { call, tempDir } from './core';
import { PASSWORD, uniqueEmail } from './cloudPeople';
import type { TestClock } from './cloud';

export interface Desktop {
  name: string;
  core: Core;
  dir: string;
  /** Takes the computer off the network (the sync loop waits, spending nothing) or back on. */
  setOnline(online: boolean): void;
  sync(): Promise<SyncStatus>;
  close(): void;
}

const opened: Desktop[] = [];

export function closeDesktops(): void {
  for (const d of opened.splice(0)) d.close();
}

export function desktop(name: string, clock: TestClock, dir = tempDir()): Desktop {
  let online = true;
  const core = createCore({
    dataDir: dir, clock, secrets: memorySecretStore(), log: process.env.SYNC_DEBUG ? (m, e) => console.error(name, m, e) : () => undefined, network: { isOnline: () => online },
    jobs: { autoStart: false }, reminderScanMs: 0, recurringScanMs: 0, pdfWorkers: 0,
    // The test decides when rounds run: no timers of its own.
    sync: { autoStart: false, pollMs: 3_600_000, backoff: { firstMs: 3_600_000, maxMs: 3_600_000 } },
  });
  const d: Desktop = {
    name, core, dir,
    setOnline: (value) => (online = value),
    sync: () => call(core, 'sync.now', {}),
    close: () => {
      try {
        core.close();
      } catch {
        // closed by the test
      }
    },
  };
  opened.push(d);
  return d;
}

/** Signs a desktop up (a new person and organisation) and joins it as its first computer. */
export async function founder(d: Desktop, cloudUrl: string, orgName = 'Amani Hardware'): Promise<CloudAccountView> {
  await call(d.core, 'cloud.setServer', { url: cloudUrl });
  const signedUp = await call(d.core, 'cloud.signUp', { email: uniqueEmail('owner'), password: PASSWORD, name: `${d.name} Owner`, orgName });
  return call(d.core, 'cloud.join', { orgId: signedUp.memberships[0]!.orgId, deviceName: d.name });
}

/** Signs the same person in on another desktop and joins it to their organisation. */
export async function sameOwner(d: Desktop, cloudUrl: string, email: string, orgId: string): Promise<CloudAccountView> {
  await call(d.core, 'cloud.setServer', { url: cloudUrl });
  await call(d.core, 'cloud.signIn', { email, password: PASSWORD });
  return call(d.core, 'cloud.join', { orgId, deviceName: d.name });
}

/** Invites a colleague from `inviter` and joins them on desktop `d` with that role. */
export async function colleague(d: Desktop, inviter: Desktop, cloud: { url: string; mail: { received: { envelope: { to: string[] }; parsed: { subject?: string; text?: string } }[] } }, role: Exclude<Role, 'owner'>): Promise<CloudAccountView> {
  const email = uniqueEmail(role);
  await call(inviter.core, 'cloud.invite', { email, role });
  let code: string | undefined;
  for (let i = 0; i < 200 && !code; i++) {
    const mail = cloud.mail.received.find((m) => m.envelope.to.includes(email));
    code = /\n(bbi_[\w-]+)\n/.exec(mail?.parsed.text ?? '')?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 25));
  }
  await call(d.core, 'cloud.setServer', { url: cloud.url });
  const signedUp = await call(d.core, 'cloud.signUp', { email, password: PASSWORD, name: `The ${role}`, invitationToken: code! });
  return call(d.core, 'cloud.join', { orgId: signedUp.memberships[0]!.orgId, deviceName: d.name });
}
