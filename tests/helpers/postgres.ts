// A real PostgreSQL for the tests, started the way its own tools do it: initdb and pg_ctl into a
// temporary folder, on a free port, listening on 127.0.0.1 only, stopped and deleted afterwards.
// initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (or `nobody`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensurePostgres } from '../../scripts/postgres.mjs';

export interface RunningPostgres {
  /** A superuser URL for the cluster's `postgres` database. */
  url: string;
  port: number;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function runAs(): { user: string; uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0) return { user, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('PostgreSQL will not run as root, and this machine has neither a postgres nor a nobody user to run it as.');
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = ensurePostgres();
  const owner = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-pg-'));
  const data = path.join(dir, 'data');
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const run = (program: string, args: string[]) => {
    const command = path.join(bin, program);
    if (owner) execFileSync('runuser', ['-u', owner.user, '--', command, ...args], { stdio: 'pipe', cwd: dir });
    else execFileSync(command, args, { stdio: 'pipe', cwd: dir });
  };
  run('initdb', ['-D', data, '-U', 'billbook', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // Test settings: no fsync (a crash of the test cluster loses nothing we keep), sockets in our folder.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://billbook@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
