// `npm run web`: the same backend and interface in a browser. Prints the address on a line of its own.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app';
import { upgradeAhead, upgradeNotice } from '../core/books/upgrade';
import { parseClockOverride, shiftedClock, systemClock } from '../core/clock';
import { loadConfig } from '../core/config';
import { fileSecretStore } from '../core/secrets';
import { startHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5190' },
    'data-dir': { type: 'string', default: path.resolve('.data') },
    'static-dir': { type: 'string', default: path.resolve('dist/renderer') },
    /** Puts the books on a chosen day (YYYY-MM-DD or an ISO instant); default BILLBOOK_TODAY, else the real one. */
    today: { type: 'string', default: process.env.BILLBOOK_TODAY ?? '' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (0 picks a free one), not "${values.port}"`);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir']);
const start = values.today ? parseClockOverride(values.today) : null;
if (values.today && !start) {
  console.error(`--today (or BILLBOOK_TODAY) must be a date like 2026-11-30 or an ISO time like 2026-11-30T09:00:00+03:00, not "${values.today}"`);
  process.exit(2);
}
const clock = start ? shiftedClock(start) : systemClock;

try {
  const recheck = Number(process.env.BILLBOOK_OFFLINE_RECHECK_SECONDS ?? '');
  const upgrade = upgradeAhead(dataDir);
  if (upgrade) {
    const notice = upgradeNotice(upgrade);
    console.log(`${notice.heading}… ${notice.message}`);
  }
  const core = createCore({
    dataDir,
    clock,
    config: loadConfig(dataDir),
    // A browser has no keychain to lend, so keys sit in a file only this user can read.
    secrets: fileSecretStore(path.join(dataDir, 'secrets'), null, 'a file in the data folder that only you can read (not encrypted in the browser version)'),
    jobs: {
      // Scheduled sends and retries keep to the same (possibly shifted) time as the books.
      now: () => clock.now().getTime(),
      ...(Number.isFinite(recheck) && recheck > 0 ? { offlineRecheckMs: recheck * 1000 } : {}),
    },
  });
  const host = await startHost({ core, port, staticDir: path.resolve(values['static-dir']) });
  console.log(`Billbook is serving the books in ${dataDir}`);
  if (start) console.log(`The books' clock is set to ${clock.now().toISOString()} (--today); it runs from there.`);
  // The page shows this too; the terminal is where someone running the web version looks first.
  const health = core.health();
  if (health.state !== 'ok') console.error(health.message);
  console.log('Open this address in your browser:');
  console.log(host.url);
  const stop = () => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
