// Turns the payment model's distribution for one open invoice into what a person reads: a date, a
// window, the chances, and the reasons. Pure.
import type { InvoicePrediction, PaymentModelSummary } from '../../../../shared/domain/intelligence';
import { predictDelay, type DelayPrediction, type PaymentModel } from './paymentModel';
import { dateOf, lateness, percent, plural, round } from './stats';

/** An open invoice as the model reads it: the prediction's own facts, plus its due date as a day number. */
export type OpenInvoice = Pick<
  InvoicePrediction,
  'invoiceId' | 'invoiceNumber' | 'customerId' | 'customerName' | 'currency' | 'issueDate' | 'dueDate' | 'totalMinor' | 'balanceMinor'
> & { dueDay: number };

function ratioText(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${round(ratio, 1)}×`;
}

/** The reasons a prediction rests on, in the order a person asks: who, how much, when. */
export function predictionReasons(model: PaymentModel, delay: DelayPrediction, daysOverdue: number, onTime: number | null): string[] {
  const reasons: string[] = [];
  const book = model.bookMedian !== null ? `where invoices are paid a median ${lateness(model.bookMedian)}` : '';
  if (model.paidInvoices === 0) {
    reasons.push('No invoice in the books has been paid yet: no basis for a prediction');
    return reasons;
  }
  if (delay.n === 0) {
    reasons.push(`No paid invoices from this customer yet: going by the whole book, ${book}`);
  } else {
    const c = delay.customer!;
    const typical = Math.abs(c.median - c.mean) >= 3 ? ` (median ${lateness(c.median)})` : '';
    const lately = Math.abs(c.weightedMean - c.mean) >= 3 ? `; lately ${lateness(c.weightedMean)}, and recent invoices count more` : '';
    reasons.push(`Pays ${lateness(c.mean)} on average over ${plural(delay.n, 'invoice')}${typical}${lately}`);
    if (delay.basis === 'book') reasons.push(`Little history: leaning on the whole book (${percent(1 - delay.weight)} weight), ${book}`);
    else if (delay.basis === 'blended') reasons.push(`Some history: ${percent(delay.weight)} their own record, ${percent(1 - delay.weight)} the whole book's, ${book}`);
  }
  if (delay.amountRatio !== null && (delay.amountRatio >= 2 || delay.amountRatio <= 0.5)) {
    const effect = delay.adjustment !== 0
      ? `: across the book, invoices ${delay.adjustment > 0 ? 'above' : 'below'} a customer's usual amount are paid later, ${delay.adjustment > 0 ? '+' : ''}${plural(delay.adjustment, 'day')}`
      : '';
    reasons.push(`Amount ${ratioText(delay.amountRatio)} this customer's usual${effect}`);
  } else if (delay.adjustment !== 0) {
    reasons.push(`Amount ${ratioText(delay.amountRatio!)} this customer's usual: ${delay.adjustment > 0 ? '+' : ''}${plural(delay.adjustment, 'day')} for the amount`);
  }
  if (daysOverdue > 0) {
    reasons.push(delay.hasBasis
      ? `Already ${plural(daysOverdue, 'day')} overdue: predicted from payments that came at least this late`
      : `Already ${plural(daysOverdue, 'day')} overdue, later than any payment in the books: no basis for a date`);
  } else if (onTime !== null) {
    reasons.push(`${daysOverdue === 0 ? 'Due today' : `Due in ${plural(-daysOverdue, 'day')}`}: ${percent(onTime)} chance of payment by then`);
  }
  return reasons;
}

/** The day (a day number) `days` late after `dueDay` falls on, never before today: the dates a prediction shows. */
const dayAfterDue = (todayDay: number, dueDay: number, days: number): number => Math.max(todayDay, dueDay + Math.round(days));

/**
 * predictInvoice's expected payment date as a day number (null without basis), and nothing else:
 * collection asks it of every overdue invoice, and the reasons and window would be thrown away.
 */
