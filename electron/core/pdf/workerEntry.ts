// Where the PDF worker's code is, in each way Billbook runs:
//   - the Electron build: esbuild bundles main.ts into dist-electron/main.cjs and the worker into
//     dist-electron/pdfWorker.cjs beside it (scripts/build-electron.mjs); plain Node loads it;
//   - from source (tsx for `npm run web` and the bench, vite-node under vitest): worker.ts, which
//     plain Node cannot load, so the thread starts with a small script that registers tsx's loader
//     first. (`execArgv: ['--import', 'tsx']` does not reach a worker thread on Node 20.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unpackedPath } from './asar';

export interface WorkerEntry {
  /** A file to run, or the source of a bootstrap script (`eval`). */
  script: string;
  eval: boolean;
  /** For messages: which worker this is. */
  describe: string;
}

/** This module's own file: CommonJS (the bundle) and vite-node define __filename; ESM under tsx has import.meta. */
function thisFile(): string {
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

export function pdfWorkerEntry(): WorkerEntry {
  const here = thisFile();
  if (/\.c?js$/.test(here)) {
    const file = unpackedPath(path.join(path.dirname(here), 'pdfWorker.cjs'));
    return { script: file, eval: false, describe: file };
  }
  const source = path.join(path.dirname(here), 'worker.ts');
  // The project's tsconfig, wherever the process was started: the templates need its JSX setting.
  const options = { tsconfig: projectTsconfig(path.dirname(here)) ?? undefined };
  const script = [
    `import(${JSON.stringify(tsxEsmApi(source))})`,
    `  .then((tsx) => { tsx.register(${JSON.stringify(options)}); return import(${JSON.stringify(pathToFileURL(source).href)}); })`,
    // An unhandled rejection ends the thread with this error, which the pool reports as a failed start.
    `  .catch((error) => { setImmediate(() => { throw error; }); });`,
  ].join('\n');
  return { script, eval: true, describe: `${source} (through tsx)` };
}

/**
 * The URL of tsx's ESM API, found from the worker's own folder (not the working directory). Its
 * CommonJS build cannot register the loader from a worker on Node 20, so the "import" export is read.
 */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const target = exports['./esm/api']?.import?.default;
  if (!target) throw new Error(`tsx at ${path.dirname(manifest)} has no ESM API to start the PDF worker with`);
  return pathToFileURL(path.join(path.dirname(manifest), target)).href;
}

function projectTsconfig(from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) return null;
  }
}
