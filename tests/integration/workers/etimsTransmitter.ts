// A Billbook process that transmits the line to KRA eTIMS and is killed by the test while KRA holds
// the answer to a sale it has already recorded.
import { createCore } from '../../../electron/core/app';
import { memorySecretStore } from '../../../electron/core/secrets';

process.once('message', (message) => {
  const { dataDir, etimsBaseUrl, key } = message as { dataDir: string; etimsBaseUrl: string; key: string };
  createCore({
    dataDir, log: () => undefined, etimsBaseUrl, reminderScanMs: 0, pdfWorkers: 0, dailyBackup: 0, etimsLateScanMs: 0,
    secrets: memorySecretStore({ etimsCommunicationKey: key }),
    jobs: { leaseMs: 1000 },
  });
  process.send?.({ started: true });
});
