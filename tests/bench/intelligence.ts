// The intelligence half of the bench: the payment model, its backtest, collection, cash flow,
// anomalies and the revenue forecast, on the seeded book it is given.
import type { Core } from '../../electron/core/app';
import { forgetFit } from '../../electron/core/analytics/intelligence/service';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { formatMoney, type CurrencyCode } from '../../shared/money';
import { latency, record, section } from './measure';

export async function benchIntelligence(core: Core): Promise<void> {
  section('Intelligence');
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  };
  const cold = <C extends Channel>(channel: C, input: ChannelInput<C>) => () => {
    forgetFit(core.context);
    return call(channel, input);
  };

  const first = await call('intelligence.predictions', { limit: 100 });
  const m = first.model;
  record('payment model', `${m.paidInvoices.toLocaleString('en')} paid invoices over ${m.customersWithHistory.toLocaleString('en')} customers, k = ${m.shrinkageK} (${m.shrinkageSource}), book median ${m.bookMedianDaysLate} days late, on time ${Math.round((m.bookOnTimeRate ?? 0) * 100)}%, amount effect ${m.amountEffectDaysPerDoubling ?? 'none'}`);
  record(`predictions, all ${first.total.toLocaleString('en')} open invoices, fit included (first page)`, await latency(cold('intelligence.predictions', { limit: 100 }), 20));
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
  record('collection strategy, fit included', await latency(cold('intelligence.collection', {}), 20));
  record('collection: overdue customers by tone', Object.entries(collection.byTone).map(([t, n]) => `${t} ${n}`).join(', '));

  const cash = await call('intelligence.cashflow', {});
  record('cash flow, 12 weeks, 1,000 runs, fit included', await latency(cold('intelligence.cashflow', {}), 20));
  for (const c of cash.currencies) {
    const money = (minor: number) => formatMoney(minor, c.currency as CurrencyCode);
    record(`cash flow ${c.currency}`, `open ${money(c.openBalanceMinor)}; 12 weeks expected ${money(c.expectedInHorizonMinor)} (${money(c.horizonLowMinor)}–${money(c.horizonHighMinor)}); later ${money(c.expectedLaterMinor)}; no basis ${money(c.noBasisMinor)}`);
  }

  const report = await call('intelligence.anomalies', {});
  record('anomalies, last 365 days, fit included', await latency(cold('intelligence.anomalies', {}), 10));
  record('anomalies found', Object.entries(report.counts).map(([k, n]) => `${k} ${n}`).join(', '));

  const revenue = await call('intelligence.revenueForecast', {});
  record('revenue forecast, 3 months', await latency(() => call('intelligence.revenueForecast', {}), 10));
  for (const c of revenue.currencies) {
    record(`revenue ${c.currency}`, `${c.model} over ${c.historyMonths} months; one-step MAPE ${c.fit.mapePct}%, holdout MAPE ${c.holdoutMapePct}%; next: ${c.forecast.map((f) => `${f.month} ${formatMoney(f.expectedMinor, c.currency as CurrencyCode)}`).join(', ')}`);
  }
}
