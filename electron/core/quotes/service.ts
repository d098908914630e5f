// Quotes and pro-forma invoices. A quote is drafted as an invoices row of kind 'quote' (the same
// editor, sentence drafting, versions and totals as an invoice). Issuing it takes the next number of
// its own series (QUO-2026-0001), writes what was quoted whole into `quotes` (never changed again:
// the table's triggers hold it) and retires the draft. Then it is sent; accepted or declined once;
// expired when its date passes (worked out on reading, like overdue); and converted to one invoice at
// most, in one step: the invoice is made and finalized with the quote's lines, customer and terms,
// and each names the other.
import { AppError } from '../../../shared/errors';
import type { ChannelParsed } from '../../../shared/contract';
import { draftContentSchema, invoiceLineInputSchema, type Invoice, type InvoiceCustomerRef, type InvoiceLine } from '../../../shared/domain/invoice';
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import { DEFAULT_QUOTE_VALID_DAYS, type Quote, type QuoteListPage, type QuoteListRow, type QuoteStatus } from '../../../shared/domain/quote';
import type { Discount, TaxSummaryRow } from '../../../shared/totals';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { textDate } from '../../../shared/dates';
import { recordActivity, recordMutation } from '../audit/record';
import { addDays } from '../clock';
import type { CoreContext } from '../context';
import { insertDraft } from '../drafts/service';
import { newId } from '../ids';
import * as invoiceRepo from '../invoices/repo';
import {
  announceInvoices, billToOf, customerOf, finalizeInvoice, finalizeProblems, getInvoice, storedInvoice, takeDocumentNumber, today,
} from '../invoices/service';
import { readSettings } from '../settings/service';
import { customerLanguage } from '../send/facts';
import type { QuotePdfModel } from '../pdf/model';
import { wordsFor } from '../../../shared/i18n';
import { composeLetter } from '../send/templates';
import { emailSetupProblem } from '../send/email/settings';
import { smsSetupProblem } from '../send/sms';
import { queueMessage } from '../send/queue';
import { announceSending } from '../send/service';

interface QuoteRow {
  seq: number; id: string; number: string; draft_id: string | null; customer_id: string; customer_code: string; proforma: number; currency: string;
  issue_date: string; expiry_date: string; prices_include_tax: number; discount: string | null; notes: string; terms: string; template: string;
  subtotal_minor: number; discount_minor: number; tax_minor: number; total_minor: number; tax_summary: string; lines: string; bill_to: string;
  state: string; decided_on: string | null; decision_note: string; invoice_id: string | null; invoice_number: string | null; converted_at: string | null;
  issued_at: string; deleted_at: string | null;
}

const SELECT = `SELECT q.*, c.code AS customer_code, i.number AS invoice_number
  FROM quotes q JOIN customers c ON c.id = q.customer_id LEFT JOIN invoices i ON i.id = q.invoice_id`;

/** Sent and past its expiry date: expired, worked out on reading. */
export function quoteStatus(state: string, expiryDate: string, on: string): QuoteStatus {
  if (state === 'sent' && expiryDate < on) return 'expired';
  return state as QuoteStatus;
}

function quoteRow(ctx: CoreContext, id: string): QuoteRow {
  const row = ctx.sql.prepare(`${SELECT} WHERE q.id = ?`).get(id) as QuoteRow | undefined;
  if (!row || row.deleted_at) throw new AppError('not_found', 'That quote does not exist.');
  return row;
}

function toQuote(row: QuoteRow, on: string): Quote {
  const billTo = JSON.parse(row.bill_to) as Omit<InvoiceCustomerRef, 'id' | 'code'>;
  return {
    id: row.id, number: row.number, status: quoteStatus(row.state, row.expiry_date, on), proforma: row.proforma === 1,
    customer: { id: row.customer_id, code: row.customer_code, ...billTo }, currency: row.currency as CurrencyCode,
    issueDate: row.issue_date, expiryDate: row.expiry_date, pricesIncludeTax: row.prices_include_tax === 1,
    discount: row.discount ? (JSON.parse(row.discount) as Discount) : null, notes: row.notes, terms: row.terms, template: row.template,
    lines: JSON.parse(row.lines) as InvoiceLine[],
    totals: {
      subtotalMinor: row.subtotal_minor, discountMinor: row.discount_minor, taxMinor: row.tax_minor, totalMinor: row.total_minor,
      discountShownMinor: row.discount_minor, taxSummary: JSON.parse(row.tax_summary) as TaxSummaryRow[],
    },
    decidedOn: row.decided_on, decisionNote: row.decision_note, draftId: row.draft_id,
    invoice: row.invoice_id ? { id: row.invoice_id, number: row.invoice_number } : null, convertedAt: row.converted_at, issuedAt: row.issued_at,
  };
}

