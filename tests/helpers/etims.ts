// Books of a VAT-registered business set up for KRA eTIMS against the fake OSCU server, through the
// real channels: the business profile, Settings → eTIMS, Initialise.
import type { CoreOptions } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore } from './core';
import type { FakeEtimsServer } from './fakeEtims';

export const PIN = 'P051234567X';
export const SERIAL = 'dvc-billbook-0001';

/** Quick retries and rechecks: tests wait for the queue, not for minutes. */
export const FAST_JOBS = { backoff: { baseMs: 20, capMs: 150 }, offlineRecheckMs: 100, leaseMs: 1000, breaker: { threshold: 50, openMs: 100 } } as const;

export async function etimsBooks(fake: FakeEtimsServer, options: Partial<CoreOptions> & { start?: string; initialise?: boolean; timeoutSeconds?: number } = {}) {
  const { start = '2026-11-21T07:00:00.000Z', initialise = true, timeoutSeconds = 5, ...rest } = options;
  const made = makeCore(start, {
    etimsBaseUrl: fake.url, reminderScanMs: 0, dailyBackup: 0, pdfWorkers: 0, etimsLateScanMs: 0, secrets: memorySecretStore(),
    jobs: { ...FAST_JOBS },
    ...rest,
  });
  if (!rest.dataDir || initialise) {
    await call(made.core, 'settings.update', {
      business: { name: 'Wanjiku Traders', taxId: PIN, vatRegistered: true, defaultTaxRateBp: 1600 },
      etims: { deviceSerial: SERIAL, branchId: '00', environment: 'sandbox', defaultClassCode: '99010000', timeoutSeconds },
    });
  }
  if (initialise) await call(made.core, 'etims.initialise', {});
  return made;
}
