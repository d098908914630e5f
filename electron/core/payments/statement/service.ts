// Import statement: read the file, match each sum received, show it for review; then record what
// the person accepted as M-Pesa payments and leave the rest in the Unmatched inbox, in one
// transaction that syncs as one change. A receipt already in the books is never recorded twice.
import type { ChannelParsed } from '../../../../shared/contract';
import type { StatementImportResult, StatementLineView, StatementPreview } from '../../../../shared/channels/statementImport';
import { paymentInputSchema } from '../../../../shared/domain/payment';
import { AppError } from '../../../../shared/errors';
import { formatMoney } from '../../../../shared/money';
import { recordActivity, recordMutation } from '../../audit/record';
import type { CoreContext } from '../../context';
import { newId } from '../../ids';
import { announceInvoices } from '../../invoices/service';
import { insertIncoming, whereReceiptIs } from '../incoming/repo';
import { announcePayment, writePayment } from '../service';
import { ACCEPT_FROM, loadMatchBook, suggest, type MatchBook } from './match';
import { readStatement, type Statement, type StatementLine } from './read';

const CURRENCY = 'KES';

function bytesOf(base64: string, fileName: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('invalid_input', `“${fileName}” is empty. Download the statement again from the M-Pesa business portal and choose that file.`);
  return bytes;
}

const moneyOf = (line: StatementLine) => ({
  amountMinor: line.amountMinor, currency: CURRENCY, paidOn: line.paidOn, payerPhone: line.payerPhone, maskedPhone: line.maskedPhone,
  payerName: line.payerName, accountReference: line.accountReference,
});

/** Every line of a read statement, matched against the book. */
export function matchStatement(book: MatchBook, statement: Statement, recordedAs: (receipt: string) => string | null): StatementLineView[] {
  return statement.lines.map((line) => {
    const held = recordedAs(line.receipt);
    const suggestions = held ? [] : suggest(book, moneyOf(line));
    const top = suggestions[0];
    return {
      line: line.line, receipt: line.receipt, paidOn: line.paidOn, paidAt: line.paidAt, amountMinor: line.amountMinor, currency: CURRENCY,
      payerPhone: line.payerPhone || line.maskedPhone, payerName: line.payerName, accountReference: line.accountReference, details: line.details,
      state: held ? 'recorded' : 'new', recordedAs: held, suggestions,
      proposed: top && top.confidence >= ACCEPT_FROM ? 'record' : 'inbox',
    };
  });
}

export async function previewStatement(ctx: CoreContext, input: ChannelParsed<'payments.statement.preview'>): Promise<StatementPreview> {
  const statement = await readStatement(bytesOf(input.base64, input.fileName), input.fileName);
  const started = performance.now();
  const book = loadMatchBook(ctx.sql);
  const lines = matchStatement(book, statement, whereReceiptIs(ctx.sql));
  return {
    fileName: input.fileName, format: statement.format, lines, leftOut: statement.leftOut, problems: statement.problems,
    matchMs: Math.round(performance.now() - started),
  };
}

/** The allocations for money sent to one invoice: that invoice first, then the customer's oldest; the rest is credit. */
function allocationsFor(ctx: CoreContext, book: MatchBook, customerId: string, invoiceId: string | undefined, amount: number) {
  if (!invoiceId) return undefined;
  const owner = ctx.sql.prepare('SELECT customer_id FROM invoices WHERE id = ? AND deleted_at IS NULL').get(invoiceId) as { customer_id: string } | undefined;
  if (owner?.customer_id !== customerId) throw new AppError('invalid_input', `That invoice is not one of ${book.customers.get(customerId)?.name ?? 'this customer'}'s.`);
  const unpaid = book.unpaidByCustomer.get(customerId) ?? [];
  const target = unpaid.find((i) => i.id === invoiceId);
  const order = target ? [target, ...unpaid.filter((i) => i.id !== invoiceId)] : unpaid;
  const allocations: { invoiceId: string; amountMinor: number }[] = [];
  let left = amount;
  for (const invoice of order) {
    if (left === 0) break;
    const take = Math.min(left, invoice.balanceMinor);
    if (take <= 0) continue;
    allocations.push({ invoiceId: invoice.id, amountMinor: take });
    left -= take;
  }
  return allocations;
}

