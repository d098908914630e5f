// Another process on the same books: opens its own connection and finalizes the drafts it is given.
import { createCore } from '../../../electron/core/app';

process.once('message', (message) => {
  const { dataDir, ids } = message as { dataDir: string; ids: string[] };
  const core = createCore({ dataDir, log: () => undefined });
  void Promise.all(ids.map((id) => core.api['invoices.finalize']({ id, version: 1 }))).then((results) => {
    core.close();
    process.send?.(results.map((r) => (r.ok ? { ok: true, number: r.value.number } : { ok: false, message: r.error.message })), () => process.exit(0));
  });
});