export function getQuote(ctx: CoreContext, id: string): Quote {
  return toQuote(quoteRow(ctx, id), today(ctx));
}

export function createQuoteDraft(ctx: CoreContext, input: ChannelParsed<'quotes.create'>): Invoice {
  const id = ctx.sql.transaction(() =>
    insertDraft(ctx, input.draft, { source: 'manual', prompt: null, aiConfidence: null, warnings: [] }, '', { kind: 'quote' }),
  );
  const invoice = getInvoice(ctx, id);
  announceInvoices(ctx, [id], [invoice.customer.id]);
  return invoice;
}

export function issueQuote(ctx: CoreContext, input: ChannelParsed<'quotes.issue'>): Quote {
  const id = ctx.sql.transaction(() => {
    const row = storedInvoice(ctx, input.id);
    if (row.kind !== 'quote') throw new AppError('conflict', 'This is an invoice draft, not a quote. Finalize it as an invoice.');
    if (row.status !== 'draft') throw new AppError('conflict', 'This quote was already issued.');
    if (row.draft_version !== input.version) {
      throw new AppError('conflict', `This quote was saved again (version ${row.draft_version}) since you confirmed version ${input.version}. Check the newest version, then issue it.`);
    }
    const customer = customerOf(ctx, row.customer_id);
    if (customer.deleted_at) throw new AppError('conflict', `${customer.name} is archived. Restore the customer before sending them a quote.`);
    if (row.issue_date > today(ctx)) {
      throw new AppError('invalid_input', `The quote date (${textDate(row.issue_date)}) is in the future. Keep it as a draft until then.`, { issueDate: 'In the future' });
    }
    const problem = finalizeProblems(ctx, row, invoiceRepo.getLines(ctx.sql, row.id));
    if (problem) throw new AppError('invalid_input', problem.message.replace(/finalizing/g, 'issuing the quote'), problem.fields);
    const expiryDate = input.expiryDate ?? addDays(row.issue_date, DEFAULT_QUOTE_VALID_DAYS);
    if (expiryDate < row.issue_date) {
      throw new AppError('invalid_input', 'A quote cannot expire before the day it is dated.', { expiryDate: 'Before the quote date' });
    }
    const draft = getInvoice(ctx, row.id);
    const now = ctx.clock.now().toISOString();
    const quoteId = newId(ctx.clock);
    const number = takeDocumentNumber(ctx, 'quote', row.issue_date);
    ctx.sql
      .prepare(
        `INSERT INTO quotes (id, number, draft_id, customer_id, proforma, currency, issue_date, expiry_date, prices_include_tax, discount, notes, terms,
           template, subtotal_minor, discount_minor, tax_minor, total_minor, tax_summary, lines, bill_to, state, decided_on, decision_note, invoice_id,
           converted_at, issued_at, created_at, updated_at, deleted_at, version)
         VALUES (@id, @number, @draft_id, @customer_id, @proforma, @currency, @issue_date, @expiry_date, @prices_include_tax, @discount, @notes, @terms,
           @template, @subtotal_minor, @discount_minor, @tax_minor, @total_minor, @tax_summary, @lines, @bill_to, 'sent', NULL, '', NULL,
           NULL, @now, @now, @now, NULL, 1)`,
      )
      .run({
        id: quoteId, number, draft_id: row.id, customer_id: customer.id, proforma: input.proforma ? 1 : 0, currency: row.currency,
        issue_date: row.issue_date, expiry_date: expiryDate, prices_include_tax: row.prices_include_tax, discount: row.discount, notes: row.notes,
        terms: row.terms, template: row.template ?? customer.ai_template, subtotal_minor: draft.totals.subtotalMinor,
        discount_minor: draft.totals.discountMinor, tax_minor: draft.totals.taxMinor, total_minor: draft.totals.totalMinor,
        tax_summary: JSON.stringify(draft.totals.taxSummary), lines: JSON.stringify(draft.lines), bill_to: JSON.stringify(billToOf(customer)), now,
      });
    // The draft is done: kept (with its versions) as the quote's history, listed no more.
    invoiceRepo.discardDraftRow(ctx.sql, row.id, now);
    const label = input.proforma ? 'Pro-forma invoice' : 'Quote';
    const summary = `${label} ${number} for ${formatMoney(draft.totals.totalMinor, row.currency as CurrencyCode)}, valid until ${textDate(expiryDate)}`;
    recordMutation(ctx, {
      entity: 'quote', entityId: quoteId, mutation: 'quotes.issue', action: 'issued', summary,
      args: { id: quoteId, draftId: row.id, number, expiryDate, proforma: input.proforma, issuedAt: now },
    });
    recordActivity(ctx, 'customer', customer.id, 'quoted', summary);
    return quoteId;
  });
  const quote = getQuote(ctx, id);
  announceInvoices(ctx, [input.id], [quote.customer.id]);
  return quote;
}

