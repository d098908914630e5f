// One garbage collection after a large piece of work (a 100,000-customer import leaves ~380 MB of
// dead rows on V8's heap). Left alone, V8 collects them only once the app has been idle about 20
// seconds, and holds the memory until then; collected at once, the pages go back to the system
// within about 50 ms (measured with tests/bench/customersMemoryChild.ts). Node exposes no collection
// to JavaScript without --expose-gc, which Electron's main process is not started with: the flag is
// set here, and a fresh context receives the `gc` function it installs. Setting a flag after start
// needs V8's flags unfrozen: Node's start-up leaves them so (--no-freeze-flags-after-init, node.cc)
// for its own v8.setFlagsFromString, and Electron's main process starts V8 with the same flag
// (shell/browser/javascript_environment.cc). Not run in Electron here: its binary cannot be
// downloaded where the tests run.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  // Started with --expose-gc already (the bench's memory child): no flag to set.
  const exposed: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return (collect = () => (exposed as () => void)());
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    collect = typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Collects garbage once the current answer has gone out (the caller's own rows are unreachable by then). */
export function collectGarbageSoon(): void {
  setImmediate(() => collector()?.()).unref();
}
