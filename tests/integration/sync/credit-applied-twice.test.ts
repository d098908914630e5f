// The same credit applied on several computers before they synced: whatever order the Cloud's
// pages bring the rows in, every computer settles the same (the earliest allocation keeps the
// money), sync never stops on it, taking an allocation off frees the money for the next one, and
// the person is told only of what stays short once the whole pull is in.
import { describe, expect, it } from 'vitest';
import { applyPulledRows } from '../../../electron/core/sync/apply';
import { tellHeldShortfalls, tellOverapplied } from '../../../electron/core/sync/overapplied';
import { readRows } from '../../../electron/core/sync/rows';
import { refreshInvoiceSettlement } from '../../../electron/core/ledger/settlement';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import { call, makeCore } from '../../helpers/core';
import { customer, invoice, line } from '../../helpers/billing';
import { invoicePdfModel } from '../../../electron/core/pdf/model';
import { invoiceView } from '../../../electron/core/pdf/templates/view';
import { receiptView } from '../../../electron/core/pdf/templates/receipt';
import { receiptModel } from '../../../electron/core/payments/receipts';
import { readSettings } from '../../../electron/core/settings/service';
import { queuePaymentThanks } from '../../../electron/core/send/thanks';

type TestCore = ReturnType<typeof makeCore>['core'];

let stamps = 0;
/** Rows as the Cloud hands them over, each newer than the last. */
function rowsOf(source: TestCore, table: SyncedTableName, ids: string[]): SyncRow[] {
  const data = readRows(source.context.sql, table, ids);
  stamps += 1;
  return ids.map((id) => ({ table, id, data: data.get(id)!, stamps: { '*': `2026-11-21T09:${String(stamps).padStart(2, '0')}:00.000Z-0000-cloud` } }));
}

const allocationIds = (core: TestCore) => core.context.sql.prepare('SELECT id FROM payment_allocations ORDER BY created_at, id').all().map((r) => (r as { id: string }).id);

/** A customer with 30,000 of credit and three invoices of 50,000, on three computers; each applies the credit to its own invoice. */
async function spentThreeTimes() {
  const { core: first, clock, dir } = makeCore();
  const buyer = await customer(first, { name: 'Eldoret Feeds', email: 'accounts@eldoretfeeds.co.ke' });
  const deposit = await call(first, 'payments.record', { customerId: buyer.id, amountMinor: 30_000, paidOn: '2026-11-20', method: 'cash' });
  const invoices = [];
  for (const what of ['Layers mash', 'Dairy meal', 'Calf pellets']) invoices.push(await invoice(first, buyer.id, { issueDate: '2026-11-20', lines: [line(what, 1, 50_000, null)] }));
  const others = [makeCore('2026-11-21T09:00:01.000Z'), makeCore('2026-11-21T09:00:02.000Z')];
  const computers = [first, ...others.map((o) => o.core)];
  const dirs = [dir, ...others.map((o) => o.dir)];
  for (const other of computers.slice(1)) {
    for (const page of [rowsOf(first, 'customers', [buyer.id]), rowsOf(first, 'invoices', invoices.map((i) => i.id)), rowsOf(first, 'payments', [deposit.id])]) applyPulledRows(other.context, page);
  }
  for (const [i, computer] of computers.entries()) {
    await call(computer, 'payments.applyCredit', { customerId: buyer.id, allocations: [{ invoiceId: invoices[i]!.id, amountMinor: 30_000 }] });
  }
  clock.advance(60_000);
  // Each computer's allocation, earliest first (each computer's clock is a second ahead of the last).
  const allocations = computers.map((c) => ({ from: c, id: allocationIds(c).at(-1)! }));
  return { computers, dirs, buyer, deposit, invoices, allocations };
}

