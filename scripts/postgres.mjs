// Finds PostgreSQL's server programs (initdb, pg_ctl) for the tests that run Billbook Cloud on a real
// PostgreSQL, and installs the distribution's package when the machine has none (Debian and Ubuntu,
// as root or through sudo that needs no password), like scripts/browser.mjs does for Chromium.
// Order: PG_BIN, `pg_config --bindir`, Debian's /usr/lib/postgresql/<newest>/bin, then PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_MAJOR = 15;
const exe = (name) => (process.platform === 'win32' ? `${name}.exe` : name);
const has = (dir) => fs.existsSync(path.join(dir, exe('initdb'))) && fs.existsSync(path.join(dir, exe('pg_ctl')));

function majorOf(dir) {
  const out = spawnSync(path.join(dir, exe('initdb')), ['--version'], { encoding: 'utf8' });
  const match = /(\d+)(?:\.\d+)?/.exec(out.stdout ?? '');
  return match ? Number(match[1]) : 0;
}

/** The folder holding initdb and pg_ctl of a PostgreSQL 15 or newer, or null. */
export function findPostgres() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.status === 0) candidates.push(config.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const version of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, version, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  return candidates.find((dir) => has(dir) && majorOf(dir) >= MIN_MAJOR) ?? null;
}

function installWithApt() {
  if (process.platform !== 'linux' || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) return false;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!root && !sudo) return false;
  console.log('PostgreSQL is not installed: installing the distribution’s postgresql package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync(sudo ? 'sudo' : 'apt-get', sudo ? ['-n', 'apt-get', ...args] : args, { stdio: 'inherit', env, timeout: 15 * 60_000 }).status === 0;
  return apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
}

export function ensurePostgres() {
  const found = findPostgres();
  if (found) return found;
  if (installWithApt()) {
    const installed = findPostgres();
    if (installed) return installed;
  }
  throw new Error(
    'The Billbook Cloud tests run on a real PostgreSQL 15 or newer, and none could be found or installed here. ' +
      'Install it the usual way for your system (Debian or Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql@16`; ' +
      'Windows: the EDB installer), or set PG_BIN to the folder that holds initdb and pg_ctl; then run `npm test` again.',
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(`PostgreSQL programs: ${ensurePostgres()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
