// A process killed between sending a sale to KRA and saving KRA's answer: the restarted app finds
// the "sending" mark, asks KRA about that number, keeps KRA's receipt, and sends nothing twice; the
// next invoice takes the next number.
import { fork } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../../electron/core/secrets';
import { call } from '../../helpers/core';
import { customer, invoice } from '../../helpers/billing';
import { startFakeEtims, type FakeEtimsServer } from '../../helpers/fakeEtims';
import { etimsBooks, PIN } from '../../helpers/etims';
import { until } from '../../helpers/until';

const fakes: FakeEtimsServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

describe('a crash mid-transmission', () => {
  it('the restarted app asks KRA about the number it was sending, keeps the receipt, and never sends the sale twice', async () => {
    const kra = await startFakeEtims({ pin: PIN, branchId: '00' });
    fakes.push(kra);
    const secrets = memorySecretStore();
    const first = await etimsBooks(kra, { secrets });
    const buyer = await customer(first.core);
    // Finalized while KRA cannot be reached: it waits in line, and this process closes.
    await kra.goOffline();
    const inv = await invoice(first.core, buyer.id);
    await until(() => call(first.core, 'invoices.get', { id: inv.id }), (i) => i.etims?.state === 'awaiting' && i.etims.message !== null);
    first.core.close();
    await kra.goOnline();

    // Another process picks the line up; KRA records the sale and the process dies before the answer.
    kra.script('saveTrnsSalesOsdc', { kind: 'acceptThenHold' });
    const child = fork(path.join(__dirname, '..', 'workers', 'etimsTransmitter.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ dataDir: first.dir, etimsBaseUrl: kra.url, key: secrets.get('etimsCommunicationKey') });
    await kra.waitFor('saveTrnsSalesOsdc', 1, 20_000);
    expect(kra.sales).toHaveLength(1);
    child.kill('SIGKILL');
    await exited;

    // Restarted: the lease has run out; the job finds the "sending" mark and asks before sending.
    const again = await etimsBooks(kra, { secrets, dataDir: first.dir, initialise: false });
    const done = await until(() => call(again.core, 'invoices.get', { id: inv.id }), (i) => i.etims?.state === 'signed', 20_000);
    expect(kra.requests.filter((r) => r.method === 'saveTrnsSalesOsdc')).toHaveLength(1);
    expect(kra.requests.filter((r) => r.method === 'selectInvoiceDtl').map((r) => r.body.invcNo)).toEqual([1]);
    expect(done.etims?.receipt).toMatchObject({ invoiceNo: 1, signature: kra.sales[0]!.receipt.rcptSign });
    const next = await invoice(again.core, buyer.id);
    await until(() => call(again.core, 'invoices.get', { id: next.id }), (i) => i.etims?.state === 'signed');
    expect(kra.sales.map((s) => [s.invcNo, s.request.trdInvcNo])).toEqual([[1, inv.number], [2, next.number]]);
  }, 60_000);
});
