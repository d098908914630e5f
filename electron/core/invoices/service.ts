// Invoice rules: reading, listing, finalizing, voiding and crediting. Every write is one
// transaction with its audit and outbox rows, and leaves the customer's summary in step.
import { AppError } from '../../../shared/errors';
import { defaultTerms, zeroTotalMessage, type AgingRow, type CreditNote, type Invoice, type InvoiceCustomerRef } from '../../../shared/domain/invoice';
import type { ChannelParsed, InvoiceListPage } from '../../../shared/contract';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { divideHalfUp, spreadProportionally, taxRateLabel, type TaxSummaryRow } from '../../../shared/totals';
import { recordActivity, recordMutation } from '../audit/record';
import { addDays, businessDate } from '../clock';
import type { CoreContext } from '../context';
import { cachedCount } from '../db/countCache';
import { countSearchMatches, getCustomerRow, takeSequence, type CustomerRow } from '../customers/repo';
import { toMatchExpression, withStateFilter } from '../customers/search';
import { catchUpSearch } from '../customers/searchBacklog';
import { newId } from '../ids';
import { refreshCustomerBalance } from '../ledger/balances';
import { refreshInvoiceSettlement } from '../ledger/settlement';
import { deviceCode, deviceFormat } from '../sync/series';
import { toCreditNote, toInvoice, toListRow } from './mapping';
import { readSettings } from '../settings/service';
import { formatNumber, numberMatch, numberSearchText, seriesOf } from './numbering';
import * as repo from './repo';
import type { InvoiceSearch } from './repo';
import { textDate } from '../../../shared/dates';
import { etimsPrint, etimsStatusOf } from '../etims/print';
import { beforeVoid } from '../etims/queue';
import { storedBillTo, taxSummaryOfStored } from '../db/invoiceForms';

export const today = (ctx: CoreContext) => businessDate(ctx.clock.now());

export function announceInvoices(ctx: CoreContext, ids: string[], customerIds: string[]): void {
  ctx.events.emit('invoices.changed', { ids, customerIds });
  ctx.events.emit('customers.changed', { ids: customerIds });
}

export function storedInvoice(ctx: CoreContext, id: string): repo.InvoiceRow {
  const row = repo.getInvoiceRow(ctx.sql, id);
  if (!row || (row.deleted_at && row.status === 'draft')) {
    throw new AppError('not_found', 'That invoice does not exist. It may have been discarded or removed on another device.');
  }
  return row;
}

export function customerOf(ctx: CoreContext, id: string): CustomerRow {
  const customer = getCustomerRow(ctx.sql, id);
  if (!customer) throw new AppError('not_found', 'The customer of this invoice no longer exists.');
  return customer;
}

/** How a person names an invoice in a message. */
export const invoiceName = (row: Pick<repo.InvoiceRow, 'number'>) => row.number ?? 'This draft';

/** The customer's details as an invoice prints them. */
export function billToOf(customer: CustomerRow): Omit<InvoiceCustomerRef, 'id' | 'code'> {
  return {
    name: customer.name, email: customer.email, phone: customer.phone, taxId: customer.tax_id,
    address: { street: customer.street, city: customer.city, postalCode: customer.postal_code, country: customer.country },
    paymentTermsDays: customer.payment_terms_days,
  };
}

export function getInvoice(ctx: CoreContext, id: string): Invoice {
  const row = storedInvoice(ctx, id);
  const customer = customerOf(ctx, row.customer_id);
  const invoiceFacts = { kind: 'invoice' as const, id, final: row.status !== 'draft' && row.status !== 'void', imported: row.source === 'import', at: row.finalized_at };
  const notes = repo.creditNotesOfInvoice(ctx.sql, id).map((n) => {
    const facts = { kind: 'credit_note' as const, id: n.id, final: true, imported: row.source === 'import', at: n.created_at };
    return { ...toCreditNote(n), etims: etimsStatusOf(ctx, facts), etimsPrint: etimsPrint(ctx, facts, id) };
  });
  return {
    ...toInvoice(
      row,
      { ...billToOf(customer), id: customer.id, code: customer.code, template: customer.ai_template },
      repo.getLines(ctx.sql, id),
      repo.paymentsOfInvoice(ctx.sql, id),
      notes,
      today(ctx),
      repo.linksOf(ctx.sql, row),
    ),
    etims: etimsStatusOf(ctx, invoiceFacts),
    etimsPrint: etimsPrint(ctx, invoiceFacts),
  };
}

