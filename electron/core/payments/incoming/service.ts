// The Unmatched inbox: money that came in (a Paybill payment the Cloud could not tie to an
// invoice, a statement line nobody accepted) waiting for a person. Assigning records it as a
// payment through the payments service (to one invoice, split over several, or kept as the
// customer's credit); dismissing says why. Each is one audited change that syncs.
import type { ChannelParsed } from '../../../../shared/contract';
import type { IncomingView } from '../../../../shared/channels/statementImport';
import { paymentInputSchema, MPESA_RECEIPT } from '../../../../shared/domain/payment';
import { AppError } from '../../../../shared/errors';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { recordActivity, recordMutation } from '../../audit/record';
import type { CoreContext } from '../../context';
import { announceInvoices } from '../../invoices/service';
import { announcePayment, writePayment } from '../service';
import { loadMatchBook, suggest } from '../statement/match';
import * as repo from './repo';

/** Nairobi's calendar date of an instant: the business date money received is on. */
const nairobiDate = (at: string) => new Date(new Date(at).getTime() + 3 * 3_600_000).toISOString().slice(0, 10);

const phoneParts = (phone: string) =>
  phone.includes('*') ? { payerPhone: '', maskedPhone: phone } : { payerPhone: /^\+?254[17]\d{8}$/.test(phone) ? `+${phone.replace(/^\+/, '')}` : '', maskedPhone: '' };

export function listUnmatched(ctx: CoreContext): { rows: IncomingView[] } {
  const rows = repo.unmatched(ctx.sql);
  if (rows.length === 0) return { rows: [] };
  const book = loadMatchBook(ctx.sql);
  return {
    rows: rows.map((r) => {
      const paidOn = nairobiDate(r.paid_at);
      return {
        id: r.id, source: r.source, receipt: r.receipt, amountMinor: r.amount_minor, currency: r.currency, payerPhone: r.payer_phone, payerName: r.payer_name,
        accountReference: r.account_reference, paidAt: r.paid_at, paidOn, note: r.note,
        suggestions: suggest(book, { amountMinor: r.amount_minor, currency: r.currency, paidOn, payerName: r.payer_name, accountReference: r.account_reference, ...phoneParts(r.payer_phone) }),
      };
    }),
  };
}

export const countUnmatched = (ctx: CoreContext) => ({ unmatched: repo.countUnmatched(ctx.sql) });

function waiting(ctx: CoreContext, id: string): repo.IncomingRow {
  const row = repo.getIncoming(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That payment is not in the Unmatched inbox any more.');
  if (row.status !== 'unmatched') {
    throw new AppError('conflict', `${row.receipt} was already ${row.status === 'dismissed' ? 'dismissed' : 'assigned'}${row.note ? ` (${row.note})` : ''}, perhaps on another computer.`);
  }
  return row;
}

export function assignIncoming(ctx: CoreContext, input: ChannelParsed<'payments.incoming.assign'>): { paymentId: string; paymentNumber: string } {
  const done = ctx.sql.transaction(() => {
    const row = waiting(ctx, input.id);
    const customer = ctx.sql.prepare('SELECT name, currency FROM customers WHERE id = ? AND deleted_at IS NULL').get(input.customerId) as { name: string; currency: string } | undefined;
    if (!customer) throw new AppError('not_found', 'That customer does not exist.', { customerId: 'Choose a customer' });
    if (customer.currency !== row.currency) {
      throw new AppError('invalid_input', `${customer.name} is billed in ${customer.currency}; this money came in ${row.currency}. Choose a customer billed in ${row.currency}.`);
    }
    const method = row.source === 'paystack' ? 'card' : MPESA_RECEIPT.test(row.receipt) ? 'mpesa' : 'other';
    const payer = [row.payer_name, row.payer_phone].filter(Boolean).join(', ');
    const payment = writePayment(ctx, paymentInputSchema.parse({
      customerId: input.customerId, amountMinor: row.amount_minor, paidOn: nairobiDate(row.paid_at), method, reference: row.receipt,
      notes: `Assigned from Unmatched payments${payer ? `: ${payer}` : ''}${row.account_reference ? `, account ${row.account_reference}` : ''}`,
      allocations: input.allocations,
    }));
    const at = ctx.clock.now().toISOString();
    const firstInvoice = input.allocations[0]?.invoiceId ?? null;
    repo.settleIncoming(ctx.sql, row.id, { status: 'assigned', payment_id: payment.id, customer_id: input.customerId, invoice_id: firstInvoice, note: '', at });
    const currency = row.currency as CurrencyCode;
    const summary = `${row.receipt} (${formatMoney(row.amount_minor, currency)}) assigned to ${customer.name}: ${payment.summary}`;
    recordMutation(ctx, {
      entity: 'payment', entityId: payment.id, mutation: 'payments.assignIncoming', action: 'assigned', summary,
      args: { incomingId: row.id, receipt: row.receipt, payment: payment.args },
    });
    recordActivity(ctx, 'customer', input.customerId, 'paid', payment.summary);
    return payment;
  });
  announcePayment(ctx, done.id, done.invoiceIds);
  return { paymentId: done.id, paymentNumber: done.number };
}

export function dismissIncoming(ctx: CoreContext, input: ChannelParsed<'payments.incoming.dismiss'>): { ok: true } {
  ctx.sql.transaction(() => {
    const row = waiting(ctx, input.id);
    repo.settleIncoming(ctx.sql, row.id, { status: 'dismissed', payment_id: null, customer_id: null, invoice_id: null, note: input.reason, at: ctx.clock.now().toISOString() });
    recordMutation(ctx, {
      entity: 'incoming_payment', entityId: row.id, mutation: 'payments.dismissIncoming', action: 'dismissed',
      summary: `${row.receipt} (${formatMoney(row.amount_minor, row.currency as CurrencyCode)}) from ${row.payer_name || row.payer_phone || 'an unknown payer'} dismissed: ${input.reason}`,
      args: { incomingId: row.id, receipt: row.receipt, reason: input.reason },
    });
  });
  announceInvoices(ctx, [], []);
  return { ok: true };
}