export function decideQuote(ctx: CoreContext, input: ChannelParsed<'quotes.decide'>): Quote {
  ctx.sql.transaction(() => {
    const row = quoteRow(ctx, input.id);
    const on = today(ctx);
    const status = quoteStatus(row.state, row.expiry_date, on);
    if (status === 'accepted' || status === 'declined') throw new AppError('conflict', `${row.number} was already ${status} on ${textDate(row.decided_on ?? on)}.`);
    if (status === 'expired' && input.decision === 'accepted') {
      throw new AppError('conflict', `${row.number} expired on ${textDate(row.expiry_date)}. Copy it into a new quote with today's prices.`);
    }
    const now = ctx.clock.now().toISOString();
    ctx.sql
      .prepare('UPDATE quotes SET state = ?, decided_on = ?, decision_note = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(input.decision, on, input.note, now, row.id);
    const summary = `${row.number} ${input.decision}${input.note ? `: ${input.note}` : ''}`;
    recordMutation(ctx, { entity: 'quote', entityId: row.id, mutation: 'quotes.decide', action: input.decision, summary, args: { id: row.id, decision: input.decision, on, note: input.note } });
    recordActivity(ctx, 'customer', row.customer_id, `quote ${input.decision}`, summary);
  });
  const quote = getQuote(ctx, input.id);
  announceInvoices(ctx, [], [quote.customer.id]);
  return quote;
}

export function convertQuote(ctx: CoreContext, input: ChannelParsed<'quotes.convert'>): { quote: Quote; invoice: Invoice } {
  const invoiceId = ctx.sql.transaction(() => {
    const row = quoteRow(ctx, input.id);
    if (row.invoice_id) {
      throw new AppError('conflict', `${row.number} was already converted to ${row.invoice_number ?? 'an invoice'}. A quote becomes one invoice.`);
    }
    const on = today(ctx);
    const status = quoteStatus(row.state, row.expiry_date, on);
    if (status === 'declined') throw new AppError('conflict', `${row.number} was declined. Draft a new quote or invoice instead.`);
    if (status === 'expired') throw new AppError('conflict', `${row.number} expired on ${textDate(row.expiry_date)}. Copy it into a new quote with today's prices.`);
    const quote = toQuote(row, on);
    const content = draftContentSchema.parse({
      customerId: row.customer_id, currency: row.currency, issueDate: on, dueDate: null, pricesIncludeTax: quote.pricesIncludeTax,
      discount: quote.discount, notes: quote.notes, terms: quote.terms, template: row.template as InvoiceTemplate,
      lines: quote.lines.map((l) => invoiceLineInputSchema.parse(l)),
    });
    const id = insertDraft(ctx, content, { source: 'quote', prompt: null, aiConfidence: null, warnings: [] }, `From ${quote.proforma ? 'pro-forma invoice' : 'quote'} ${row.number}`, {
      kind: 'invoice', quoteId: row.id,
    });
    const invoice = finalizeInvoice(ctx, { id, version: 1 });
    const now = ctx.clock.now().toISOString();
    ctx.sql
      .prepare(
        `UPDATE quotes SET invoice_id = ?, converted_at = ?, state = 'accepted', decided_on = coalesce(decided_on, ?), updated_at = ?, version = version + 1 WHERE id = ?`,
      )
      .run(id, now, on, now, row.id);
    const summary = `${row.number} converted to ${invoice.number}`;
    recordMutation(ctx, { entity: 'quote', entityId: row.id, mutation: 'quotes.convert', action: 'converted', summary, args: { id: row.id, invoiceId: id, at: now } });
    recordActivity(ctx, 'customer', row.customer_id, 'quote converted', summary);
    return id;
  });
  const quote = getQuote(ctx, input.id);
  announceInvoices(ctx, [invoiceId], [quote.customer.id]);
  return { quote, invoice: getInvoice(ctx, invoiceId) };
}

interface ListRow {
  id: string; number: string | null; state: string; proforma: number; customer_id: string; customer_name: string; currency: string;
  issue_date: string; expiry_date: string | null; total_minor: number; invoice_id: string | null; invoice_number: string | null;
}

/** Quote drafts and issued quotes, newest first, with the status each has today. */
export function listQuotes(ctx: CoreContext, input: ChannelParsed<'quotes.list'>): QuoteListPage {
  const on = today(ctx);
  const all = ctx.sql
    .prepare(
      `SELECT * FROM (
         SELECT i.id, NULL AS number, 'draft' AS state, 0 AS proforma, i.customer_id, c.name AS customer_name, i.currency, i.issue_date,
           NULL AS expiry_date, i.total_minor, NULL AS invoice_id, NULL AS invoice_number, i.seq AS seq, 0 AS issued
         FROM invoices i JOIN customers c ON c.id = i.customer_id
         WHERE i.kind = 'quote' AND i.status = 'draft' AND i.deleted_at IS NULL
         UNION ALL
         SELECT q.id, q.number, q.state, q.proforma, q.customer_id, c.name, q.currency, q.issue_date, q.expiry_date, q.total_minor, q.invoice_id,
           i.number, q.seq, 1
         FROM quotes q JOIN customers c ON c.id = q.customer_id LEFT JOIN invoices i ON i.id = q.invoice_id
         WHERE q.deleted_at IS NULL
       )
       WHERE (@customerId IS NULL OR customer_id = @customerId)
         AND (@search = '' OR lower(coalesce(number, '')) LIKE @like OR lower(customer_name) LIKE @like)
       ORDER BY issue_date DESC, issued ASC, seq DESC`,
    )
    .all({ customerId: input.customerId ?? null, search: input.search, like: `%${input.search.toLowerCase()}%` }) as ListRow[];
  const rows: QuoteListRow[] = all.map((r) => ({
    id: r.id, number: r.number, status: r.expiry_date ? quoteStatus(r.state, r.expiry_date, on) : 'draft', proforma: r.proforma === 1,
    customerId: r.customer_id, customerName: r.customer_name, currency: r.currency as CurrencyCode, issueDate: r.issue_date,
    expiryDate: r.expiry_date, totalMinor: r.total_minor, invoice: r.invoice_id ? { id: r.invoice_id, number: r.invoice_number } : null,
  }));
  const shown = input.status === 'all' ? rows : rows.filter((r) => r.status === input.status);
  const issued = rows.filter((r) => r.status !== 'draft');
  const converted = issued.filter((r) => r.invoice !== null).length;
  // Open value: what is quoted and may still be won (sent, not expired), in the business's currency.
  const currency = ctx.config.business.defaultCurrency;
  const openValueMinor = issued.filter((r) => r.status === 'sent' && r.currency === currency).reduce((a, r) => a + r.totalMinor, 0);
  return {
    rows: shown.slice(input.offset, input.offset + input.limit),
    total: shown.length,
    offset: input.offset,
    summary: { currency: currency as CurrencyCode, openValueMinor, issued: issued.length, converted, conversionRatePercent: issued.length === 0 ? null : Math.round((converted / issued.length) * 100) },
  };
}

export async function renderQuotePdf(ctx: CoreContext, id: string): Promise<{ fileName: string; base64: string; pages: number; bytes: number }> {
  const quote = getQuote(ctx, id);
  const settings = readSettings(ctx);
  const model: QuotePdfModel = {
    kind: 'quote', language: customerLanguage(ctx, quote.customer.id), template: quote.template as InvoiceTemplate,
    renderedAt: ctx.clock.now().toISOString(), business: settings.business, payment: settings.payment,
    quote: {
      number: quote.number, proforma: quote.proforma, state: quote.status === 'draft' ? 'sent' : quote.status, decidedOn: quote.decidedOn,
      issueDate: quote.issueDate, expiryDate: quote.expiryDate, customer: quote.customer, currency: quote.currency,
      pricesIncludeTax: quote.pricesIncludeTax, discount: quote.discount, notes: quote.notes, terms: quote.terms, lines: quote.lines, totals: quote.totals,
    },
  };
  const { bytes, pages } = await ctx.pdf.render(model);
  return { fileName: `${quote.number}.pdf`, base64: Buffer.from(bytes).toString('base64'), pages, bytes: bytes.length };
}

// ---- sending -----------------------------------------------------------------------------------

/** A quote's email (its PDF attached when it goes) and SMS, in the customer's language. */
export function composeQuote(ctx: CoreContext, quote: Quote): { subject: string; text: string; html: string; sms: string } {
  const w = wordsFor(customerLanguage(ctx, quote.customer.id));
  const business = readSettings(ctx).business;
  const amount = formatMoney(quote.totals.totalMinor, quote.currency);
  const valid = w.date(quote.expiryDate);
  const proforma = quote.proforma ? 'yes' : 'no';
  const letter = composeLetter({
    subject: w.t('quote.subject', { proforma, number: quote.number, hasBusiness: business.name ? 'yes' : 'no', business: business.name }),
    name: quote.customer.name,
    opening: w.t('quote.opening', { attached: 'yes', proforma, number: quote.number, amount, valid }),
    detailsHeading: w.t('quote.detailsHeading'),
    details: [
      [w.t(quote.proforma ? 'quote.proformaNumber' : 'quote.number'), quote.number],
      [w.t('detail.amount'), amount],
      [w.t('quote.validUntil'), valid],
    ],
    attachedLine: w.t('quote.attached'),
    payment: [],
    closingNote: w.t('quote.reply'),
    business,
  }, w);
  const sms = w.t('quote.sms', { from: business.name ? w.t('letter.from', { business: business.name }) : '', proforma, number: quote.number, amount, valid });
  return { ...letter, sms };
}

/** Sends an issued quote by email (PDF attached) and/or SMS, on the queue and in the message log; the same request twice sends once. */
export function sendQuote(ctx: CoreContext, input: ChannelParsed<'quotes.send'>): { queued: number } {
  const quote = getQuote(ctx, input.id);
  if (quote.status === 'declined' || quote.status === 'expired') throw new AppError('conflict', `${quote.number} is ${quote.status}; it is not sent. Draft a new quote instead.`);
  for (const channel of input.channels) {
    const problem = channel === 'email' ? emailSetupProblem(ctx) : smsSetupProblem(ctx);
    if (problem) throw new AppError('invalid_input', problem, { [channel === 'email' ? 'emails' : 'phones']: problem });
  }
  const composed = composeQuote(ctx, quote);
  let queued = 0;
  ctx.sql.transaction(() => {
    for (const channel of input.channels) {
      const recipients = channel === 'email' ? input.emails : input.phones.slice(0, 1);
      queueMessage(ctx, {
        requestKey: `quote:${input.requestId}:${channel}`, type: 'quote_sent', channel, customerId: quote.customer.id, invoiceId: null, quoteId: quote.id,
        recipients, subject: channel === 'email' ? composed.subject : '', text: channel === 'email' ? composed.text : composed.sms,
        html: channel === 'email' ? composed.html : null, attachPdf: channel === 'email', priority: 10,
        label: `${quote.number} to ${quote.customer.name} by ${channel === 'email' ? 'email' : 'SMS'}`,
      });
      queued += 1;
    }
  });
  ctx.jobs.wake();
  announceSending(ctx, [], [quote.customer.id]);
  return { queued };
}
