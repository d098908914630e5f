// The intelligence channels on books with known payment behaviour, seeded through the real channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../electron/core/analytics/intelligence/repo';
import { customerCollection } from '../../electron/core/analytics/intelligence/service';
import { dayNumber } from '../../electron/core/analytics/intelligence/stats';
import { addDays } from '../../electron/core/clock';
import { COLLECTION_TONES, type CollectionTone, type InvoicePrediction } from '../../shared/domain/intelligence';
import { seedBook, type Book } from '../helpers/books';
import { call, refused } from '../helpers/core';

const TODAY = '2026-11-21';

describe('intelligence on a book with known habits', () => {
  let book: Book;
  beforeAll(async () => {
    book = await seedBook({
      today: TODAY,
      seed: 42,
      quietMonth: '2026-06',
      payers: [
        { name: 'Prompt Traders', lateDays: 0, noiseDays: 2, invoices: 28 },
        { name: 'Steady Ten Hardware', lateDays: 10, noiseDays: 3, invoices: 28 },
        { name: 'Slow Thirty Foods', lateDays: 30, noiseDays: 4, invoices: 28 },
        { name: 'Late Forty-Five Motors', lateDays: 45, noiseDays: 5, invoices: 24, noEmail: true },
        { name: 'Early Bird Pharmacy', lateDays: -5, noiseDays: 2, invoices: 24 },
        { name: 'New Kid Studios', lateDays: 20, noiseDays: 2, invoices: 3 },
        { name: 'Jumper Logistics', lateDays: 0, noiseDays: 2, invoices: 26, change: { from: 14, lateDays: 45 } },
        { name: 'Outlier Agencies', lateDays: 5, noiseDays: 3, invoices: 24, amountMinor: 50_000, outliers: { 22: 10 } },
        { name: 'Dollar Exports', lateDays: 35, noiseDays: 3, invoices: 24, currency: 'USD', amountMinor: 500_000 },
      ],
    });
  }, 60_000);
  afterAll(() => book.close());

  const customer = (name: string) => book.customers[name]!;
  async function predictionsFor(name: string): Promise<InvoicePrediction[]> {
    return (await call(book.core, 'intelligence.predictions', { customerId: customer(name).id, limit: 500 })).rows;
  }

  it('predicts a late payer late, with the reason, and a prompt payer on time', async () => {
    const slow = await predictionsFor('Slow Thirty Foods');
    const open = customer('Slow Thirty Foods').invoices.filter((i) => i.paidOn === null);
    expect(slow.map((p) => p.invoiceId).sort()).toEqual(open.map((i) => i.id).sort());
    const notYetLate = slow.filter((p) => p.daysOverdue <= 0);
    expect(notYetLate.length).toBeGreaterThan(0);
    for (const p of notYetLate) {
      expect(p.expectedDaysLate!).toBeGreaterThan(22);
      expect(p.expectedDaysLate!).toBeLessThan(38);
      expect(p.expectedPaymentDate).toBe(addDays(p.dueDate, Math.round(p.expectedDaysLate!)));
      expect(p.probabilityOnTime!).toBeLessThan(0.15);
      expect(p.basis).toBe('customer');
      const [why] = p.reasons;
      const days = Number(/^Pays (\d+) days late on average over (\d+) invoices/.exec(why!)?.[1]);
      expect(days).toBeGreaterThanOrEqual(27);
      expect(days).toBeLessThanOrEqual(33);
    }
    const prompt = (await predictionsFor('Prompt Traders')).filter((p) => p.daysOverdue <= 0);
    expect(prompt.length).toBeGreaterThan(0);
    for (const p of prompt) {
      expect(Math.abs(p.expectedDaysLate!)).toBeLessThan(4);
      expect(p.probabilityOnTime!).toBeGreaterThan(0.4);
    }
  });

  it('leans on the whole book for a customer with little history, and says so', async () => {
    const rows = await predictionsFor('New Kid Studios');
    expect(rows.length).toBeGreaterThan(0);
    for (const p of rows) {
      expect(p.customerPaidInvoices).toBeLessThanOrEqual(2);
      expect(p.customerWeight).toBeLessThan(0.75);
      expect(p.reasons.join(' | ')).toMatch(/Little history: leaning on the whole book|Some history: \d+% their own record|No paid invoices from this customer yet/);
    }
  });

  it('pages and filters predictions, and one invoice matches its row', async () => {
    const all = await call(book.core, 'intelligence.predictions', { limit: 500 });
    const open = Object.values(book.customers).flatMap((c) => c.invoices.filter((i) => i.paidOn === null));
    expect(all.total).toBe(open.length);
    expect(all.model.paidInvoices).toBeGreaterThan(150);
    expect(all.model.shrinkageK).toBeGreaterThanOrEqual(1);
    const dates = all.rows.map((r) => r.expectedPaymentDate).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort());
    const second = await call(book.core, 'intelligence.predictions', { offset: 5, limit: 5 });
    expect(second.rows.map((r) => r.invoiceId)).toEqual(all.rows.slice(5, 10).map((r) => r.invoiceId));
    const overdue = await call(book.core, 'intelligence.predictions', { overdueOnly: true, limit: 500 });
    expect(overdue.rows.every((r) => r.daysOverdue > 0 && r.probabilityOnTime === 0)).toBe(true);
    expect(overdue.total).toBe(open.filter((i) => i.dueDate < TODAY).length);
    const one = await call(book.core, 'intelligence.prediction', { invoiceId: all.rows[3]!.invoiceId });
    expect(one).toEqual(all.rows[3]);
    const paid = customer('Prompt Traders').invoices.find((i) => i.paidOn !== null)!;
    expect((await refused(book.core, 'intelligence.prediction', { invoiceId: paid.id })).message).toMatch(/is paid: there is nothing left to predict/);
  });

  it('beats "paid on the due date" in a time-held-out backtest, and reports its error and calibration', async () => {
    const result = await call(book.core, 'intelligence.backtest', {});
    expect(result.cutoff < result.testTo).toBe(true);
    expect(result.testInvoices).toBeGreaterThanOrEqual(30);
    expect(result.beatsBaseline).toBe(true);
    expect(result.modelMaeDays!).toBeLessThan(result.baselineMaeDays! / 2);
    expect(result.verdict).toContain(`off by ${result.modelMaeDays!.toFixed(1).replace(/\.0$/, '')} days`);
    expect(result.brierScore!).toBeLessThan(result.baselineBrierScore!);
    expect(result.calibration).toHaveLength(10);
    expect(result.calibration.reduce((a, b) => a + b.invoices, 0)).toBe(result.testInvoices);
    // An explicit cutoff is honoured, and one in the future refused.
    const early = await call(book.core, 'intelligence.backtest', { cutoff: '2026-03-01' });
    expect(early.cutoff).toBe('2026-03-01');
    expect((await refused(book.core, 'intelligence.backtest', { cutoff: '2027-01-01' })).code).toBe('invalid_input');
  });

  it('flags the planted outlier, the customer who started paying late, and the quiet month, and nothing else', async () => {
    const report = await call(book.core, 'intelligence.anomalies', {});
    const planted = customer('Outlier Agencies').invoices.find((i) => i.totalMinor > 300_000)!;
    const amounts = report.anomalies.filter((a) => a.kind === 'invoice_amount');
    expect(amounts.map((a) => a.invoiceId)).toEqual([planted.id]);
    expect(amounts[0]!.robustZ!).toBeGreaterThan(3.5);
    expect(amounts[0]!.reason).toContain(planted.number);
    const delays = report.anomalies.filter((a) => a.kind === 'payment_delay_jump');
    expect(delays.map((a) => a.customerId)).toEqual([customer('Jumper Logistics').id]);
    expect(delays[0]!.jumpDays).toBeGreaterThanOrEqual(delays[0]!.thresholdDays);
    const drops = report.anomalies.filter((a) => a.kind === 'billing_drop');
    expect(drops.map((a) => a.kind === 'billing_drop' && `${a.currency} ${a.month}`)).toEqual(['KES 2026-06', 'USD 2026-06']);
    expect(report.counts).toEqual({ invoice_amount: 1, payment_delay_jump: 1, billing_drop: 2 });
  });

  it('judges anomalies on lean reads that hold the same events and amounts as the whole settlement read, per customer too', () => {
    const sql = book.core.context.sql;
    const todayDay = dayNumber(TODAY);
    // What the rules were given before: settlement rows sorted by due day (stably), paid and overdue.
    const expected = new Map<string, [number, number][]>();
    for (const r of repo.settlementRows(sql)) {
      const late = r.paidDay !== null ? r.paidDay - r.dueDay : r.dueDay < todayDay ? todayDay - r.dueDay : null;
      if (late === null) continue;
      expected.set(r.customerId, [...(expected.get(r.customerId) ?? []), [r.dueDay, late]]);
    }
    for (const list of expected.values()) list.sort((x, y) => x[0] - y[0]);
    const histories = repo.delayHistories(sql, TODAY, todayDay);
    expect(histories.map((h) => h.customerId)).toEqual([...expected.keys()]);
    for (const h of histories) expect(h.dueDays.map((d, i) => [d, h.daysLate[i]])).toEqual(expected.get(h.customerId));
    const overdueOnly = histories.find((h) => h.daysLate.some((d, i) => d === todayDay - h.dueDays[i]! && d > 0));
    expect(overdueOnly).toBeDefined();
    const jumper = customer('Jumper Logistics').id;
    expect(repo.delayHistories(sql, TODAY, todayDay, jumper)).toEqual(histories.filter((h) => h.customerId === jumper));

    const amounts = sql.prepare(`SELECT seq AS key, customer_id AS customerId, currency, issue_date AS issueDate, total_minor AS totalMinor FROM invoices
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL ORDER BY issue_date, currency, customer_id, seq`).all() as { key: number; customerId: string; currency: string; issueDate: string; totalMinor: number }[];
    const groups = repo.amountGroups(sql);
    const records = (g: (typeof groups)[number]) => [...g.keys].map((key, i) => ({ key, customerId: g.customerId, currency: g.currency, issueDay: g.issueDays[i]!, totalMinor: g.totals[i]! }));
    // Groups in the order an issue-date scan first meets them; every finalized invoice once.
    expect(groups.map((g) => `${g.customerId}|${g.currency}`)).toEqual([...new Set(amounts.map((a) => `${a.customerId}|${a.currency}`))]);
    const byKey = (list: { key: number }[]) => [...list].sort((x, y) => x.key - y.key);
    expect(byKey(groups.flatMap(records))).toEqual(byKey(amounts.map(({ issueDate, ...a }) => ({ ...a, issueDay: dayNumber(issueDate) }))));
    // Each group oldest first, invoices of one day in key order, as the rules number them.
    for (const g of groups) expect(records(g)).toEqual([...records(g)].sort((x, y) => x.issueDay - y.issueDay || x.key - y.key));
    const dollars = customer('Dollar Exports').id;
    expect(repo.amountGroups(sql, dollars)).toEqual(groups.filter((g) => g.customerId === dollars));
  });

  it('never mixes currencies: the main currency first, each total its own', async () => {
    const all = (await call(book.core, 'intelligence.predictions', { limit: 500 })).rows;
    const owed = (currency: string) => all.filter((r) => r.currency === currency).reduce((a, r) => a + r.balanceMinor, 0);
    expect(all.filter((r) => r.customerId === customer('Dollar Exports').id).every((r) => r.currency === 'USD')).toBe(true);
    const cash = await call(book.core, 'intelligence.cashflow', {});
    expect(cash.currencies.map((c) => c.currency)).toEqual(['KES', 'USD']);
    for (const c of cash.currencies) {
      expect(c.openBalanceMinor).toBe(owed(c.currency));
      expect(c.weeks).toHaveLength(12);
      expect(c.weeks[0]!.from).toBe(TODAY);
      const accounted = c.expectedInHorizonMinor + c.expectedLaterMinor + c.noBasisMinor;
      expect(Math.abs(accounted - c.openBalanceMinor)).toBeLessThanOrEqual(1);
      expect(c.horizonLowMinor).toBeLessThanOrEqual(c.expectedInHorizonMinor);
      expect(c.horizonHighMinor).toBeGreaterThanOrEqual(c.expectedInHorizonMinor);
    }
    expect(cash.currencies.map((c) => c.currency)).toEqual(['KES', 'USD']);
    const revenue = await call(book.core, 'intelligence.revenueForecast', {});
    expect(revenue.currencies.map((c) => c.currency)).toEqual(['KES', 'USD']);
    const usdRevenue = revenue.currencies[1]!;
    // USD billing is one customer's ~5,000.00 a month: no KES in it.
    for (const m of usdRevenue.history.filter((h) => h.month !== '2026-06' && h.actualMinor > 0)) expect(m.actualMinor).toBeLessThan(1_300_000);
    for (const c of revenue.currencies) {
      expect(c.forecast.map((f) => f.month)).toEqual(['2026-11', '2026-12', '2027-01']);
      expect(c.fit.maeMinor).not.toBeNull();
      expect(c.reason.length).toBeGreaterThan(20);
      expect(c.historyMonths).toBeGreaterThan(12);
      expect(c.compared.map((m) => m.model)).toContain('holt_winters_additive');
    }
    // Collection rows are per customer and currency.
    const collection = await call(book.core, 'intelligence.collection', { limit: 500 });
    const dollar = collection.rows.find((r) => r.customerId === customer('Dollar Exports').id);
    expect(dollar?.currency).toBe('USD');
    expect(dollar!.overdueMinor).toBe(all.filter((r) => r.currency === 'USD' && r.daysOverdue > 0).reduce((a, r) => a + r.balanceMinor, 0));
  });

  it('chases harder as days overdue grow, by the channel the customer can be reached on', async () => {
    const id = customer('Late Forty-Five Motors').id;
    const rank = (tone: CollectionTone) => COLLECTION_TONES.indexOf(tone);
    const seen: { days: number; tone: CollectionTone; every: number; channel: string }[] = [];
    try {
      for (const ahead of [0, 30, 60, 100, 150]) {
        book.clock.set(`${addDays(TODAY, ahead)}T12:00:00.000Z`);
        const page = await call(book.core, 'intelligence.collection', { limit: 500 });
        const row = page.rows.find((r) => r.customerId === id)!;
        expect(row.reasons[0]).toMatch(/^Oldest invoice \d+ days overdue/);
        seen.push({ days: row.daysOverdue, tone: row.tone, every: row.contactEveryDays, channel: row.channel });
        expect(Object.values(page.byTone).reduce((a, n) => a + n, 0)).toBe(page.total);
      }
    } finally {
      book.clock.set(`${TODAY}T12:00:00.000Z`);
    }
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.days).toBeGreaterThan(seen[i - 1]!.days);
      expect(rank(seen[i]!.tone)).toBeGreaterThanOrEqual(rank(seen[i - 1]!.tone));
    }
    expect(seen[seen.length - 1]!.tone).toBe('escalate');
    expect(seen[seen.length - 1]!.channel).toBe('phone');
    expect(rank(seen[0]!.tone)).toBeLessThan(rank('escalate'));
    // No email on file: the gentler tones go by SMS.
    const gentler = seen.filter((s) => s.tone === 'gentle' || s.tone === 'standard');
    expect(gentler.length).toBeGreaterThan(0);
    expect(gentler.every((s) => s.channel === 'sms')).toBe(true);
  });

  it('gives the reminders feature the same plan for one customer', async () => {
    const id = customer('Late Forty-Five Motors').id;
    const page = await call(book.core, 'intelligence.collection', { limit: 500 });
    expect(customerCollection(book.core.context, id)).toEqual([page.rows.find((r) => r.customerId === id)]);
    expect(customerCollection(book.core.context, customer('Early Bird Pharmacy').id)).toEqual([]);
  });
});

