// The backend's memory after a 100,000-customer import, measured on the core alone: bundled as the
// app bundles it and run in a plain Node process, so neither the bench's TypeScript loader nor its
// other halves (Playwright, the PDF renderer, the seeds) are counted. The child imports, searches
// and pages as the bench does, then prints its memory as JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface CoreMemory {
  /** Before the books are opened: Node and the core's modules. */
  start: string;
  /** A second after the import returned, nothing collected by the bench. */
  afterImport: string;
  afterSearches: string;
}

/** Builds the child and runs it on a fresh data folder; null when it could not run (the reason is printed). */
export async function coreMemoryAfterImport(count: number): Promise<CoreMemory | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-memory-'));
  try {
    const bundle = path.join(dir, 'child.cjs');
    await build({
      entryPoints: [path.join(here, 'customersMemoryChild.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
      // As in scripts/build-electron.mjs: the native module stays outside, resolved from the project.
      external: ['better-sqlite3', 'electron', 'electron-updater'], logLevel: 'warning', define: { 'import.meta.url': 'undefined' },
      nodePaths: [path.join(here, '../../node_modules')],
    });
    const child = spawnSync(process.execPath, ['--expose-gc', bundle, path.join(dir, 'books'), String(count)], {
      encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(here, '../../node_modules') }, maxBuffer: 16 * 1024 * 1024,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    if (child.status !== 0 || !line) {
      console.error(`The memory child failed (${child.status}): ${child.stderr.slice(-2000)}`);
      return null;
    }
    return JSON.parse(line) as CoreMemory;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
