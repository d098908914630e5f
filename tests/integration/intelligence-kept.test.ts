// The intelligence channels keep per-customer results between calls (amount judgements, delay
// events, the payment model's parts, billing by month) until a write touches that customer or
// month. Whatever is written, through a service, as a row on this connection (as a sync pull
// writes them) or by another process, the answers must then equal those of a freshly opened backend.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

// Noon local time (no zone): the business day is the date written, whatever the machine's zone.
const TODAY = '2026-11-21T12:00:00';

async function answers(core: Core) {
  return {
    anomalies: await call(core, 'intelligence.anomalies', {}),
    collection: await call(core, 'intelligence.collection', {}),
    predictions: await call(core, 'intelligence.predictions', { limit: 500 }),
    cashflow: await call(core, 'intelligence.cashflow', {}),
    revenue: await call(core, 'intelligence.revenueForecast', {}),
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Three customers invoiced every month from January 2025 to November 2026 at steady amounts:
 * Amani pays on the due date, Baraka pays late and much later from June 2026 (a delay jump), Chui
 * pays on the due date until March 2026 and then not at all (overdue money to collect, and late
 * more often recently: what his collection plan reads from his delay events).
 */
async function book() {
  const { core, clock, dir } = makeCore('2025-01-01T12:00:00');
  const people = [
    await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001' }),
    await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002' }),
    await customer(core, { name: 'Chui Hardware', email: 'c@chui.co.ke', phone: '0722 000003' }),
  ];
  const invoices: { id: string; customerId: string; issueDate: string; dueDate: string; totalMinor: number; who: number }[] = [];
  for (let m = 0; m < 23; m++) {
    const month = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const [who, c] of people.entries()) {
      const issueDate = `${month}-${String(3 + who * 7).padStart(2, '0')}`;
      clock.set(`${issueDate}T12:00:00`);
      const totalMinor = 50_000 + who * 20_000 + (m % 4) * 1_000;
      const inv = await invoice(core, c.id, { issueDate, lines: [line('Monthly supplies', 1, totalMinor, null)] });
      invoices.push({ id: inv.id, customerId: c.id, issueDate, dueDate: inv.dueDate!, totalMinor, who });
    }
  }
  const payments = invoices.flatMap((inv) => {
    const late = inv.who === 0 ? 0 : inv.who === 1 ? (inv.issueDate >= '2026-06-01' ? 45 : 3) : inv.issueDate < '2026-04-01' ? 0 : null;
    const paidOn = late === null ? null : addDays(inv.dueDate, late);
    return paidOn !== null && paidOn <= '2026-11-20' ? [{ inv, paidOn }] : [];
  }).sort((x, y) => x.paidOn.localeCompare(y.paidOn));
  for (const { inv, paidOn } of payments) {
    clock.set(`${paidOn}T12:00:00`);
    await call(core, 'payments.record', {
      customerId: inv.customerId, amountMinor: inv.totalMinor, paidOn, method: 'bank', allocations: [{ invoiceId: inv.id, amountMinor: inv.totalMinor }],
    });
  }
  clock.set(TODAY);
  return { core, clock, dir, people, invoices, paid: new Set(payments.map((p) => p.inv.id)) };
}

/**
 * Warms what is kept, makes the write, and returns the answers then, beside those a backend opened
 * afresh on the same books gives (it keeps nothing yet). The fresh backend is returned for the next step.
 */
async function afterWrite(core: Core, dir: string, write: (core: Core) => Promise<unknown> | unknown) {
  const before = await answers(core);
  await write(core);
  const kept = await answers(core);
  core.close();
  const fresh = makeCore(TODAY, { dataDir: dir }).core;
  return { before, kept, fresh, expected: await answers(fresh) };
}

describe('intelligence kept between calls', () => {
  it('follows an invoice finalized, a payment, a credit note, a void and a reversal', async () => {
    const { core, dir, people, invoices, paid } = await book();
    const [amani, baraka, chui] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];

    // Sanity: the book shows what the steps below change.
    const first = await answers(core);
    const jumpers = (a: typeof first.anomalies) => a.anomalies.filter((x) => x.kind === 'payment_delay_jump').map((x) => x.customerId);
    expect(jumpers(first.anomalies)).toContain(baraka.id);
    expect(first.collection.rows.map((r) => r.customerId)).toContain(chui.id);

    // An invoice ten times Amani's usual amount, finalized today: a new amount anomaly.
    let step = await afterWrite(core, dir, (c) => invoice(c, amani.id, { issueDate: '2026-11-21', lines: [line('Fit-out', 1, 600_000, null)] }));
    expect(step.kept.anomalies.counts.invoice_amount).toBe(step.before.anomalies.counts.invoice_amount + 1);
    expect(step.kept).toEqual(step.expected);

    // Chui pays his oldest overdue invoice today: his collection plan and the model move.
    const chuiOverdue = invoices.filter((i) => i.customerId === chui.id && !paid.has(i.id));
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'payments.record', {
      customerId: chui.id, amountMinor: chuiOverdue[0]!.totalMinor, paidOn: '2026-11-21', method: 'mpesa', reference: 'QKCHUI0001',
      allocations: [{ invoiceId: chuiOverdue[0]!.id, amountMinor: chuiOverdue[0]!.totalMinor }],
    }));
    expect(step.kept.collection).not.toEqual(step.before.collection);
    expect(step.kept).toEqual(step.expected);

    // A credit note dated in August on one of Chui's overdue invoices: billing by month moves.
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'invoices.creditNote', {
      invoiceId: chuiOverdue[2]!.id, amountMinor: 30_000, reason: 'Returned goods', issueDate: '2026-08-10',
    }));
    expect(step.kept.revenue).not.toEqual(step.before.revenue);
    expect(step.kept).toEqual(step.expected);

    // The big invoice voided: the anomaly goes.
    const big = step.kept.anomalies.anomalies.find((a) => a.kind === 'invoice_amount' && a.customerId === amani.id);
    if (big?.kind !== 'invoice_amount') throw new Error('the big invoice was not flagged');
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'invoices.void', { id: big.invoiceId, reason: 'Issued in error' }));
    expect(step.kept.anomalies.counts.invoice_amount).toBe(step.before.anomalies.counts.invoice_amount - 1);
    expect(step.kept).toEqual(step.expected);

    // Chui's payment reversed: overdue again.
    const payments = await call(step.fresh, 'payments.list', { customerId: chui.id, limit: 100 });
    const today = payments.rows.find((p) => p.paidOn === '2026-11-21')!;
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'payments.reverse', { id: today.id, reason: 'Reversed by M-Pesa' }));
    expect(step.kept.collection).not.toEqual(step.before.collection);
    expect(step.kept).toEqual(step.expected);

    // Baraka's recent invoices paid on time after all (a correction pulled from another computer,
    // written as rows, no outbox entry): the delay jump goes.
    step = await afterWrite(step.fresh, dir, (c) => {
      c.context.sql.prepare("UPDATE invoices SET paid_on = due_date WHERE customer_id = ? AND status = 'paid' AND issue_date >= '2026-06-01'").run(baraka.id);
    });
    expect(jumpers(step.before.anomalies)).toContain(baraka.id);
    expect(jumpers(step.kept.anomalies)).not.toContain(baraka.id);
    expect(step.kept).toEqual(step.expected);
  });

  it('follows another process writing the books', async () => {
    const { core, dir, people, invoices, paid } = await book();
    const chui = people[2]!;
    const overdue = invoices.filter((i) => i.customerId === chui.id && !paid.has(i.id));
    const step = await afterWrite(core, dir, (c) => {
      const other = new Database(c.dbFile);
      try {
        // By a second window: Chui's oldest overdue invoices marked paid last week, Baraka's late ones since June voided.
        other.prepare(`UPDATE invoices SET status = 'paid', paid_minor = total_minor, balance_minor = 0, paid_on = '2026-11-14'
          WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(overdue.slice(0, 3).map((i) => i.id)));
        other.prepare("UPDATE invoices SET status = 'void' WHERE customer_id = ? AND issue_date >= '2026-06-01'").run(people[1]!.id);
      } finally {
        other.close();
      }
    });
    expect(step.kept.collection).not.toEqual(step.before.collection);
    expect(step.kept.anomalies).not.toEqual(step.before.anomalies);
    expect(step.kept.revenue).not.toEqual(step.before.revenue);
    expect(step.kept).toEqual(step.expected);
  });

  it('follows the business day: unpaid invoices are a day more overdue', async () => {
    const { core, clock, dir } = await book();
    const before = await answers(core);
    clock.set('2026-12-15T12:00:00');
    const kept = await answers(core);
    core.close();
    const expected = await answers(makeCore('2026-12-15T12:00:00', { dataDir: dir }).core);
    expect(kept.collection).not.toEqual(before.collection);
    expect(kept).toEqual(expected);
  });

  it('follows a payment when only collection was asked for before (delays read for overdue customers alone)', async () => {
    const { core, dir, people, invoices, paid } = await book();
    const chui = people[2]!;
    const before = await call(core, 'intelligence.collection', {});
    const owed = invoices.filter((i) => i.customerId === chui.id && !paid.has(i.id))[0]!;
    await call(core, 'payments.record', {
      customerId: chui.id, amountMinor: owed.totalMinor, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: owed.id, amountMinor: owed.totalMinor }],
    });
    const kept = await call(core, 'intelligence.collection', {});
    core.close();
    const expected = await call(makeCore(TODAY, { dataDir: dir }).core, 'intelligence.collection', {});
    expect(kept).not.toEqual(before);
    expect(kept).toEqual(expected);
  });
});
