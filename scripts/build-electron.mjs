// Bundles the main process and the preload into CommonJS files Electron loads directly.
// better-sqlite3 stays outside the bundle: it is a native module, rebuilt for Electron by scripts/native.mjs.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'info' };

/**
 * react-pdf (about 3 MB with fontkit, pdfkit and yoga) lives only in the PDF worker's bundle. The main
 * process reaches it, when it must render on its own thread, by loading that bundle: the renderer's
 * `import('./worker')` becomes a plain `require('./pdfWorker.cjs')` beside main.cjs (a require, not
 * an import(), so Electron's asar-aware CommonJS loader reads it).
 */
const pdfWorkerOutside = {
  name: 'pdf-worker-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\/worker$/ }, (args) =>
      args.importer.replaceAll('\\', '/').endsWith('electron/core/pdf/renderer.ts') ? { path: 'pdf-worker-bundle', namespace: 'pdf-worker' } : undefined,
    );
    esbuild.onResolve({ filter: /^\.\/pdfWorker\.cjs$/, namespace: 'pdf-worker' }, () => ({ path: './pdfWorker.cjs', external: true }));
    esbuild.onLoad({ filter: /.*/, namespace: 'pdf-worker' }, () => ({ contents: "module.exports = require('./pdfWorker.cjs');", loader: 'js' }));
  },
};

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.cjs',
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  plugins: [pdfWorkerOutside],
  // The PDF worker's locator reads import.meta.url only when __filename is missing (ESM under tsx); in this CJS bundle it never is.
  define: { 'import.meta.url': 'undefined' },
});
// A sandboxed preload may require only 'electron', so it is one self-contained file.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', external: ['electron'] });
/**
 * pdfkit (under react-pdf) loads its standard-font metrics at run time through
 * `createRequire(import.meta.url)('#standard-fonts/…')`, a package-internal import that cannot work
 * from inside a bundle, and every document loads Helvetica when it starts. The loaders are rewritten
 * to plain requires of pdfkit's exported `pdfkit/standard-fonts/…` files, which esbuild then bundles.
 * The versions are pinned; if pdfkit changes this code the build stops here rather than ship a
 * worker that fails on its first invoice.
 */
const pdfkitStandardFonts = {
  name: 'pdfkit-standard-fonts',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit(\.node)?\.m?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/require\$1\('#standard-fonts\/(\w+)'\)/g, "require('pdfkit/standard-fonts/$1')");
      if (patched === source) throw new Error(`${args.path} no longer loads its standard fonts as scripts/build-electron.mjs expects`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// The PDF worker thread (electron/core/pdf/workerEntry.ts looks for it beside main.cjs): react-pdf bundled
// whole, so the thread needs nothing from node_modules or the asar archive. ESM code in it that reads
// import.meta.url (pdfkit, yoga) gets this file's own URL.
await build({
  ...common,
  entryPoints: ['electron/core/pdf/worker.ts'],
  outfile: 'dist-electron/pdfWorker.cjs',
  plugins: [pdfkitStandardFonts],
  // React's production build: the development one checks and warns on every element of every invoice.
  define: { 'import.meta.url': '__pdfWorkerUrl', 'process.env.NODE_ENV': '"production"' },
  banner: { js: "const __pdfWorkerUrl = require('node:url').pathToFileURL(__filename).href;" },
});