export async function commitStatement(ctx: CoreContext, input: ChannelParsed<'payments.statement.commit'>): Promise<StatementImportResult> {
  const statement = await readStatement(bytesOf(input.base64, input.fileName), input.fileName);
  const decisions = new Map(input.decisions.map((d) => [d.receipt.toUpperCase(), d]));
  const result = ctx.sql.transaction(() => {
    const recordedAs = whereReceiptIs(ctx.sql);
    const book = loadMatchBook(ctx.sql);
    const now = ctx.clock.now().toISOString();
    const written: { id: string; number: string; invoiceIds: string[]; args: unknown }[] = [];
    const unmatched: string[] = [];
    let skipped = 0;
    let recordedMinor = 0;
    for (const line of statement.lines) {
      if (recordedAs(line.receipt)) {
        skipped++;
        continue;
      }
      const decision = decisions.get(line.receipt);
      const incoming = {
        id: newId(ctx.clock), source: 'statement' as const, receipt: line.receipt, amount_minor: line.amountMinor, currency: CURRENCY,
        payer_phone: line.payerPhone || line.maskedPhone, payer_name: line.payerName, account_reference: line.accountReference, paid_at: line.paidAt,
        customer_id: null as string | null, invoice_id: null as string | null, payment_id: null as string | null, note: '', created_at: now, updated_at: now,
      };
      if (decision?.action === 'record') {
        if (!decision.customerId) throw new AppError('invalid_input', `Choose who paid ${line.receipt} (line ${line.line}), or leave it for the Unmatched inbox.`);
        const payer = [line.payerName, line.payerPhone || line.maskedPhone].filter(Boolean).join(', ');
        let payment;
        try {
          const args = paymentInputSchema.parse({
            customerId: decision.customerId, amountMinor: line.amountMinor, paidOn: line.paidOn, method: 'mpesa', reference: line.receipt,
            notes: `From the M-Pesa statement${payer ? `: ${payer}` : ''}${line.accountReference ? `, account ${line.accountReference}` : ''}`,
            allocations: allocationsFor(ctx, book, decision.customerId, decision.invoiceId, line.amountMinor),
          });
          payment = writePayment(ctx, args);
        } catch (error) {
          if (error instanceof AppError) throw new AppError(error.code, `${line.receipt} (line ${line.line}): ${error.message} Nothing was imported.`);
          throw error;
        }
        recordActivity(ctx, 'customer', payment.customerId, 'paid', payment.summary);
        insertIncoming(ctx.sql, { ...incoming, status: 'recorded', customer_id: payment.customerId, invoice_id: decision.invoiceId ?? null, payment_id: payment.id });
        // One change per receipt: if the Cloud already has this receipt (Daraja reported it while
        // this computer was offline), only this line is undone, not the whole statement.
        recordMutation(ctx, {
          entity: 'payment', entityId: payment.id, mutation: 'payments.importStatement', action: 'recorded',
          summary: `${payment.summary} (M-Pesa statement ${input.fileName})`,
          args: { fileName: input.fileName, receipt: line.receipt, payment: payment.args },
        });
        written.push({ id: payment.id, number: payment.number, invoiceIds: payment.invoiceIds, args: payment.args });
        recordedMinor += line.amountMinor;
        // The book moves as it is paid: the next line's allocations see what this one settled.
        const unpaid = book.unpaidByCustomer.get(payment.customerId) ?? [];
        for (const invoiceId of payment.invoiceIds) {
          const row = ctx.sql.prepare('SELECT balance_minor, status FROM invoices WHERE id = ?').get(invoiceId) as { balance_minor: number; status: string };
          const held = unpaid.find((i) => i.id === invoiceId);
          if (held) Object.assign(held, { balanceMinor: row.balance_minor, status: row.status });
        }
      } else {
        insertIncoming(ctx.sql, { ...incoming, status: 'unmatched' });
        recordMutation(ctx, {
          entity: 'incoming_payment', entityId: incoming.id, mutation: 'payments.importStatement', action: 'left unmatched',
          summary: `${line.receipt} (${formatMoney(line.amountMinor, CURRENCY)}) left in Unmatched from the M-Pesa statement ${input.fileName}`,
          args: { fileName: input.fileName, receipt: line.receipt },
        });
        unmatched.push(line.receipt);
      }
    }
    const summary =
      `M-Pesa statement ${input.fileName}: ${written.length} recorded${written.length ? ` (${formatMoney(recordedMinor, CURRENCY)})` : ''}, ` +
      `${unmatched.length} left in Unmatched, ${skipped} already in the books`;
    // The statement's own line in the history; its rows are only this audit line.
    if (written.length + unmatched.length > 0) {
      recordMutation(ctx, {
        entity: 'statement', entityId: input.fileName, mutation: 'payments.importStatement', action: 'imported', summary,
        args: { fileName: input.fileName, recorded: written.map((w) => w.number), unmatched, skipped },
      });
    }
    return { written, unmatched, skipped };
  });
  for (const w of result.written) announcePayment(ctx, w.id, w.invoiceIds);
  if (result.unmatched.length > 0) announceInvoices(ctx, [], []);
  return { recorded: result.written.length, unmatched: result.unmatched.length, skipped: result.skipped, paymentNumbers: result.written.map((w) => w.number) };
}
