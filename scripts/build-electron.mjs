// Bundles the main process and the preload into CommonJS files Electron loads directly.
// better-sqlite3 stays outside the bundle: it is a native module, rebuilt for Electron by scripts/native.mjs.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'info' };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', external: ['electron', 'better-sqlite3', 'electron-updater'] });
// A sandboxed preload may require only 'electron', so it is one self-contained file.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', external: ['electron'] });
