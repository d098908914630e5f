// A desktop in its own process, so a test can kill it (SIGKILL) in the middle of a sync round.
import { createCore } from '../../../electron/core/app';
import { fixedClock } from '../../../electron/core/clock';
import { fileSecretStore } from '../../../electron/core/secrets';
import path from 'node:path';

process.once('message', (message) => {
  const { dataDir, at } = message as { dataDir: string; at: string };
  const core = createCore({
    dataDir, clock: fixedClock(at), secrets: fileSecretStore(path.join(dataDir, 'secrets'), null, 'test'), log: () => undefined,
    jobs: { autoStart: false }, reminderScanMs: 0, pdfWorkers: 0, sync: { autoStart: false },
  });
  process.send?.({ started: true });
  void core.api['sync.now']({});
});
