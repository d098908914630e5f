// The intelligence half of the bench: the payment model, its backtest, collection, cash flow,
// anomalies and the revenue forecast, on the seeded book it is given.
import type { Core } from '../../electron/core/app';
import { forgetFit } from '../../electron/core/analytics/intelligence/service';
import { businessDate } from '../../electron/core/clock';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { formatMoney, type CurrencyCode } from '../../shared/money';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { coldLatency, latency, record, section } from './measure';

/**
 * `measure`'s result with the garbage collections that ran during it, by kind: a p95 of a few
 * calls is one collection more or less, so the line says how many there were.
 */
async function withCollections(measure: () => Promise<string>): Promise<string> {
  const seen = { minor: 0, major: 0, incremental: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) seen.minor++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) seen.major++;
      else if (kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) seen.incremental++;
      seen.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const result = await measure();
  // The entries arrive after the collection: let them in before reading.
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  return `${result} (collections in its runs, warm-up included: ${seen.minor} minor, ${seen.major} major, ${seen.incremental} incremental marking; ${seen.ms.toFixed(0)} ms)`;
}

export async function benchIntelligence(core: Core): Promise<void> {
  section('Intelligence');
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  };
  // The first call after the books are opened: nothing kept yet, the whole book is read and fitted.
  const cold = <C extends Channel>(channel: C, input: ChannelInput<C>) => () => {
    forgetFit(core.context);
    return call(channel, input);
  };
  // A real write before each timed call, alternately a payment in full of an overdue invoice and a
  // new invoice finalized: what the screens pay after a person records one (only the customers it
  // touched are computed again). The bench's clock stays on its day, so payments are dated today.
  const sql = core.context.sql;
  const today = businessDate(core.context.clock.now());
  const customers = sql.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY seq LIMIT 200').pluck().all() as string[];
  let writes = 0;
  const write = async () => {
    const i = writes++;
    if (i % 2 === 0) {
      const owed = sql.prepare(`SELECT id, customer_id, balance_minor FROM invoices WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL
        AND balance_minor > 0 AND due_date < ? ORDER BY due_date, seq LIMIT 1`).get(today) as { id: string; customer_id: string; balance_minor: number } | undefined;
      if (owed) {
        await call('payments.record', { customerId: owed.customer_id, amountMinor: owed.balance_minor, paidOn: today, method: 'bank', allocations: [{ invoiceId: owed.id, amountMinor: owed.balance_minor }] });
        return;
      }
    }
    const lines = [{ description: 'Bench supplies', quantityMilli: 1000, unit: 'pieces', unitPriceMinor: 250_000 * (1 + (i % 9)), taxRateBp: 1600 }];
    const draft = await call('drafts.create', { draft: { customerId: customers[i % customers.length]!, issueDate: today, lines } });
    await call('invoices.finalize', { id: draft.id, version: draft.draft.version });
  };

  const first = await call('intelligence.predictions', { limit: 100 });
  const m = first.model;
  record('payment model', `${m.paidInvoices.toLocaleString('en')} paid invoices over ${m.customersWithHistory.toLocaleString('en')} customers, k = ${m.shrinkageK} (${m.shrinkageSource}), book median ${m.bookMedianDaysLate} days late, on time ${Math.round((m.bookOnTimeRate ?? 0) * 100)}%, amount effect ${m.amountEffectDaysPerDoubling ?? 'none'}`);
  record(`predictions, all ${first.total.toLocaleString('en')} open invoices, first call after opening (fit included, first page)`, await latency(cold('intelligence.predictions', { limit: 100 }), 20));
  record('predictions, after a write (payment or invoice), first page', await coldLatency(write, () => call('intelligence.predictions', { limit: 100 }), 20));
  record('predictions, fit kept (next page)', await latency(() => call('intelligence.predictions', { offset: 100, limit: 100 }), 50));
  const someone = first.rows[0]?.customerId;
  if (someone) record("predictions, one customer's, fit included", await latency(cold('intelligence.predictions', { customerId: someone }), 20));
  if (first.rows[0]) record('one invoice', await latency(() => call('intelligence.prediction', { invoiceId: first.rows[0]!.invoiceId }), 50));

  const backtest = await call('intelligence.backtest', {});
  record('backtest', await latency(cold('intelligence.backtest', {}), 10));
  record('backtest: set-up', `cutoff ${backtest.cutoff}, ${backtest.trainInvoices.toLocaleString('en')} paid before it, ${backtest.testInvoices.toLocaleString('en')} tested (issued to ${backtest.testTo}), ${backtest.unresolvedInvoices} unresolved`);
  record('backtest: MAE model vs "paid on the due date"', `${backtest.modelMaeDays} vs ${backtest.baselineMaeDays} days (${backtest.improvementPct}% better; bias ${backtest.modelBiasDays}); beats baseline: ${backtest.beatsBaseline}`);
  record('backtest: Brier model vs constant rate', `${backtest.brierScore} vs ${backtest.baselineBrierScore}`);
  record('backtest: calibration (predicted → observed, n)', backtest.calibration.filter((b) => b.invoices > 0).map((b) => `${b.meanPredicted}→${b.observedOnTimeRate} (${b.invoices})`).join(', '));

  const collection = await call('intelligence.collection', {});
  record('collection strategy, after a write (payment or invoice)', await coldLatency(write, () => call('intelligence.collection', {}), 20));
  record('collection strategy, first call after opening (fit included)', await withCollections(() => latency(cold('intelligence.collection', {}), 10)));
  record('collection: overdue customers by tone', Object.entries(collection.byTone).map(([t, n]) => `${t} ${n}`).join(', '));

  const cash = await call('intelligence.cashflow', {});
  record('cash flow, 12 weeks, 1,000 runs, after a write (payment or invoice)', await coldLatency(write, () => call('intelligence.cashflow', {}), 20));
  record('cash flow, 12 weeks, 1,000 runs, first call after opening (fit included)', await latency(cold('intelligence.cashflow', {}), 20));
  for (const c of cash.currencies) {
    const money = (minor: number) => formatMoney(minor, c.currency as CurrencyCode);
    record(`cash flow ${c.currency}`, `open ${money(c.openBalanceMinor)}; 12 weeks expected ${money(c.expectedInHorizonMinor)} (${money(c.horizonLowMinor)}–${money(c.horizonHighMinor)}); later ${money(c.expectedLaterMinor)}; no basis ${money(c.noBasisMinor)}`);
  }

  const report = await call('intelligence.anomalies', {});
  record('anomalies, last 365 days, after a write (payment or invoice)', await coldLatency(write, () => call('intelligence.anomalies', {}), 20));
  record('anomalies, last 365 days, first call after opening (nothing kept)', await withCollections(() => latency(cold('intelligence.anomalies', {}), 10)));
  record('anomalies found', Object.entries(report.counts).map(([k, n]) => `${k} ${n}`).join(', '));

  const revenue = await call('intelligence.revenueForecast', {});
  record('revenue forecast, 3 months', await latency(() => call('intelligence.revenueForecast', {}), 10));
  for (const c of revenue.currencies) {
    record(`revenue ${c.currency}`, `${c.model} over ${c.historyMonths} months; one-step MAPE ${c.fit.mapePct}%, holdout MAPE ${c.holdoutMapePct}%; next: ${c.forecast.map((f) => `${f.month} ${formatMoney(f.expectedMinor, c.currency as CurrencyCode)}`).join(', ')}`);
  }
}