export function expectedPaymentDay(model: PaymentModel, customerId: string, totalMinor: number, dueDay: number, todayDay: number): number | null {
  const delay = predictDelay(model, customerId, totalMinor, todayDay - dueDay);
  return delay.hasBasis ? dayAfterDue(todayDay, dueDay, delay.quantile(0.5)) : null;
}

/** One open invoice's prediction as of `todayDay`. */
export function predictInvoice(model: PaymentModel, invoice: OpenInvoice, todayDay: number): { prediction: InvoicePrediction; delay: DelayPrediction } {
  const daysOverdue = todayDay - invoice.dueDay;
  const delay = predictDelay(model, invoice.customerId, invoice.totalMinor, daysOverdue);
  const has = delay.hasBasis;
  const median = has ? delay.quantile(0.5) : null;
  const onTime = has ? (daysOverdue > 0 ? 0 : delay.cdf(0)) : null;
  const dateAt = (days: number) => dateOf(dayAfterDue(todayDay, invoice.dueDay, days));
  const prediction: InvoicePrediction = {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    customerId: invoice.customerId,
    customerName: invoice.customerName,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    totalMinor: invoice.totalMinor,
    balanceMinor: invoice.balanceMinor,
    daysOverdue,
    expectedDaysLate: median === null ? null : round(median, 1),
    expectedPaymentDate: median === null ? null : dateAt(median),
    paymentWindow: has ? { from: dateAt(delay.quantile(0.1)), to: dateAt(delay.quantile(0.9)) } : null,
    probabilityOnTime: onTime === null ? null : round(onTime, 3),
    probabilityWithin30Days: has ? round(delay.cdf(daysOverdue + 29), 3) : null,
    basis: delay.basis,
    customerWeight: round(delay.weight, 3),
    customerPaidInvoices: delay.n,
    customerMedianDaysLate: delay.customer ? delay.customer.median : null,
    amountRatio: delay.amountRatio === null ? null : round(delay.amountRatio, 2),
    amountAdjustmentDays: delay.adjustment,
    reasons: predictionReasons(model, delay, daysOverdue, onTime),
  };
  return { prediction, delay };
}

export function modelSummary(model: PaymentModel, asOf: string): PaymentModelSummary {
  const o = model.options;
  const notes = [
    `Days late = the day an invoice was paid in full minus its due date, over each customer's last ${o.historyWindow} paid invoices; invoices settled only by credit notes are left out.`,
    `Recent invoices count more: one ${o.recencyHalfLife} payments back counts half as much as the latest, so a customer who has started paying later is predicted later.`,
    `A customer with n paid invoices (n counted with those weights) is trusted with weight n/(n+k), the whole book with the rest; k = ${round(model.k, 2)} (${
      model.kSource === 'estimated'
        ? "the spread of one customer's delays over the spread between customers, estimated from the book"
        : 'a default: too few customers have paid twice to estimate it'
    }).`,
    `Delays beyond ${o.delayMin} and +${o.delayMax} days are counted at those limits.`,
    model.amountEffect === null
      ? "The books show no clear link between an invoice's amount and how late it is paid, so amounts do not move predictions."
      : `Across the book, each doubling of an invoice over the customer's usual amount adds ${round(model.amountEffect, 1)} days; predictions include it.`,
    "The predicted date is the middle of the predicted spread, given the invoice has not been paid by today; the window holds 8 in 10 outcomes.",
  ];
  return {
    asOf,
    paidInvoices: model.paidInvoices,
    customersWithHistory: model.customers.size,
    bookMedianDaysLate: model.bookMedian,
    bookMeanDaysLate: model.bookMean === null ? null : round(model.bookMean, 1),
    bookOnTimeRate: model.bookOnTimeRate === null ? null : round(model.bookOnTimeRate, 3),
    shrinkageK: round(model.k, 2),
    shrinkageSource: model.kSource,
    historyWindow: o.historyWindow,
    recencyHalfLifeInvoices: o.recencyHalfLife,
    amountEffectDaysPerDoubling: model.amountEffect === null ? null : round(model.amountEffect, 2),
    notes,
  };
}
