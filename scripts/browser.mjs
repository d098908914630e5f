// Finds a Chromium for the end-to-end tests, and installs one when the machine has none.
// `playwright.config.ts` imports findChromium(); `npm run test:e2e` runs this file first (ensure).
// Order: CHROMIUM_PATH, a Chromium or Chrome the system has, Playwright's own download; then
// install: Playwright's installer (a normal machine), else the distribution's package (machines
// that cannot reach Playwright's download host but have apt), else one paragraph on what to do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const SYSTEM_BROWSERS = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
  ],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env.LOCALAPPDATA ?? '', 'Google\\Chrome\\Application\\chrome.exe'),
  ],
};

const isFile = (file) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Playwright's own Chromium, when it was downloaded before. */
function playwrightChromium() {
  try {
    const { chromium } = require('playwright-core');
    const file = chromium.executablePath();
    return file && isFile(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * The browser to drive: `{ executablePath }` for a system one (or CHROMIUM_PATH), `{ executablePath: undefined }`
 * for Playwright's own, or null when there is none.
 */
export function findChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given) return isFile(given) ? { executablePath: given, from: 'CHROMIUM_PATH' } : null;
  const system = (SYSTEM_BROWSERS[process.platform] ?? []).find(isFile);
  if (system) return { executablePath: system, from: 'system' };
  if (playwrightChromium()) return { executablePath: undefined, from: 'playwright' };
  return null;
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', timeout: 15 * 60_000 }).status === 0;
const quiet = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

function installWithPlaywright() {
  console.log('No Chromium found: installing Playwright’s (npx playwright install chromium)…');
  const cli = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  const env = { ...process.env };
  delete env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD;
  return spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', env, timeout: 15 * 60_000 }).status === 0;
}

/** Debian and Ubuntu: the distribution's package, as root or through sudo that needs no password. */
function installWithApt() {
  if (process.platform !== 'linux' || !quiet('sh', ['-c', 'command -v apt-get'])) return false;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = root ? [] : quiet('sudo', ['-n', 'true']) ? ['sudo', '-n'] : null;
  if (!prefix) return false;
  console.log('Playwright’s download is out of reach: installing the distribution’s chromium package (apt-get)…');
  const apt = (args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), 'apt-get', ...args]) : run('apt-get', args));
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  return apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']);
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not a file. Point it at a Chromium or Chrome, or unset it.`);
    return null;
  }
  if (installWithPlaywright() && findChromium()) return findChromium();
  if (installWithApt() && findChromium()) return findChromium();
  console.error(
    '\nThe end-to-end tests need Chromium or Google Chrome, and none could be found or installed here. ' +
      'Install one of them the usual way for your system (Debian or Ubuntu: `sudo apt-get install chromium`; ' +
      'Fedora: `sudo dnf install chromium`; macOS or Windows: install Google Chrome), or run `npx playwright install chromium` ' +
      'where the internet is reachable, or set CHROMIUM_PATH to the browser’s executable file; then run `npm test` again.\n',
  );
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = ensureChromium();
  if (!found) process.exit(1);
  console.log(`End-to-end tests use ${found.executablePath ?? 'Playwright’s own Chromium'} (${found.from}).`);
}
