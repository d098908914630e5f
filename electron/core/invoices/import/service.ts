// Importing open invoices: each becomes a finalized invoice under its own number, with one line for
// its total (the other tool's lines and VAT stay in that tool, where the invoice was issued), and
// what was already paid there as a payment before import. Then it ages, is reminded and is paid
// like Billbook's own. All invoices of a file, or none.
import type { ChannelParsed } from '../../../../shared/contract';
import type { InvoiceImportPreview } from '../../../../shared/channels/invoiceImport';
import { paymentTermsLabel } from '../../../../shared/domain/customer';
import { draftContentSchema } from '../../../../shared/domain/invoice';
import { AppError } from '../../../../shared/errors';
import { formatMoney } from '../../../../shared/money';
import { recordActivity, recordMutation } from '../../audit/record';
import type { CoreContext } from '../../context';
import { insertDraft } from '../../drafts/service';
import { newId } from '../../ids';
import { refreshCustomerBalance } from '../../ledger/balances';
import { refreshAllocated, refreshInvoiceSettlement } from '../../ledger/settlement';
import { insertAllocation, insertPayment } from '../../payments/repo';
import { daysBetween } from '../mapping';
import { numberSearchText } from '../numbering';
import { finalizeRow, getInvoiceRow, indexNumber } from '../repo';
import { announceInvoices, billToOf, takeDocumentNumber } from '../service';
import { planInvoiceImport, type PlannedInvoice } from './plan';
import { storedBillTo } from '../../db/invoiceForms';

export function previewInvoiceImport(ctx: CoreContext, input: ChannelParsed<'invoices.import.preview'>): InvoiceImportPreview {
  const plan = planInvoiceImport(ctx, input.csvText, input.mapping);
  return {
    fileName: input.fileName, delimiter: plan.csv.delimiter, headers: plan.csv.headers, mapping: plan.mapping, source: plan.source,
    totalRows: plan.totalRows, acceptedRows: plan.invoices.length, rejected: plan.rejected, warnings: plan.warnings, heldBack: [],
    skipped: plan.skipped,
    sample: plan.invoices.slice(0, 10).map((i) => ({
      line: i.line, number: i.number, customer: i.customer.name, issueDate: i.issueDate, dueDate: i.dueDate,
      total: formatMoney(i.totalMinor, i.currency), paid: formatMoney(i.paidMinor, i.currency), balance: formatMoney(i.totalMinor - i.paidMinor, i.currency),
    })),
  };
}

/** Writes one imported invoice, and its earlier payment; the caller holds the transaction. */
function importOne(ctx: CoreContext, invoice: PlannedInvoice, sourceLabel: string, fileName: string): { id: string; paid: boolean } {
  const { customer, currency, number } = invoice;
  const content = draftContentSchema.parse({
    customerId: customer.id, currency, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    lines: [{ description: `${sourceLabel} invoice ${number} (total as billed there, any VAT included)`, quantityMilli: 1000, unitPriceMinor: invoice.totalMinor, taxRateBp: null }],
  });
  const from = `${fileName} line ${invoice.line}`;
  const id = insertDraft(ctx, { ...content, currency }, { source: 'import', prompt: null, aiConfidence: null, warnings: [] }, `Imported from ${from}`);
  const row = getInvoiceRow(ctx.sql, id)!;
  const now = ctx.clock.now().toISOString();
  const terms = paymentTermsLabel(Math.min(365, daysBetween(invoice.issueDate, invoice.dueDate)));
  const billTo = billToOf(customer);
  // Finalized under the other tool's number; Billbook's own series steps past it (takeDocumentNumber).
  finalizeRow(ctx.sql, {
    id, number, due_date: invoice.dueDate, terms, template: customer.ai_template, bill_to: storedBillTo(JSON.stringify(billTo)),
    total_minor: row.total_minor, finalized_at: now, updated_at: now,
  });
  indexNumber(ctx.sql, row.seq, numberSearchText(number));
  recordMutation(ctx, {
    entity: 'invoice', entityId: id, mutation: 'invoices.import', action: 'finalized',
    summary: `Imported as ${number} for ${formatMoney(invoice.totalMinor, currency)}, due ${invoice.dueDate} (${sourceLabel}, ${from})`,
    args: { id, number, dueDate: invoice.dueDate, terms, billTo, finalizedAt: now, source: sourceLabel },
  });
  recordActivity(ctx, 'customer', customer.id, 'invoiced', `Invoice ${number} for ${formatMoney(invoice.totalMinor, currency)} imported from ${sourceLabel}`);

  if (invoice.paidMinor > 0) {
    const paymentId = newId(ctx.clock);
    const paymentNumber = takeDocumentNumber(ctx, 'payment', invoice.paidOn);
    const reference = `Paid in ${sourceLabel}`;
    insertPayment(ctx.sql, {
      id: paymentId, number: paymentNumber, customer_id: customer.id, amount_minor: invoice.paidMinor, currency, paid_on: invoice.paidOn,
      method: 'other', reference, notes: `Received before the move to Billbook; imported with invoice ${number} from ${from}`,
      idempotency_key: null, allocated_minor: 0, status: 'completed', reversed_at: null, reversal_reason: null,
      created_at: now, updated_at: now, deleted_at: null, version: 1,
    });
    insertAllocation(ctx.sql, {
      id: newId(ctx.clock), payment_id: paymentId, invoice_id: id, amount_minor: invoice.paidMinor, allocated_on: invoice.paidOn,
      from_credit: 0, created_at: now, reversed_at: null,
    });
    refreshInvoiceSettlement(ctx.sql, id, now);
    refreshAllocated(ctx.sql, paymentId, now);
    const summary = `Payment ${paymentNumber}: ${formatMoney(invoice.paidMinor, currency)} paid in ${sourceLabel} before import, to ${number}`;
    recordMutation(ctx, {
      entity: 'payment', entityId: paymentId, mutation: 'payments.import', action: 'recorded', summary,
      args: { id: paymentId, number: paymentNumber, customerId: customer.id, amountMinor: invoice.paidMinor, paidOn: invoice.paidOn, method: 'other', reference, invoiceId: id },
    });
    recordActivity(ctx, 'customer', customer.id, 'paid', summary);
  }
  refreshCustomerBalance(ctx.sql, customer.id);
  return { id, paid: invoice.paidMinor > 0 };
}

export function commitInvoiceImport(ctx: CoreContext, input: ChannelParsed<'invoices.import.commit'>) {
  const plan = planInvoiceImport(ctx, input.csvText, input.mapping);
  const label = plan.source.id === 'spreadsheet' ? 'Imported' : plan.source.label;
  const done = ctx.sql.transaction(() =>
    plan.invoices.map((invoice) => {
      try {
        return importOne(ctx, invoice, label, input.fileName);
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, `Invoice ${invoice.number} (line ${invoice.line}): ${error.message} Nothing was imported.`, error.fields);
        throw error;
      }
    }),
  );
  announceInvoices(ctx, done.map((d) => d.id), [...new Set(plan.invoices.map((i) => i.customer.id))]);
  return { created: done.length, skipped: plan.skipped.length, rejected: plan.rejected.length, payments: done.filter((d) => d.paid).length };
}
