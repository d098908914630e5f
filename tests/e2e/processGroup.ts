// Stopping a test's child started with `detached: true` (its own process group): npm, and whatever
// runs under it. The tests remove or reuse the child's data folder afterwards, so "stopped" means
// every process of the group has exited, not only npm.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * Whether any process of the group `pgid` is still running (npm, the server and its embedded
 * database). On Linux it reads /proc, so an exited process left unreaped by PID 1 (a zombie) does
 * not count; elsewhere a signal 0 to the group answers.
 */
function groupAlive(pgid: number): boolean {
  if (fs.existsSync('/proc/self/stat')) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited while we looked
      }
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ")".
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// The whole process group must be gone, not only npm: npm exits on SIGTERM at once, while the server
// is still closing its embedded database (PGlite writes pg_logical and pg_wal as it shuts down), and
// removing or reusing the data folder before then fails ("ENOTEMPTY ... pgdata/pg_logical", seen in CI).
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (!pgid || !groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  const killAt = Date.now() + 8_000;
  const giveUpAt = killAt + 3_000;
  while (groupAlive(pgid) && Date.now() < giveUpAt) {
    if (Date.now() > killAt) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