/**
 * The search as two FTS queries: one over invoice numbers, one over customers. Digits alone
 * ("42", "2026-0042") are an invoice number being typed, not a fragment of a customer's phone.
 */
export function searchQueries(text: string): InvoiceSearch | null | false {
  if (text.trim() === '') return null;
  const numbers = numberMatch(text);
  if (numbers === null) return false;
  if (/^[\d\s\-/]+$/.test(text.trim())) return { numbers, customers: null };
  const customers = toMatchExpression(text);
  return { numbers, customers: customers === null ? null : withStateFilter(customers, true, undefined) };
}

/** searchQueries, with the customer search index first given any entries an import held back (customers/searchBacklog.ts). */
function searchQueriesReady(ctx: CoreContext, text: string): InvoiceSearch | null | false {
  const search = searchQueries(text);
  if (search && search.customers !== null) catchUpSearch(ctx.sql);
  return search;
}

/** The list's count without its cache: what a first load of a filter pays (for the bench). */
export function countInvoicesFor(ctx: CoreContext, input: ChannelParsed<'invoices.list'>): number {
  const search = searchQueriesReady(ctx, input.search);
  return search === false ? 0 : repo.countInvoices(ctx.sql, input, today(ctx), search);
}

export function listInvoices(ctx: CoreContext, input: ChannelParsed<'invoices.list'>): InvoiceListPage {
  const { offset, limit, ...query } = input;
  const search = searchQueriesReady(ctx, query.search);
  if (search === false) return { rows: [], total: 0, offset };
  const day = today(ctx);
  const key = JSON.stringify({ ...query, sort: undefined, direction: undefined });
  // The part matched by number alone is kept beside the count: it decides how each page is read.
  let parts: { total: number; byNumberAlone: number } | null = null;
  const counted = () => (parts ??= repo.countInvoiceParts(ctx.sql, query, day, search));
  const total = cachedCount(ctx.sql, 'invoices', day, key, () => counted().total);
  const byNumberAlone = cachedCount(ctx.sql, 'invoices', day, `${key}|by number alone`, () => counted().byNumberAlone);
  const matchedCustomers = cachedCount(ctx.sql, 'invoices', day, `${key}|customers matched`, () => (search?.customers ? countSearchMatches(ctx.sql, search.customers) : 0));
  const keys = repo.pageInvoiceKeys(ctx.sql, query, day, search, offset, limit, total, byNumberAlone, matchedCustomers);
  return { rows: repo.listRowsBySeq(ctx.sql, keys).map((r) => toListRow(r, day)), total, offset };
}

export function agingReport(ctx: CoreContext, customerId?: string): AgingRow[] {
  const day = today(ctx);
  const dates = { today: day, d30: addDays(day, -30), d60: addDays(day, -60), d90: addDays(day, -90) };
  return repo.aging(ctx.sql, dates, customerId).map((r) => ({
    currency: r.currency as CurrencyCode,
    currentMinor: r.current_minor,
    days1to30Minor: r.d1_30,
    days31to60Minor: r.d31_60,
    days61to90Minor: r.d61_90,
    days90plusMinor: r.d90_plus,
    totalMinor: r.total_minor,
    invoiceCount: r.invoice_count,
  }));
}

// ---- numbering -----------------------------------------------------------------------------

export type DocumentKind = 'invoice' | 'credit_note' | 'payment' | 'quote' | 'refund' | 'opening_balance';

