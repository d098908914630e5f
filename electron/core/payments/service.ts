// Payments: recorded once, spread over invoices, kept as credit when they overpay, reversed (with
// a reason) but never deleted. Each write is one transaction with its audit and outbox rows.
import { AppError } from '../../../shared/errors';
import type { ChannelParsed, PaymentListPage } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/domain/customer';
import type { Payment, PaymentListRow, PaymentState } from '../../../shared/domain/payment';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { recordActivity, recordMutation } from '../audit/record';
import { cachedCount } from '../db/countCache';
import type { CoreContext } from '../context';
import { queuePaymentThanks } from '../send/thanks';
import { getCustomerRow, type CustomerRow } from '../customers/repo';
import { newId } from '../ids';
import { getInvoiceRow, unpaidInvoicesOf } from '../invoices/repo';
import { announceInvoices, takeDocumentNumber, today } from '../invoices/service';
import { refreshCustomerBalance } from '../ledger/balances';
import { shortInvoicesOfPayment, refreshAllocated, settleInvoices } from '../ledger/settlement';
import { checkChosen, oldestFirst, type PlannedAllocation } from './allocate';
import * as repo from './repo';
import { textDate } from '../../../shared/dates';

function customerFor(ctx: CoreContext, id: string): CustomerRow {
  const customer = getCustomerRow(ctx.sql, id);
  if (!customer) throw new AppError('not_found', 'That customer does not exist.', { customerId: 'Choose a customer' });
  return customer;
}

/** What a payment's full view and its list row share. */
function paymentSummary(row: Omit<repo.PaymentListDbRow, 'invoice_numbers'>): Omit<PaymentListRow, 'invoiceNumbers'> {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    amountMinor: row.amount_minor,
    currency: row.currency as CurrencyCode,
    paidOn: row.paid_on,
    method: row.method as PaymentMethod,
    reference: row.reference,
    unallocatedMinor: row.status === 'reversed' ? 0 : row.amount_minor - row.allocated_minor,
    status: row.status as PaymentState,
  };
}

function toPayment(row: repo.PaymentRow, allocations: repo.AllocationRow[]): Payment {
  return {
    ...paymentSummary(row),
    notes: row.notes,
    allocatedMinor: row.allocated_minor,
    reversedAt: row.reversed_at,
    reversalReason: row.reversal_reason,
    allocations: allocations.map((a) => ({
      invoiceId: a.invoice_id, invoiceNumber: a.invoice_number, amountMinor: a.amount_minor, settledMinor: a.reversed_at === null ? a.applied_minor : 0, allocatedOn: a.allocated_on,
      fromCredit: a.from_credit === 1, reversed: a.reversed_at !== null,
    })),
    createdAt: row.created_at,
  };
}

