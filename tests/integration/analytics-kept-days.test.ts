// The dashboard keeps the figures of days it computed before (receivables at past month-ends, and
// what was billed, credited, collected and paid each day) until a write changes them. Whatever is written, here or by another process, the dashboard must then equal the
// one computed from scratch by a freshly opened backend on the same books.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { Dashboard, PeriodInput } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

// Local noon: the business day is the date written, whatever the machine's time zone.
const TODAY = '2026-11-21T12:00:00';
const PERIODS: PeriodInput[] = [
  { preset: 'thisYear' },
  { preset: 'last12Months' },
  { preset: 'lastMonth' },
  { preset: 'custom', from: '2025-03-01', to: '2026-11-21' },
];

async function dashboards(core: Core): Promise<Dashboard[]> {
  const out: Dashboard[] = [];
  for (const period of PERIODS) out.push(await call(core, 'analytics.dashboard', { period }));
  return out;
}

/** Month-end aging of KES, month by month, from the year-long board: what a write to the past moves. */
const agingOf = (boards: Dashboard[]) =>
  Object.fromEntries(boards[1]!.currencies[0]!.charts.agingByMonthEnd.map((s) => [s.month, s.buckets.map((b) => b.amountMinor)]));

const collectedIn = (boards: Dashboard[], month: string) =>
  boards[1]!.currencies[0]!.charts.revenueByMonth.find((m) => m.month === month)!.collectedMinor;

/**
 * Invoices every month from January 2025 to November 2026 for two customers, most paid a month
 * after issue, some part-paid, some never: a year and more of month-ends with something owed.
 */
async function book() {
  const { core, clock, dir } = makeCore('2025-01-01T12:00:00');
  const a = await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001' });
  const b = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002' });
  const invoices: { id: string; customerId: string; issueDate: string }[] = [];
  for (let m = 0; m < 23; m++) {
    const month = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const [k, c] of [a, b].entries()) {
      const issueDate = `${month}-${k === 0 ? '03' : '17'}`;
      clock.set(`${issueDate}T12:00:00`);
      const inv = await invoice(core, c.id, { issueDate, lines: [line('Work', 1, 10_000 * (m + 1) + k * 1_000, null)] });
      invoices.push({ id: inv.id, customerId: c.id, issueDate });
    }
  }
  // Payments on their own days, after every invoice is issued (the clock only moves forward).
  for (const [i, inv] of invoices.entries()) {
    if (i % 5 === 4 || inv.issueDate >= '2026-10-01') continue;
    const paidOn = addMonthDay(inv.issueDate);
    clock.set(`${paidOn}T12:00:00`);
    const part = i % 3 === 0;
    const total = (await call(core, 'invoices.get', { id: inv.id })).totals.totalMinor;
    await call(core, 'payments.record', {
      customerId: inv.customerId, amountMinor: part ? total / 2 : total, paidOn, method: 'cash',
      allocations: [{ invoiceId: inv.id, amountMinor: part ? total / 2 : total }],
    });
  }
  clock.set(TODAY);
  return { core, dir, a, b, invoices };
}

function addMonthDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-${String(d).padStart(2, '0')}`;
}

/**
 * Warms the kept days, makes the write, and returns the dashboards then, beside those a backend
 * opened afresh on the same books computes (it keeps nothing yet). The fresh backend is returned for
 * the next step.
 */
async function afterWrite(core: Core, dir: string, write: (core: Core) => Promise<unknown> | unknown) {
  const before = await dashboards(core);
  await write(core);
  const kept = await dashboards(core);
  core.close();
  const fresh = makeCore(TODAY, { dataDir: dir }).core;
  return { before, kept, fresh, expected: await dashboards(fresh) };
}

describe('figures of past days kept between dashboards', () => {
  it('follows a payment dated in a past month, a credit note, a reversal, a new invoice issued in the past and a void', async () => {
    const { core, dir, a, b, invoices } = await book();
    const unpaid = invoices.filter((_, i) => i % 5 === 4 && invoices[i]!.issueDate < '2026-10-01');

    // A payment recorded today but dated in June 2026, on an invoice unpaid since 2025.
    const old = unpaid[0]!;
    let step = await afterWrite(core, dir, (c) => call(c, 'payments.record', {
      customerId: old.customerId, amountMinor: 5_000, paidOn: '2026-06-15', method: 'bank', allocations: [{ invoiceId: old.id, amountMinor: 5_000 }],
    }));
    expect(agingOf(step.kept)['2026-06']).not.toEqual(agingOf(step.before)['2026-06']);
    expect(agingOf(step.kept)['2026-05']).toEqual(agingOf(step.before)['2026-05']);
    expect(step.kept).toEqual(step.expected);

    // A credit note dated in August.
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'invoices.creditNote', {
      invoiceId: unpaid[1]!.id, amountMinor: 3_000, reason: 'Returned goods', issueDate: '2026-08-10',
    }));
    expect(agingOf(step.kept)['2026-08']).not.toEqual(agingOf(step.before)['2026-08']);
    expect(step.kept).toEqual(step.expected);

    // The June payment reversed today, and an invoice issued in the past, finalized today.
    const payments = await call(step.fresh, 'payments.list', { customerId: old.customerId, limit: 100 });
    const june = payments.rows.find((p) => p.paidOn === '2026-06-15')!;
    step = await afterWrite(step.fresh, dir, async (c) => {
      await call(c, 'payments.reverse', { id: june.id, reason: 'Cheque bounced' });
      await invoice(c, b.id, { issueDate: '2026-04-20', lines: [line('Late paperwork', 1, 77_000, null)] });
    });
    expect(agingOf(step.kept)['2026-04']).not.toEqual(agingOf(step.before)['2026-04']);
    expect(step.kept).toEqual(step.expected);

    // Money received in May, kept on account (allocated to nothing): collected, owing nothing less.
    step = await afterWrite(step.fresh, dir, (c) => call(c, 'payments.record', {
      customerId: a.id, amountMinor: 9_000, paidOn: '2026-05-10', method: 'mpesa', reference: 'QKMAY00001', allocations: [],
    }));
    expect(collectedIn(step.kept, '2026-05')).toBe(collectedIn(step.before, '2026-05') + 9_000);
    expect(step.kept).toEqual(step.expected);

    // A void of an invoice issued in July, after a dashboard counted it.
    step = await afterWrite(step.fresh, dir, async (c) => {
      const unpaidJuly = await invoice(c, a.id, { issueDate: '2026-07-25', lines: [line('Mistake', 1, 55_000, null)] });
      await dashboards(c);
      await call(c, 'invoices.void', { id: unpaidJuly.id, reason: 'Issued twice' });
    });
    expect(step.kept).toEqual(step.expected);
  });

  it('follows rows changed on this connection without a service (as a sync pull writes them) and by another process', async () => {
    const { core, dir, invoices } = await book();
    const target = invoices.find((inv) => inv.issueDate === '2025-02-03')!;

    // The same connection: an allocation from 2025 written as reversed in July 2026, as applying a
    // reversal pulled from another computer writes it.
    let step = await afterWrite(core, dir, (c) => {
      c.context.sql.prepare("UPDATE payment_allocations SET reversed_at = '2026-07-01T09:00:00.000Z', reversed_on = '2026-07-01' WHERE invoice_id = ?").run(target.id);
      c.context.sql.prepare("UPDATE invoices SET status = 'open', paid_minor = 0, balance_minor = total_minor, paid_on = NULL WHERE id = ?").run(target.id);
      // The kept whole dashboards follow the outbox, which a row write alone does not move.
      return call(c, 'reports.save', { name: 'Any write', definition: { rows: 'invoices' } });
    });
    expect(agingOf(step.kept)['2026-07']).not.toEqual(agingOf(step.before)['2026-07']);
    expect(agingOf(step.kept)['2026-06']).toEqual(agingOf(step.before)['2026-06']);
    expect(step.kept).toEqual(step.expected);

    // Another process (a second window) dates an allocation earlier.
    step = await afterWrite(step.fresh, dir, (c) => {
      const other = new Database(c.dbFile);
      try {
        other.prepare("UPDATE payment_allocations SET allocated_on = '2025-03-01' WHERE allocated_on = (SELECT max(allocated_on) FROM payment_allocations WHERE allocated_on < '2026-09-01')").run();
      } finally {
        other.close();
      }
    });
    expect(agingOf(step.kept)).not.toEqual(agingOf(step.before));
    expect(step.kept).toEqual(step.expected);
  });
});