/** The format and device code in force: Settings (which start from config.json), with this computer's Cloud series. */
function numberingOf(ctx: CoreContext, kind: DocumentKind): { format: string; deviceCode: string } {
  const invoicing = readSettings(ctx).invoicing;
  const formats: Record<DocumentKind, string> = {
    invoice: invoicing.numberFormat, credit_note: invoicing.creditNoteFormat, payment: invoicing.paymentFormat,
    quote: invoicing.quoteFormat, refund: invoicing.refundFormat, opening_balance: invoicing.openingBalanceFormat,
  };
  return { format: deviceFormat(ctx, formats[kind]), deviceCode: deviceCode(ctx, invoicing.deviceCode) };
}

/** Takes the next number of a document series; call inside the transaction that uses it, so a rollback gives it back. */
const NUMBERED_TABLE: Record<DocumentKind, string> = {
  invoice: 'invoices', credit_note: 'credit_notes', payment: 'payments', quote: 'quotes', refund: 'refunds', opening_balance: 'invoices',
};

export function takeDocumentNumber(ctx: CoreContext, kind: DocumentKind, date: string): string {
  const { format, deviceCode } = numberingOf(ctx, kind);
  const parts = { date, deviceCode };
  const taken = ctx.sql.prepare(`SELECT 1 FROM ${NUMBERED_TABLE[kind]} WHERE number = ?`);
  // A number can already be in use only if it came from elsewhere (an invoice imported from another
  // tool, books restored or merged, a format changed back): a used number is never issued twice,
  // so the series steps past it.
  for (;;) {
    const number = formatNumber(format, parts, takeSequence(ctx.sql, seriesOf(kind, format, parts)));
    if (!taken.get(number)) return number;
  }
}

/** The number a document would take now, without taking it (past any number already in use, as taking does); with a format and device code being tried out when given. */
export function peekDocumentNumber(ctx: CoreContext, kind: DocumentKind, date: string, trying?: { format: string; deviceCode: string }): string {
  const { format, deviceCode } = trying ?? numberingOf(ctx, kind);
  const parts = { date, deviceCode };
  const row = ctx.sql.prepare('SELECT next_value FROM sequences WHERE name = ?').get(seriesOf(kind, format, parts)) as { next_value: number } | undefined;
  const taken = ctx.sql.prepare(`SELECT 1 FROM ${NUMBERED_TABLE[kind]} WHERE number = ?`);
  for (let seq = row?.next_value ?? 1; ; seq++) {
    const number = formatNumber(format, parts, seq);
    if (!taken.get(number)) return number;
  }
}

export function nextInvoiceNumber(ctx: CoreContext, id: string): { number: string } {
  const row = storedInvoice(ctx, id);
  if (row.status !== 'draft') throw new AppError('conflict', `${invoiceName(row)} is already finalized.`);
  return { number: peekDocumentNumber(ctx, 'invoice', row.issue_date) };
}

// ---- finalize --------------------------------------------------------------------------------

export function finalizeProblems(ctx: CoreContext, row: repo.InvoiceRow, lines: repo.LineRow[]): { message: string; fields: Record<string, string> } | null {
  const fields: Record<string, string> = {};
  if (lines.length === 0) return { message: 'Add at least one line before finalizing.', fields: { lines: 'Add a line' } };
  for (const line of lines) {
    if (line.description.trim() === '') fields[`lines.${line.position - 1}.description`] = 'Describe what this line is for';
  }
  const missing = Object.keys(fields).length;
  if (missing > 0) {
    return { message: `${missing === 1 ? 'A line has' : `${missing} lines have`} no description. Say what each line is for before finalizing.`, fields };
  }
  if (!readSettings(ctx).business.vatRegistered) {
    for (const line of lines) {
      if (line.tax_rate_bp !== null) fields[`lines.${line.position - 1}.taxRateBp`] = 'Your business charges no VAT';
    }
    if (Object.keys(fields).length > 0) {
      return {
        message: 'Your business is not registered for VAT, so its invoices charge none. Set these lines to no VAT (or, if you have registered, say so in Settings → Business profile).',
        fields,
      };
    }
  }
  if (row.total_minor === 0) return { message: zeroTotalMessage(row.currency as CurrencyCode), fields: { lines: 'The total is zero' } };
  return null;
}