export function getPayment(ctx: CoreContext, id: string): Payment {
  const row = repo.getPaymentRow(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That payment does not exist.');
  return toPayment(row, repo.allocationsOf(ctx.sql, id));
}

function plan(ctx: CoreContext, customer: CustomerRow, amount: number, chosen: { invoiceId: string; amountMinor: number }[] | undefined): PlannedAllocation[] {
  if (!chosen) return oldestFirst(unpaidInvoicesOf(ctx.sql, customer.id), amount);
  return checkChosen(chosen, (id) => getInvoiceRow(ctx.sql, id), customer);
}

export function proposeAllocation(ctx: CoreContext, input: ChannelParsed<'payments.proposeAllocation'>) {
  const customer = customerFor(ctx, input.customerId);
  const allocations = oldestFirst(unpaidInvoicesOf(ctx.sql, customer.id), input.amountMinor);
  return { allocations, creditMinor: input.amountMinor - allocations.reduce((a, x) => a + x.amountMinor, 0) };
}

/**
 * Writes allocations and settles what they touch; the caller holds the transaction. Money received
 * before an invoice existed (a deposit) counts as paid on the invoice's issue date, never earlier.
 */
function allocate(ctx: CoreContext, paymentId: string, planned: PlannedAllocation[], on: string, fromCredit: boolean): void {
  const now = ctx.clock.now().toISOString();
  const made = planned.filter((a) => a.amountMinor > 0);
  // Ids in the order the money goes: allocations made in one millisecond settle in id order
  // (ledger/settlement.ts), so each then settles once, after the one before it.
  const ids = made.map(() => newId(ctx.clock)).sort();
  made.forEach((a, i) => repo.insertAllocation(ctx.sql, {
    id: ids[i]!, payment_id: paymentId, invoice_id: a.invoiceId, amount_minor: a.amountMinor, allocated_on: on < a.issueDate ? a.issueDate : on,
    from_credit: fromCredit ? 1 : 0, created_at: now, reversed_at: null,
  }));
  settleInvoices(ctx.sql, made.map((a) => a.invoiceId), now);
  refreshAllocated(ctx.sql, paymentId, now);
}

export interface WrittenPayment {
  id: string;
  number: string;
  customerId: string;
  invoiceIds: string[];
  summary: string;
  /** What the outbox row says of it: the mutation's arguments. */
  args: Record<string, unknown>;
}

/**
 * Writes a payment, its allocations and the balances it changes. The caller holds the transaction
 * and records the mutation and the customer's activity line: one payment's own, or one for a batch
 * (a statement import) so the whole batch syncs as one change.
 */
export function writePayment(ctx: CoreContext, input: ChannelParsed<'payments.record'>): WrittenPayment {
  const customer = customerFor(ctx, input.customerId);
  const currency = customer.currency as CurrencyCode;
  if (input.paidOn > today(ctx)) {
    throw new AppError('invalid_input', 'A payment cannot be dated in the future. Record it on the day the money arrives.', { paidOn: 'In the future' });
  }
  if (input.method === 'mpesa') {
    const earlier = repo.findByMpesaCode(ctx.sql, input.reference);
    if (earlier) {
      throw new AppError('conflict', `M-Pesa code ${input.reference} was already recorded as ${earlier.number} on ${textDate(earlier.paid_on)} for ${earlier.customer_name}. Check the code on the SMS.`, {
        reference: 'Already recorded',
      });
    }
  }
  const planned = plan(ctx, customer, input.amountMinor, input.allocations);
  const paymentId = newId(ctx.clock);
  const now = ctx.clock.now().toISOString();
  const number = takeDocumentNumber(ctx, 'payment', input.paidOn);
  repo.insertPayment(ctx.sql, {
    id: paymentId, number, customer_id: customer.id, amount_minor: input.amountMinor, currency, paid_on: input.paidOn,
    method: input.method, reference: input.reference, notes: input.notes, idempotency_key: input.idempotencyKey ?? null,
    allocated_minor: 0, status: 'completed',
    reversed_at: null, reversal_reason: null, created_at: now, updated_at: now, deleted_at: null, version: 1,
  });
  allocate(ctx, paymentId, planned, input.paidOn, false);
  refreshCustomerBalance(ctx.sql, customer.id);
  const applied = planned.reduce((a, x) => a + x.amountMinor, 0);
  const credit = input.amountMinor - applied;
  const to = planned.length > 0 ? ` to ${planned.map((p) => p.invoiceNumber).join(', ')}` : '';
  const summary = `Payment ${number}: ${formatMoney(input.amountMinor, currency)} by ${input.method}${to}${credit > 0 ? `, ${formatMoney(credit, currency)} kept as credit` : ''}`;
  return {
    id: paymentId, number, customerId: customer.id, invoiceIds: planned.map((p) => p.invoiceId), summary,
    args: { id: paymentId, number, ...input, allocations: planned.map(({ invoiceId, amountMinor }) => ({ invoiceId, amountMinor })) },
  };
}

/** After the transaction: the invoices and customer it touched are announced, the thank-you queued. */
export function announcePayment(ctx: CoreContext, id: string, invoiceIds: string[]): Payment {
  const payment = getPayment(ctx, id);
  announceInvoices(ctx, invoiceIds, [payment.customerId]);
  try {
    queuePaymentThanks(ctx, payment);
  } catch (error) {
    // A thank-you that cannot be queued never undoes the payment; the person is told it did not go.
    ctx.events.emit('notify', { level: 'warning', message: `${payment.number} is recorded, but the thank-you could not be queued: ${(error as Error).message}` });
  }
  return payment;
}

export function recordPayment(ctx: CoreContext, input: ChannelParsed<'payments.record'>): Payment {
  const { id, invoiceIds } = ctx.sql.transaction(() => {
    const earlier = input.idempotencyKey ? repo.paymentIdByKey(ctx.sql, input.idempotencyKey) : undefined;
    if (earlier) {
      const first = repo.getPaymentRow(ctx.sql, earlier)!;
      if (first.customer_id !== input.customerId || first.amount_minor !== input.amountMinor) {
        throw new AppError('conflict', `This form already recorded ${first.number}. Close it and open Record payment again for another payment.`);
      }
      return { id: earlier, invoiceIds: [] as string[] };
    }
    const written = writePayment(ctx, input);
    recordMutation(ctx, { entity: 'payment', entityId: written.id, mutation: 'payments.record', action: 'recorded', summary: written.summary, args: written.args });
    recordActivity(ctx, 'customer', written.customerId, 'paid', written.summary);
    return written;
  });
  return announcePayment(ctx, id, invoiceIds);
}

export function reversePayment(ctx: CoreContext, input: ChannelParsed<'payments.reverse'>): Payment {
  const invoiceIds = ctx.sql.transaction(() => {
    const row = repo.getPaymentRow(ctx.sql, input.id);
    if (!row) throw new AppError('not_found', 'That payment does not exist.');
    if (row.status === 'reversed') throw new AppError('conflict', `${row.number} was already reversed on ${row.reversed_at?.slice(0, 10) ?? ''}.`);
    const now = ctx.clock.now().toISOString();
    const touched = repo.markReversed(ctx.sql, row.id, input.reason, now);
    settleInvoices(ctx.sql, touched, now);
    refreshCustomerBalance(ctx.sql, row.customer_id);
    const summary = `Payment ${row.number} of ${formatMoney(row.amount_minor, row.currency as CurrencyCode)} reversed: ${input.reason}`;
    recordMutation(ctx, { entity: 'payment', entityId: row.id, mutation: 'payments.reverse', action: 'reversed', summary, args: { id: row.id, reason: input.reason, at: now } });
    recordActivity(ctx, 'customer', row.customer_id, 'payment reversed', summary);
    return touched;
  });
  const payment = getPayment(ctx, input.id);
  announceInvoices(ctx, invoiceIds, [payment.customerId]);
  return payment;
}

/**
 * The payments whose credit is still the customer's: refunds take the oldest credit first (the order
 * credit is applied in), so what a refund paid back is never applied to an invoice as well.
 */
function creditLeftAfterRefunds<T extends { credit: number }>(ctx: CoreContext, customerId: string, sources: readonly T[]): T[] {
  const { refunded } = ctx.sql.prepare("SELECT coalesce(sum(amount_minor), 0) AS refunded FROM refunds WHERE customer_id = ? AND status = 'completed'").get(customerId) as { refunded: number };
  let left = refunded;
  const out: T[] = [];
  for (const source of sources) {
    const taken = Math.min(left, source.credit);
    left -= taken;
    if (source.credit - taken > 0) out.push({ ...source, credit: source.credit - taken });
  }
  return out;
}

export function applyCredit(ctx: CoreContext, input: ChannelParsed<'payments.applyCredit'>): { appliedMinor: number; creditLeftMinor: number } {
  const result = ctx.sql.transaction(() => {
    const customer = customerFor(ctx, input.customerId);
    const sources = creditLeftAfterRefunds(ctx, customer.id, repo.paymentsWithCredit(ctx.sql, customer.id));
    const available = sources.reduce((a, s) => a + s.credit, 0);
    if (available === 0) throw new AppError('conflict', `${customer.name} has no unused credit to apply.`);
    let targets = plan(ctx, customer, available, input.allocations);
    const wanted = targets.reduce((a, t) => a + t.amountMinor, 0);
    if (wanted > available) {
      throw new AppError('invalid_input', `${customer.name} has ${formatMoney(available, customer.currency as CurrencyCode)} of credit; apply at most that.`);
    }
    if (wanted === 0) throw new AppError('conflict', `${customer.name} has no unpaid invoices to apply credit to.`);
    const on = today(ctx);
    const executed: { paymentId: string; invoiceId: string; amountMinor: number }[] = [];
    // Oldest credit first: each source payment pays as far as it goes, then the next takes over.
    for (const source of sources) {
      let left = source.credit;
      const part: PlannedAllocation[] = [];
      const rest: PlannedAllocation[] = [];
      for (const t of targets) {
        const take = Math.min(left, t.amountMinor);
        if (take > 0) part.push({ ...t, amountMinor: take });
        if (t.amountMinor - take > 0) rest.push({ ...t, amountMinor: t.amountMinor - take });
        left -= take;
      }
      allocate(ctx, source.id, part, on, true);
      for (const p of part) executed.push({ paymentId: source.id, invoiceId: p.invoiceId, amountMinor: p.amountMinor });
      targets = rest;
      if (targets.length === 0) break;
    }
    refreshCustomerBalance(ctx.sql, customer.id);
    const summary = `Applied ${formatMoney(wanted, customer.currency as CurrencyCode)} of credit`;
    recordMutation(ctx, {
      entity: 'customer', entityId: customer.id, mutation: 'payments.applyCredit', action: 'credit applied', summary,
      args: { customerId: customer.id, allocations: executed, on },
    });
    return { appliedMinor: wanted, creditLeftMinor: available - wanted, customerId: customer.id, invoiceIds: [...new Set(executed.map((e) => e.invoiceId))] };
  });
  announceInvoices(ctx, result.invoiceIds, [result.customerId]);
  return { appliedMinor: result.appliedMinor, creditLeftMinor: result.creditLeftMinor };
}

export function unapplyPayment(ctx: CoreContext, input: ChannelParsed<'payments.unapply'>): Payment {
  const { customerId, invoiceIds } = ctx.sql.transaction(() => {
    const row = repo.getPaymentRow(ctx.sql, input.paymentId);
    if (!row) throw new AppError('not_found', 'That payment does not exist.');
    if (row.status === 'reversed') throw new AppError('conflict', `${row.number} was reversed; there is nothing left to take off.`);
    const invoice = getInvoiceRow(ctx.sql, input.invoiceId);
    const now = ctx.clock.now().toISOString();
    const { count, amount } = repo.undoAllocations(ctx.sql, row.id, input.invoiceId, now);
    if (!invoice || count === 0) throw new AppError('conflict', `${row.number} does not pay ${invoice?.number ?? 'that invoice'}.`);
    // The money it settled here may now settle the payment's other allocations (ledger/settlement.ts).
    const settled = settleInvoices(ctx.sql, [invoice.id, ...shortInvoicesOfPayment(ctx.sql, row.id)], now);
    refreshAllocated(ctx.sql, row.id, now);
    refreshCustomerBalance(ctx.sql, row.customer_id);
    const kept = row.allocated_minor - (repo.getPaymentRow(ctx.sql, row.id)?.allocated_minor ?? 0);
    const summary = `${unappliedWords(row.number, invoice.number ?? '', amount, kept, row.currency as CurrencyCode)}: ${input.reason}`;
    recordMutation(ctx, {
      entity: 'payment', entityId: row.id, mutation: 'payments.unapply', action: 'unapplied', summary,
      args: { paymentId: row.id, invoiceId: invoice.id, amountMinor: amount, reason: input.reason, at: now },
    });
    recordActivity(ctx, 'customer', row.customer_id, 'payment unapplied', summary);
    return { customerId: row.customer_id, invoiceIds: settled.invoices };
  });
  announceInvoices(ctx, invoiceIds, [customerId]);
  return getPayment(ctx, input.paymentId);
}

/** What taking a payment off an invoice did with its money: kept as credit, or settling the payment's other allocations. */
function unappliedWords(payment: string, invoice: string, amount: number, kept: number, currency: CurrencyCode): string {
  const money = (minor: number) => formatMoney(minor, currency);
  if (amount === 0) return `${payment} taken off ${invoice}, which it settled none of (its credit had gone to other invoices first)`;
  if (kept >= amount) return `${money(amount)} of ${payment} taken off ${invoice} and kept as credit`;
  const elsewhere = `${money(amount - kept)} now settles its other invoices`;
  return `${money(amount)} of ${payment} taken off ${invoice}: ${elsewhere}${kept > 0 ? `, ${money(kept)} kept as credit` : ''}`;
}

export function listPayments(ctx: CoreContext, input: ChannelParsed<'payments.list'>): PaymentListPage {
  const { offset, limit, ...query } = input;
  const rows = repo.pagePayments(ctx.sql, query, offset, limit).map((r) => ({
    ...paymentSummary(r),
    invoiceNumbers: r.invoice_numbers ? r.invoice_numbers.split(',') : [],
  }));
  const total = cachedCount(ctx.sql, 'payments', today(ctx), JSON.stringify(query), () => repo.countPayments(ctx.sql, query));
  return { rows, total, offset };
}
