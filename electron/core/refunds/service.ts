// Refunds: money paid back to a customer out of their credit, in part or in full, by M-Pesa, bank,
// cash or card. Numbered in a series of their own (REF-2026-0001, per device when the books sync),
// reversed with a reason but never deleted, and in the audit log, the statements and analytics.
//
// How a refund takes credit, so two computers cannot quietly refund more than there was: a refund
// takes from the customer's credit as a whole (what their payments left unapplied), and the credit
// everywhere is that less every refund not reversed (ledger/balances.ts), worked out again on each
// computer whenever rows arrive. Here, a refund is refused above the credit. Two computers refunding
// offline cannot see each other's refund; both refunds are facts (the money left the till), so the
// Cloud keeps both, and once they meet the customer's credit is zero and the excess shows as owed
// back ("Refunded more than the credit"), on the customer and on their statement, for a person to
// recover or write off. Refusing the second would hide money that really went out.
import { AppError } from '../../../shared/errors';
import type { ChannelParsed } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/domain/customer';
import type { Refund, RefundableCredit, RefundState } from '../../../shared/domain/refund';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { textDate } from '../../../shared/dates';
import { recordActivity, recordMutation } from '../audit/record';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import { newId } from '../ids';
import { announceInvoices, takeDocumentNumber, today } from '../invoices/service';
import { refreshCustomerBalance } from '../ledger/balances';
import * as repo from './repo';

function toRefund(row: repo.RefundRow): Refund {
  return {
    id: row.id, number: row.number, customerId: row.customer_id, customerName: row.customer_name, currency: row.currency as CurrencyCode,
    amountMinor: row.amount_minor, refundedOn: row.refunded_on, method: row.method as PaymentMethod, reference: row.reference, notes: row.notes,
    status: row.status as RefundState, reversedAt: row.reversed_at, reversedOn: row.reversed_on, reversalReason: row.reversal_reason, createdAt: row.created_at,
  };
}

export function getRefund(ctx: CoreContext, id: string): Refund {
  const row = repo.getRefundRow(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That refund does not exist.');
  return toRefund(row);
}

export function refundableCredit(ctx: CoreContext, customerId: string): RefundableCredit {
  const customer = getCustomerRow(ctx.sql, customerId);
  if (!customer) throw new AppError('not_found', 'That customer does not exist.', { customerId: 'Choose a customer' });
  const balance = repo.creditOf(ctx.sql, customerId);
  return { customerId, currency: customer.currency as CurrencyCode, creditMinor: balance.credit_minor, excessMinor: balance.refund_excess_minor };
}

export function recordRefund(ctx: CoreContext, input: ChannelParsed<'refunds.record'>): Refund {
  const id = ctx.sql.transaction(() => {
    const earlier = input.idempotencyKey ? repo.refundIdByKey(ctx.sql, input.idempotencyKey) : undefined;
    if (earlier) {
      const first = repo.getRefundRow(ctx.sql, earlier)!;
      if (first.customer_id !== input.customerId || first.amount_minor !== input.amountMinor) {
        throw new AppError('conflict', `This form already recorded ${first.number}. Close it and open Refund again for another refund.`);
      }
      return earlier;
    }
    const customer = getCustomerRow(ctx.sql, input.customerId);
    if (!customer) throw new AppError('not_found', 'That customer does not exist.', { customerId: 'Choose a customer' });
    const currency = customer.currency as CurrencyCode;
    if (input.refundedOn > today(ctx)) {
      throw new AppError('invalid_input', 'A refund cannot be dated in the future. Record it on the day the money goes back.', { refundedOn: 'In the future' });
    }
    const { credit_minor: credit } = repo.creditOf(ctx.sql, customer.id);
    if (credit === 0) {
      throw new AppError('conflict', `${customer.name} has no credit to refund. A refund pays back money they paid beyond what they owed.`, { amountMinor: 'No credit to refund' });
    }
    if (input.amountMinor > credit) {
      throw new AppError('invalid_input', `${customer.name} has ${formatMoney(credit, currency)} of credit; refund at most that.`, {
        amountMinor: `At most ${formatMoney(credit, currency)}`,
      });
    }
    const refundId = newId(ctx.clock);
    const now = ctx.clock.now().toISOString();
    const number = takeDocumentNumber(ctx, 'refund', input.refundedOn);
    repo.insertRefund(ctx.sql, {
      id: refundId, number, customer_id: customer.id, currency, amount_minor: input.amountMinor, refunded_on: input.refundedOn, method: input.method,
      reference: input.reference, notes: input.notes, status: 'completed', reversed_at: null, reversed_on: null, reversal_reason: null,
      idempotency_key: input.idempotencyKey ?? null, created_at: now, updated_at: now, deleted_at: null, version: 1,
    });
    refreshCustomerBalance(ctx.sql, customer.id);
    const left = credit - input.amountMinor;
    const summary = `Refund ${number}: ${formatMoney(input.amountMinor, currency)} by ${input.method}${input.reference ? ` (${input.reference})` : ''} on ${textDate(input.refundedOn)}, ${formatMoney(left, currency)} of credit left`;
    recordMutation(ctx, {
      entity: 'refund', entityId: refundId, mutation: 'refunds.record', action: 'refunded', summary,
      args: { id: refundId, number, customerId: customer.id, amountMinor: input.amountMinor, refundedOn: input.refundedOn, method: input.method, reference: input.reference },
    });
    recordActivity(ctx, 'customer', customer.id, 'refunded', summary);
    return refundId;
  });
  const refund = getRefund(ctx, id);
  announceInvoices(ctx, [], [refund.customerId]);
  return refund;
}

export function reverseRefund(ctx: CoreContext, input: ChannelParsed<'refunds.reverse'>): Refund {
  ctx.sql.transaction(() => {
    const row = repo.getRefundRow(ctx.sql, input.id);
    if (!row) throw new AppError('not_found', 'That refund does not exist.');
    if (row.status === 'reversed') throw new AppError('conflict', `${row.number} was already reversed on ${textDate(row.reversed_on ?? row.refunded_on)}.`);
    const now = ctx.clock.now().toISOString();
    repo.markReversed(ctx.sql, row.id, input.reason, now, businessDate(ctx.clock.now()));
    refreshCustomerBalance(ctx.sql, row.customer_id);
    const summary = `Refund ${row.number} of ${formatMoney(row.amount_minor, row.currency as CurrencyCode)} reversed: ${input.reason}. The money is the customer's credit again`;
    recordMutation(ctx, { entity: 'refund', entityId: row.id, mutation: 'refunds.reverse', action: 'refund reversed', summary, args: { id: row.id, reason: input.reason, at: now } });
    recordActivity(ctx, 'customer', row.customer_id, 'refund reversed', summary);
  });
  const refund = getRefund(ctx, input.id);
  announceInvoices(ctx, [], [refund.customerId]);
  return refund;
}

export function listRefunds(ctx: CoreContext, input: ChannelParsed<'refunds.list'>): { rows: Refund[]; total: number; offset: number } {
  const { rows, total } = repo.pageRefunds(ctx.sql, input.customerId, input.offset, input.limit);
  return { rows: rows.map(toRefund), total, offset: input.offset };
}