async function seen(core: TestCore, deposit: { id: string }, invoices: { id: string }[], buyer: { id: string }) {
  const payment = await call(core, 'payments.get', { id: deposit.id });
  return {
    invoices: await Promise.all(invoices.map((inv) => call(core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor]))),
    allocated: [payment.allocatedMinor, payment.unallocatedMinor],
    creditMinor: (await call(core, 'customers.get', { id: buyer.id })).financials.creditMinor,
  };
}

/** Every derived figure as the books hold it, and as settling every invoice again from the facts gives. */
function heldAndFromScratch(core: TestCore): [string, string] {
  const s = core.context.sql;
  const figures = () => JSON.stringify([
    s.prepare('SELECT id, status, paid_minor, balance_minor FROM invoices ORDER BY id').all(),
    s.prepare('SELECT id, allocated_minor FROM payments ORDER BY id').all(),
    s.prepare('SELECT id, applied_minor FROM payment_allocations WHERE reversed_at IS NULL ORDER BY id').all(),
  ]);
  const held = figures();
  let fresh = '';
  try {
    s.transaction(() => {
      s.prepare('UPDATE payment_allocations SET applied_minor = 0 WHERE reversed_at IS NULL').run();
      s.prepare("UPDATE payments SET allocated_minor = 0 WHERE status = 'completed'").run();
      for (const { id } of s.prepare('SELECT id FROM invoices').all() as { id: string }[]) refreshInvoiceSettlement(s, id, '2026-11-21T12:00:00.000Z');
      for (const { id } of s.prepare('SELECT id FROM payments').all() as { id: string }[]) {
        s.prepare("UPDATE payments SET allocated_minor = coalesce((SELECT sum(applied_minor) FROM payment_allocations WHERE payment_id = ? AND reversed_at IS NULL), 0) WHERE id = ? AND status = 'completed'").run(id, id);
      }
      fresh = figures();
      throw new Error('undo');
    });
  } catch (error) {
    if ((error as Error).message !== 'undo') throw error;
  }
  return [held, fresh];
}