export function finalizeInvoice(ctx: CoreContext, input: ChannelParsed<'invoices.finalize'>): Invoice {
  const customerId = ctx.sql.transaction(() => {
    const row = storedInvoice(ctx, input.id);
    if (row.status !== 'draft') throw new AppError('conflict', `${invoiceName(row)} is already finalized; a finalized invoice never changes.`);
    if (row.kind === 'quote') throw new AppError('conflict', 'This is a quote: it is issued, not finalized. Issue it, then convert it to an invoice when the customer accepts.');
    if (row.draft_version !== input.version) {
      throw new AppError('conflict', `This draft was saved again (version ${row.draft_version}) since you confirmed version ${input.version}. Check the newest version, then finalize.`);
    }
    const customer = customerOf(ctx, row.customer_id);
    if (customer.deleted_at) throw new AppError('conflict', `${customer.name} is archived. Restore the customer before finalizing their invoice.`);
    if (customer.currency !== row.currency) {
      throw new AppError('conflict', `${customer.name} is now billed in ${customer.currency}, but this draft is in ${row.currency}. Save the draft again in ${customer.currency}, or change the customer's currency back.`);
    }
    if (row.issue_date > today(ctx)) {
      throw new AppError('invalid_input', `The issue date (${textDate(row.issue_date)}) is in the future. An invoice is issued on or before the day it is finalized; save it as a draft until then.`, {
        issueDate: 'In the future',
      });
    }
    const problem = finalizeProblems(ctx, row, repo.getLines(ctx.sql, row.id));
    if (problem) throw new AppError('invalid_input', problem.message, problem.fields);

    const now = ctx.clock.now().toISOString();
    const number = takeDocumentNumber(ctx, row.kind === 'opening_balance' ? 'opening_balance' : 'invoice', row.issue_date);
    const dueDate = row.due_date_from_terms === 1 ? addDays(row.issue_date, customer.payment_terms_days) : row.due_date;
    // Frozen from here: the terms and template printed are the ones in force today.
    const terms = row.terms || defaultTerms(row.issue_date, row.due_date_from_terms === 1 ? null : row.due_date, customer.payment_terms_days);
    const template = row.template ?? customer.ai_template;
    const billTo = billToOf(customer);
    repo.finalizeRow(ctx.sql, {
      id: row.id, number, due_date: dueDate, terms, template, bill_to: storedBillTo(JSON.stringify(billTo)),
      total_minor: row.total_minor, finalized_at: now, updated_at: now,
    });
    repo.indexNumber(ctx.sql, row.seq, numberSearchText(number));
    refreshCustomerBalance(ctx.sql, customer.id);
    recordMutation(ctx, {
      entity: 'invoice', entityId: row.id, mutation: 'invoices.finalize', action: 'finalized',
      summary: `Finalized as ${number} for ${formatMoney(row.total_minor, row.currency as CurrencyCode)}, due ${textDate(dueDate)}`,
      args: { id: row.id, number, dueDate, terms, template, billTo, finalizedAt: now },
    });
    recordActivity(ctx, 'customer', customer.id, 'invoiced', `Invoice ${number} for ${formatMoney(row.total_minor, row.currency as CurrencyCode)}`);
    return customer.id;
  });
  // A finalized invoice never changes: a refinement still waiting for it has nothing left to do.
  ctx.jobs.cancelForSubject(input.id, 'ai.draft');
  announceInvoices(ctx, [input.id], [customerId]);
  return getInvoice(ctx, input.id);
}

// ---- void ------------------------------------------------------------------------------------