describe('intelligence on clean books', () => {
  let book: Book;
  beforeAll(async () => {
    book = await seedBook({
      today: TODAY,
      seed: 7,
      mainCurrency: 'USD',
      payers: [
        { name: 'Alpha', lateDays: 3, noiseDays: 2, invoices: 20 },
        { name: 'Beta', lateDays: 12, noiseDays: 3, invoices: 20 },
        { name: 'Gamma', lateDays: 25, noiseDays: 3, invoices: 20, amountMinor: 400_000 },
        { name: 'Delta', lateDays: 0, noiseDays: 1, invoices: 20, currency: 'USD', amountMinor: 80_000 },
      ],
    });
  }, 60_000);
  afterAll(() => book.close());

  it('finds no anomalies', async () => {
    const report = await call(book.core, 'intelligence.anomalies', { since: '2025-01-01' });
    expect(report.counts).toEqual({ invoice_amount: 0, payment_delay_jump: 0, billing_drop: 0 });
    expect(report.anomalies).toEqual([]);
  });

  it('forecasts billing as the dashboard counts it: invoice totals less credit notes, per month', async () => {
    const alpha = book.customers['Alpha']!;
    const invoice = alpha.invoices.find((i) => i.issueDate.startsWith('2026-10'))!;
    const before = await call(book.core, 'intelligence.revenueForecast', {});
    const october = (r: typeof before) => r.currencies.find((c) => c.currency === 'KES')!.history.find((h) => h.month === '2026-10')!.actualMinor;
    const billed = Object.values(book.customers).filter((c) => c.currency === 'KES')
      .flatMap((c) => c.invoices).filter((i) => i.issueDate.startsWith('2026-10')).reduce((a, i) => a + i.totalMinor, 0);
    expect(october(before)).toBe(billed);
    await call(book.core, 'invoices.creditNote', { invoiceId: invoice.id, amountMinor: 10_000, reason: 'Returned goods', issueDate: '2026-10-31' });
    expect(october(await call(book.core, 'intelligence.revenueForecast', {}))).toBe(billed - 10_000);
  });

  it("puts the business's main currency first", async () => {
    const cash = await call(book.core, 'intelligence.cashflow', { weeks: 4 });
    expect(cash.currencies.map((c) => c.currency)).toEqual(['USD', 'KES']);
    expect(cash.currencies[0]!.weeks).toHaveLength(4);
    const revenue = await call(book.core, 'intelligence.revenueForecast', { months: 2 });
    expect(revenue.currencies.map((c) => c.currency)).toEqual(['USD', 'KES']);
  });
});
