// Makes sure better-sqlite3 is compiled for the runtime about to load it: `node` (tests, web, bench)
// or `electron` (npm start, npm run package). The two need different binaries (different ABIs), so
// switching rebuilds. Never run from postinstall: CI and tests only ever need the Node build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const marker = path.join(moduleDir, 'build', 'Release', '.billbook-runtime');
const readMarker = () => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '');
// npm passes ~/.npmrc's nodedir to child processes, and node-gyp builds against whatever it names.
const withoutNodedir = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_config_nodedir|NODEDIR)$/i.test(key)));
const run = (command, args, env = process.env) => spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });

function loadsIn(command, args, env) {
  const probe = "const D = require('better-sqlite3'); new D(':memory:').exec('create virtual table t using fts5(a)')";
  return spawnSync(command, [...args, '-e', probe], { env, stdio: 'pipe' }).status === 0;
}

if (target === 'node') {
  const wanted = `node-${process.versions.modules}`;
  if (readMarker() === wanted || (readMarker() === '' && loadsIn(process.execPath, []))) {
    fs.writeFileSync(marker, wanted);
    process.exit(0);
  }
  console.log('Rebuilding better-sqlite3 for Node…');
  // A configured nodedir is right only if its headers are this Node's; otherwise let node-gyp fetch the right ones.
  const nodedir = process.env.npm_config_nodedir;
  let env = process.env;
  if (nodedir) {
    const header = path.join(nodedir, 'include', 'node', 'node_version.h');
    const text = fs.existsSync(header) ? fs.readFileSync(header, 'utf8') : '';
    const part = (name) => (new RegExp(`#define ${name} (\\d+)`).exec(text) ?? [])[1];
    const headerVersion = `v${part('NODE_MAJOR_VERSION')}.${part('NODE_MINOR_VERSION')}.${part('NODE_PATCH_VERSION')}`;
    if (headerVersion !== process.version) {
      env = withoutNodedir();
    }
  }
  if (run('npm', ['rebuild', 'better-sqlite3'], env).status !== 0 || !loadsIn(process.execPath, [])) {
    console.error('better-sqlite3 could not be built for Node. Is a C++ toolchain (python3, make, g++) installed?');
    process.exit(1);
  }
  fs.writeFileSync(marker, wanted);
  process.exit(0);
}

const electronVersion = require('electron/package.json').version;
const electronBinary = require('electron');
const wanted = `electron-${electronVersion}`;
if (readMarker() === wanted) process.exit(0);
console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion}…`);
// With nodedir set, node-gyp would quietly build against Node's headers and report success;
// Electron's headers are what this build needs.
const env = withoutNodedir();
const rebuild = run(process.execPath, [require.resolve('@electron/rebuild/lib/cli.js'), '--force', '--only', 'better-sqlite3', '--version', electronVersion], env);
if (rebuild.status !== 0) {
  console.error('Rebuilding better-sqlite3 for Electron failed; see the output above.');
  process.exit(1);
}
if (!loadsIn(electronBinary, [], { ...env, ELECTRON_RUN_AS_NODE: '1' })) {
  console.error('better-sqlite3 was rebuilt but Electron cannot load it. Delete node_modules/better-sqlite3/build and run npm start again.');
  process.exit(1);
}
fs.writeFileSync(marker, wanted);
