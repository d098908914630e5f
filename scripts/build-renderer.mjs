// Builds the interface (vite build) only when its sources changed since the last build, so
// `npm run web` starts in a moment when nothing did. The build leaves a fingerprint of every
// source file (path, size, modification time) in dist/renderer; a different one rebuilds.
// `--force` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'renderer');
const stampFile = path.join(outDir, '.sources');
// What the interface is built from: its own code, the shared code it imports, and the build's settings.
const SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function walk(entry, out) {
  const full = path.join(root, entry);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) walk(path.join(entry, name), out);
  } else {
    out.push(`${entry}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}`);
  }
}

export function sourcesFingerprint() {
  const files = [];
  for (const entry of SOURCES) walk(entry, files);
  return createHash('sha256').update(files.join('\n')).digest('hex');
}

function upToDate(fingerprint) {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim() === fingerprint && fs.existsSync(path.join(outDir, 'index.html'));
  } catch {
    return false;
  }
}

const force = process.argv.includes('--force');
const fingerprint = sourcesFingerprint();
if (!force && upToDate(fingerprint)) {
  console.log('The interface is up to date (no source changed since its last build).');
  process.exit(0);
}
const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) process.exit(result.status ?? 1);
// Taken before the build started: a file saved during the build makes the next start build again.
fs.writeFileSync(stampFile, `${fingerprint}\n`);