export function voidInvoice(ctx: CoreContext, input: ChannelParsed<'invoices.void'>): Invoice {
  const customerId = ctx.sql.transaction(() => {
    const row = storedInvoice(ctx, input.id);
    if (row.status === 'draft') throw new AppError('conflict', 'A draft is discarded, not voided. Use "Discard draft" instead.');
    if (row.status === 'void') throw new AppError('conflict', `${invoiceName(row)} is already void.`);
    const payments = repo.paymentsOfInvoice(ctx.sql, row.id).filter((p) => p.reversed_at === null);
    if (payments.length > 0) {
      throw new AppError('conflict', `${invoiceName(row)} has payments (${payments.map((p) => p.payment_number).join(', ')}). Reverse them first, or issue a credit note instead of voiding.`);
    }
    const credits = repo.creditNotesOfInvoice(ctx.sql, row.id);
    if (credits.length > 0) {
      throw new AppError('conflict', `${invoiceName(row)} has credit notes (${credits.map((c) => c.number).join(', ')}). Credit the rest instead of voiding.`);
    }
    beforeVoid(ctx, row.id, invoiceName(row));
    const now = ctx.clock.now().toISOString();
    repo.voidRow(ctx.sql, row.id, input.reason, now);
    refreshCustomerBalance(ctx.sql, row.customer_id);
    recordMutation(ctx, {
      entity: 'invoice', entityId: row.id, mutation: 'invoices.void', action: 'voided',
      summary: `Voided ${row.number ?? ''}: ${input.reason}`, args: { id: row.id, reason: input.reason, at: now },
    });
    recordActivity(ctx, 'customer', row.customer_id, 'voided', `Invoice ${row.number ?? ''} voided: ${input.reason}`);
    return row.customer_id;
  });
  announceInvoices(ctx, [input.id], [customerId]);
  return getInvoice(ctx, input.id);
}

// ---- credit notes ----------------------------------------------------------------------------

/**
 * The tax inside a credit of `amount`, per rate. The amount is spread over what each rate still
 * has uncredited, and the tax is worked out on everything credited so far at that rate, less what
 * earlier credit notes already took: several notes then add up to the invoice's own VAT to the
 * cent, and the last one takes exactly what is left.
 */
function creditTax(
  currency: CurrencyCode, amount: number, invoiceSummary: TaxSummaryRow[], earlier: TaxSummaryRow[][],
  chosen?: { taxRateBp: TaxSummaryRow['taxRateBp']; amountMinor: number }[],
): TaxSummaryRow[] {
  const key = (rate: TaxSummaryRow['taxRateBp']) => String(rate);
  const credited = new Map<string, { gross: number; tax: number }>();
  for (const row of earlier.flat()) {
    const c = credited.get(key(row.taxRateBp)) ?? { gross: 0, tax: 0 };
    c.gross += row.netMinor + row.taxMinor;
    c.tax += row.taxMinor;
    credited.set(key(row.taxRateBp), c);
  }
  const remaining = invoiceSummary.map((r) => r.netMinor + r.taxMinor - (credited.get(key(r.taxRateBp))?.gross ?? 0));
  const shares = chosen
    ? invoiceSummary.map((r) => chosen.find((c) => key(c.taxRateBp) === key(r.taxRateBp))?.amountMinor ?? 0)
    : spreadProportionally(amount, remaining.map((r) => Math.max(r, 0)));
  shares.forEach((share, i) => {
    if (share > remaining[i]!) {
      const rate = invoiceSummary[i]!.taxRateBp;
      const left = remaining[i]! <= 0 ? `Everything billed at ${taxRateLabel(rate)} is already credited.` : `At ${taxRateLabel(rate)} there is at most ${formatMoney(remaining[i]!, currency)} left to credit.`;
      throw new AppError('invalid_input', left, {
        byRate: `Too much at ${taxRateLabel(rate)}`,
      });
    }
  });
  return invoiceSummary
    .map((r, i) => {
      const share = shares[i]!;
      const gross = r.netMinor + r.taxMinor;
      const before = credited.get(key(r.taxRateBp)) ?? { gross: 0, tax: 0 };
      const taxSoFar = gross === 0 ? 0 : Number(divideHalfUp(BigInt(before.gross + share) * BigInt(r.taxMinor), BigInt(gross)));
      const tax = taxSoFar - before.tax;
      return { taxRateBp: r.taxRateBp, netMinor: share - tax, taxMinor: tax };
    })
    .filter((r) => r.netMinor + r.taxMinor > 0);
}

