// `npm run web`: the same backend and interface in a browser. Prints the address on a line of its own.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app';
import { loadConfig } from '../core/config';
import { fileSecretStore } from '../core/secrets';
import { startHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5190' },
    'data-dir': { type: 'string', default: path.resolve('.data') },
    'static-dir': { type: 'string', default: path.resolve('dist/renderer') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (0 picks a free one), not "${values.port}"`);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir']);

try {
  const recheck = Number(process.env.BILLBOOK_OFFLINE_RECHECK_SECONDS ?? '');
  const core = createCore({
    dataDir,
    config: loadConfig(dataDir),
    // A browser has no keychain to lend, so keys sit in a file only this user can read.
    secrets: fileSecretStore(path.join(dataDir, 'secrets'), null, 'a file in the data folder that only you can read (not encrypted in the browser version)'),
    jobs: Number.isFinite(recheck) && recheck > 0 ? { offlineRecheckMs: recheck * 1000 } : undefined,
  });
  const host = await startHost({ core, port, staticDir: path.resolve(values['static-dir']) });
  console.log(`Billbook is serving the books in ${dataDir}`);
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
