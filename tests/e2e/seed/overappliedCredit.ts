// Run by tsx before a host starts: books on which the same credit was applied on two computers
// before they synced. This computer applied it second, then the other's application arrived.
//   tsx tests/e2e/seed/overappliedCredit.ts <dataDir>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app';
import { fixedClock } from '../../../electron/core/clock';
import { applyPulledRows } from '../../../electron/core/sync/apply';
import { readRows } from '../../../electron/core/sync/rows';
import { tellOverapplied } from '../../../electron/core/sync/overapplied';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';

const open = (dataDir: string, clock: ReturnType<typeof fixedClock>) =>
  createCore({ dataDir, clock, log: () => undefined, jobs: { autoStart: false }, pdfWorkers: 0, reminderScanMs: 0 });

async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/** Rows of the other computer, as the Cloud would hand them over. */
function pull(from: Core, to: Core, table: SyncedTableName, ids: string[], stamp: string): void {
  const rows = readRows(from.context.sql, table, ids);
  const applied = applyPulledRows(to.context, ids.map((id): SyncRow => ({ table, id, data: rows.get(id)!, stamps: { '*': stamp } })));
  // As sync does once a pull's pages are all in.
  tellOverapplied(to.context, applied.shortfalls);
}

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: overappliedCredit.ts <dataDir>');
const clock = fixedClock('2026-11-20T09:00:00.000Z');
const other = open(fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-e2e-other-')), clock);
const here = open(dataDir, clock);
const buyer = await call(other, 'customers.create', { name: 'Eldoret Feeds' });
const deposit = await call(other, 'payments.record', { customerId: buyer.id, amountMinor: 3_000_000, paidOn: '2026-11-20', method: 'mpesa', reference: 'QKA1B2C3D4' });
const invoices = [];
for (const what of ['Layers mash, 70 kg', 'Dairy meal, 70 kg']) {
  const draft = await call(other, 'drafts.create', {
    draft: { customerId: buyer.id, issueDate: '2026-11-20', lines: [{ description: what, quantityMilli: 10_000, unitPriceMinor: 500_000, taxRateBp: null }] },
  });
  invoices.push(await call(other, 'invoices.finalize', { id: draft.id, version: 1 }));
}
const first = '2026-11-20T09:00:00.000Z-0000-other';
pull(other, here, 'customers', [buyer.id], first);
pull(other, here, 'invoices', invoices.map((i) => i.id), first);
pull(other, here, 'payments', [deposit.id], first);
// Both apply the 30,000 of credit while offline: the other computer first, to the first invoice.
await call(other, 'payments.applyCredit', { customerId: buyer.id, allocations: [{ invoiceId: invoices[0]!.id, amountMinor: 3_000_000 }] });
const applied = other.context.sql.prepare('SELECT id FROM payment_allocations').all() as { id: string }[];
clock.advance(60_000);
await call(here, 'payments.applyCredit', { customerId: buyer.id, allocations: [{ invoiceId: invoices[1]!.id, amountMinor: 3_000_000 }] });
pull(other, here, 'payment_allocations', applied.map((a) => a.id), '2026-11-20T09:00:30.000Z-0000-other');
here.close();
other.close();