export function issueCreditNote(ctx: CoreContext, input: ChannelParsed<'invoices.creditNote'>): CreditNote {
  const { id, customerId } = ctx.sql.transaction(() => {
    const row = storedInvoice(ctx, input.invoiceId);
    if (row.status === 'draft') throw new AppError('conflict', 'A draft can still be edited; change it instead of crediting it.');
    if (row.status === 'void') throw new AppError('conflict', `${invoiceName(row)} is void; there is nothing to credit.`);
    const currency = row.currency as CurrencyCode;
    if (row.balance_minor === 0) {
      throw new AppError(
        'conflict',
        `${invoiceName(row)} is settled; nothing is owed on it. To credit it, first take the payment off it (Unapply on its payments): the money stays as the customer's credit.`,
      );
    }
    const invoiceSummary = taxSummaryOfStored(row.tax_summary);
    for (const chosen of input.byRate ?? []) {
      if (!invoiceSummary.some((r) => r.taxRateBp === chosen.taxRateBp)) {
        throw new AppError('invalid_input', `${invoiceName(row)} has nothing billed at ${taxRateLabel(chosen.taxRateBp)}.`, { byRate: `No ${taxRateLabel(chosen.taxRateBp)} lines` });
      }
    }
    const amount = input.byRate ? input.byRate.reduce((a, r) => a + r.amountMinor, 0) : input.amountMinor ?? row.balance_minor;
    if (input.byRate && input.amountMinor !== undefined && input.amountMinor !== amount) {
      throw new AppError('invalid_input', 'The amount and the amounts per rate disagree; send one or make them add up.', { amountMinor: 'Does not match the rates' });
    }
    if (amount > row.balance_minor) {
      throw new AppError('invalid_input', `A credit note can reduce ${invoiceName(row)} by at most the ${formatMoney(row.balance_minor, currency)} still owed.`, {
        amountMinor: `At most ${formatMoney(row.balance_minor, currency)}`,
      });
    }
    const issueDate = input.issueDate ?? today(ctx);
    if (issueDate > today(ctx)) {
      throw new AppError('invalid_input', 'A credit note cannot be dated in the future.', { issueDate: 'In the future' });
    }
    if (issueDate < row.issue_date) {
      throw new AppError('invalid_input', `A credit note cannot be dated before its invoice (${textDate(row.issue_date)}).`, { issueDate: `On or after ${textDate(row.issue_date)}` });
    }
    const now = ctx.clock.now().toISOString();
    const earlier = repo.creditNotesOfInvoice(ctx.sql, row.id).map((n) => JSON.parse(n.tax_summary) as TaxSummaryRow[]);
    const summary = creditTax(currency, amount, invoiceSummary, earlier, input.byRate);
    const noteId = newId(ctx.clock);
    const number = takeDocumentNumber(ctx, 'credit_note', issueDate);
    repo.insertCreditNote(ctx.sql, {
      id: noteId, number, invoice_id: row.id, customer_id: row.customer_id, currency, issue_date: issueDate, reason: input.reason,
      amount_minor: amount, tax_minor: summary.reduce((a, r) => a + r.taxMinor, 0), tax_summary: JSON.stringify(summary),
      created_at: now, updated_at: now, deleted_at: null, version: 1,
    });
    refreshInvoiceSettlement(ctx.sql, row.id, now);
    refreshCustomerBalance(ctx.sql, row.customer_id);
    recordMutation(ctx, {
      entity: 'credit_note', entityId: noteId, mutation: 'invoices.creditNote', action: 'created',
      summary: `Credit note ${number} for ${formatMoney(amount, currency)} against ${row.number ?? ''}: ${input.reason}`,
      args: { id: noteId, number, invoiceId: row.id, amountMinor: amount, reason: input.reason, issueDate },
    });
    recordActivity(ctx, 'customer', row.customer_id, 'credited', `Credit note ${number} for ${formatMoney(amount, currency)} on ${row.number ?? ''}`);
    return { id: noteId, customerId: row.customer_id };
  });
  announceInvoices(ctx, [input.invoiceId], [customerId]);
  const note = repo.getCreditNote(ctx.sql, id);
  if (!note) throw new AppError('internal', 'The credit note was saved but could not be read back.');
  return toCreditNote(note);
}