describe('credit applied on several computers before they synced', () => {
  it('settles the same on a new computer whatever page brings what: the latest allocation first, the payment a page after', async () => {
    const { computers, buyer, deposit, invoices, allocations } = await spentThreeTimes();
    const { core: fresh } = makeCore('2026-11-21T10:00:00.000Z');
    const first = computers[0]!;
    const pages = [
      [...rowsOf(first, 'customers', [buyer.id]), ...rowsOf(first, 'invoices', invoices.map((i) => i.id))],
      [...allocations].reverse().flatMap(({ from, id }) => rowsOf(from, 'payment_allocations', [id])),
      rowsOf(first, 'payments', [deposit.id]),
    ];
    for (const page of pages) applyPulledRows(fresh.context, page);
    const expected = {
      invoices: [['partially_paid', 20_000], ['open', 50_000], ['open', 50_000]],
      allocated: [30_000, 0],
      creditMinor: 0,
    };
    expect(await seen(fresh, deposit, invoices, buyer)).toEqual(expected);
    // And each computer that made one, once it has the others' allocations.
    for (const computer of computers) {
      applyPulledRows(computer.context, allocations.filter((a) => a.from !== computer).flatMap(({ from, id }) => rowsOf(from, 'payment_allocations', [id])));
      expect(await seen(computer, deposit, invoices, buyer)).toEqual(expected);
    }
    const [held, fromScratch] = heldAndFromScratch(fresh);
    expect(held).toBe(fromScratch);
    for (const c of [fresh, ...computers]) c.close();
  });

  it('gives the money to the next allocation when the first is taken off, and takes off one that settles nothing', async () => {
    const { computers, buyer, deposit, invoices, allocations } = await spentThreeTimes();
    const [first] = computers as [TestCore];
    applyPulledRows(first.context, allocations.slice(1).flatMap(({ from, id }) => rowsOf(from, 'payment_allocations', [id])));
    await call(first, 'payments.unapply', { paymentId: deposit.id, invoiceId: invoices[0]!.id, reason: 'Meant for the dairy meal' });
    expect(await seen(first, deposit, invoices, buyer)).toEqual({
      invoices: [['open', 50_000], ['partially_paid', 20_000], ['open', 50_000]], allocated: [30_000, 0], creditMinor: 0,
    });
    let [held, fromScratch] = heldAndFromScratch(first);
    expect(held).toBe(fromScratch);
    // The third still claims 30,000 and settles none of it: it can be taken off, and nothing moves.
    const payment = await call(first, 'payments.unapply', { paymentId: deposit.id, invoiceId: invoices[2]!.id, reason: 'Credit was spent already' });
    expect(payment.allocations.map((a) => [a.invoiceNumber, a.settledMinor, a.reversed])).toEqual([
      [invoices[0]!.number, 0, true], [invoices[1]!.number, 30_000, false], [invoices[2]!.number, 0, true],
    ]);
    [held, fromScratch] = heldAndFromScratch(first);
    expect(held).toBe(fromScratch);
    // Activity says where the money went each time.
    const lines = (await call(first, 'customers.activity', { id: buyer.id })).map((e) => e.summary).filter((s) => s.includes('taken off'));
    expect(lines.sort()).toEqual([
      `${deposit.number} taken off ${invoices[2]!.number}, which it settled none of (its credit had gone to other invoices first): Credit was spent already`,
      `KES 300.00 of ${deposit.number} taken off ${invoices[0]!.number}: KES 300.00 now settles its other invoices: Meant for the dairy meal`,
    ].sort());
    // The computer that took them off sends the allocations alone: another computer settles the same.
    const second = computers[1]!;
    applyPulledRows(second.context, [...allocations.filter((a) => a.from !== second).flatMap(({ from, id }) => rowsOf(from, 'payment_allocations', [id]))]);
    applyPulledRows(second.context, rowsOf(first, 'payment_allocations', [allocations[0]!.id, allocations[2]!.id]));
    expect(await seen(second, deposit, invoices, buyer)).toEqual(await seen(first, deposit, invoices, buyer));
    for (const c of computers) c.close();
  });

  it('sends the customer only what each payment settles: no invoice line of nothing, no receipt applying more than was paid', async () => {
    const { computers, deposit, invoices, allocations } = await spentThreeTimes();
    const [first] = computers as [TestCore];
    applyPulledRows(first.context, allocations.slice(1).flatMap(({ from, id }) => rowsOf(from, 'payment_allocations', [id])));
    // The first invoice's payment line shows what the credit settled; the second's PDF has none.
    const settings = readSettings(first.context);
    const printed = async (index: number) => {
      const inv = await call(first, 'invoices.get', { id: invoices[index]!.id });
      return invoiceView(invoicePdfModel(inv, settings, inv.template, first.context.clock.now(), 'en')).payments.map((p) => [p.receipt, p.amount]);
    };
    expect(await printed(0)).toEqual([[deposit.number, 'KES 300.00']]);
    expect(await printed(1)).toEqual([]);
    // The receipt applies the 300.00 to the first invoice alone, as its email says (the SMS names no invoice).
    const payment = await call(first, 'payments.get', { id: deposit.id });
    expect(payment.allocations.map((a) => [a.invoiceNumber, a.amountMinor, a.settledMinor])).toEqual(invoices.map((inv, i) => [inv.number, 30_000, i === 0 ? 30_000 : 0]));
    const receipt = receiptView(receiptModel(first.context, payment));
    expect(receipt.applied.map((a) => [a.invoice, a.amount])).toEqual([[invoices[0]!.number, 'KES 300.00']]);
    expect(receipt.credit).toBeNull();
    const preview = await call(first, 'payments.receiptPreview', { id: deposit.id });
    // A thank-you, as one for a payment that sync brought would be, thanks for the first invoice alone.
    await call(first, 'settings.update', {
      email: { host: '127.0.0.1', port: 2525, security: 'none', user: '', fromName: 'Eldoret Feeds', fromAddress: 'billing@example.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 },
      reminders: { enabled: false, offsets: [7], channel: 'email', sendFromHour: 8, thankYouOnPayment: true, attachPdf: false },
    });
    queuePaymentThanks(first.context, payment);
    const thanks = first.context.sql.prepare("SELECT message FROM notifications WHERE type = 'payment_received' AND payment_id = ?").all(deposit.id) as { message: string }[];
    expect(thanks).toHaveLength(1);
    expect(preview.email.text).toContain(invoices[0]!.number!);
    expect(thanks[0]!.message).toContain(invoices[0]!.number!);
    for (const text of [preview.sms.text, preview.email.text, thanks[0]!.message]) {
      expect(text).not.toContain(invoices[1]!.number!);
      expect(text).not.toContain(invoices[2]!.number!);
    }
    for (const c of computers) c.close();
  });

  it('keeps what a pull found short in the books: a pull that stops halfway loses none, and a first download tells none', async () => {
    const { computers, dirs, buyer, deposit, invoices, allocations } = await spentThreeTimes();
    const [first, second] = computers as [TestCore, TestCore];
    // The first computer's allocation reaches the second, whose own is the later: short now.
    applyPulledRows(second.context, rowsOf(first, 'payment_allocations', [allocations[0]!.id]));
    // The pull stops there (the Cloud went away): Billbook closes and opens again before the next.
    second.close();
    const { core: reopened } = makeCore('2026-11-21T11:00:00.000Z', { dataDir: dirs[1]! });
    expect(await call(reopened, 'sync.problems', {})).toEqual([]);
    tellHeldShortfalls(reopened.context, true);
    const problems = await call(reopened, 'sync.problems', {});
    expect(problems.map((p) => [p.kind, p.entityId])).toEqual([['overapplied', invoices[1]!.id]]);
    // Told once: the next whole pull has nothing held.
    tellHeldShortfalls(reopened.context, true);
    expect(await call(reopened, 'sync.problems', {})).toHaveLength(1);
    // On a first download the same news is held and forgotten, not told.
    const third = computers[2]!;
    applyPulledRows(third.context, rowsOf(first, 'payment_allocations', [allocations[0]!.id]));
    tellHeldShortfalls(third.context, false);
    expect(await call(third, 'sync.problems', {})).toEqual([]);
    expect(await seen(third, deposit, invoices, buyer)).toMatchObject({ allocated: [30_000, 0] });
    for (const c of [first, reopened, third]) c.close();
  });

  it('says nothing of a plain reversal whose payment and allocation come a page apart', async () => {
    const { core: source } = makeCore();
    const buyer = await customer(source, { name: 'Thika Timber' });
    const inv = await invoice(source, buyer.id, { issueDate: '2026-11-20', lines: [line('Planks', 1, 100_000, null)] });
    const paid = await call(source, 'payments.record', { customerId: buyer.id, amountMinor: 40_000, paidOn: '2026-11-20', method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: 40_000 }] });
    const { core } = makeCore();
    const allocation = allocationIds(source);
    for (const page of [rowsOf(source, 'customers', [buyer.id]), rowsOf(source, 'invoices', [inv.id]), rowsOf(source, 'payments', [paid.id]), rowsOf(source, 'payment_allocations', allocation)]) {
      applyPulledRows(core.context, page);
    }
    await call(source, 'payments.reverse', { id: paid.id, reason: 'The cheque bounced' });
    // The reversed payment first, its reversed allocation on the next page: short for a moment.
    const shortfalls = [rowsOf(source, 'payments', [paid.id]), rowsOf(source, 'payment_allocations', allocation)].flatMap((page) => applyPulledRows(core.context, page).shortfalls);
    expect(shortfalls.map((s) => s.allocationId)).toEqual(allocation);
    tellOverapplied(core.context, shortfalls);
    expect(await call(core, 'sync.problems', {})).toEqual([]);
    expect(await call(core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor])).toEqual(['open', 100_000]);
    core.close();
    source.close();
  });
});
