// KRA eTIMS: 1,000 finalized invoices (a mix of VAT bands) transmitted through the job queue to the
// local fake OSCU server, which checks every request (bands, totals, registered items, numbers).
// Measures the line draining after KRA comes back, and checks that KRA's numbers ran 1..n in the
// order the invoices were finalized, with no gap and no repeat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { startFakeEtims } from '../helpers/fakeEtims';
import { call, record, section } from './measure';

const RATES = [1600, 1600, 1600, 800, 0, null] as const;

export async function benchEtims(count: number): Promise<void> {
  section(`KRA eTIMS: ${count} invoices transmitted to a local fake OSCU server (one at a time, in order)`);
  const pin = 'P051234567X';
  const kra = await startFakeEtims({ pin, branchId: '00' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-etims-'));
  const core = createCore({ dataDir, log: () => undefined, etimsBaseUrl: kra.url, secrets: memorySecretStore(), reminderScanMs: 0, etimsLateScanMs: 0, dailyBackup: 0, pdfWorkers: 0 });
  try {
    await call(core, 'settings.update', {
      business: { name: 'Bench Traders', taxId: pin, vatRegistered: true, defaultTaxRateBp: 1600 },
      etims: { deviceSerial: 'dvc-bench-0001', branchId: '00', environment: 'sandbox', defaultClassCode: '99010000', requestsPerMinute: 6000, timeoutSeconds: 30 },
    });
    await call(core, 'etims.initialise', {});
    const buyer = await call(core, 'customers.create', { name: 'Bench Buyer', email: 'ap@bench.example', paymentTermsDays: 30 });
    // KRA unreachable while the invoices are finalized: they wait in line, then go when it is back.
    await kra.goOffline();
    const numbers: string[] = [];
    const made = performance.now();
    for (let i = 0; i < count; i++) {
      const lines = Array.from({ length: 1 + (i % 4) }, (_, n) => ({
        description: `Service ${n + 1}`, quantityMilli: 1000 + n * 500, unit: '', unitPriceMinor: 150_000 + i * 7 + n * 1000, taxRateBp: RATES[(i + n) % RATES.length]!,
      }));
      const draft = await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-02', lines } });
      numbers.push((await call(core, 'invoices.finalize', { id: draft.id, version: draft.draft.version })).number!);
    }
    const finalizeSeconds = (performance.now() - made) / 1000;
    const start = performance.now();
    await kra.goOnline();
    for (;;) {
      const { counts } = await call(core, 'jobs.list', { kind: 'etims.transmit', limit: 1 });
      if (counts.queued + counts.running + counts.offline === 0 && kra.sales.length >= count) break;
      if (performance.now() - start > 30 * 60_000) throw new Error(`eTIMS bench: only ${kra.sales.length} of ${count} transmitted in 30 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - start) / 1000;
    const inOrder = kra.sales.every((s, i) => s.invcNo === i + 1 && s.request.trdInvcNo === numbers[i]);
    const refused = kra.requests.filter((r) => r.method === 'saveTrnsSalesOsdc' && r.resultCd !== '000').length;
    record('eTIMS: finalize while KRA is offline', `${count} invoices in ${finalizeSeconds.toFixed(1)} s`);
    record('eTIMS: transmit throughput (line drains after KRA is back)', `${(count / seconds).toFixed(1)} invoices/s (${kra.sales.length} signed in ${seconds.toFixed(1)} s)`);
    record('eTIMS: KRA numbers 1..n in finalize order, no gap, no repeat', `${inOrder ? 'yes' : 'NO'} (${refused} refused)`);
    const signedHere = (core.context.sql.prepare('SELECT count(*) AS n FROM invoices WHERE etims_signature IS NOT NULL').get() as { n: number }).n;
    record('eTIMS: invoices holding KRA’s signature', `${signedHere} of ${count}`);
  } finally {
    core.close();
    await kra.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
