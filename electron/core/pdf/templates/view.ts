// The model as the words a template prints: every number formatted, every optional part decided,
// every label in the customer's language. Templates only lay these out, so all three print the same
// figures and a wrong one is wrong everywhere. An invoice and a quote (or pro-forma invoice) share
// this view: a quote is printed in the invoice's style with its own heading, facts and notes.
import { mpesaLine } from '../../../../shared/paymentLines';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import { logoProblem } from '../../../../shared/images';
import { addressLines } from '../../../../shared/domain/address';
import { formatPhone } from '../../../../shared/domain/phone';
import { wordsFor, type Words } from '../../../../shared/i18n';
import type { InvoicePdfModel, PdfDocumentBody, QuotePdfModel } from '../model';
import { showsVat } from '../../../../shared/domain/invoice';
import { printable } from './printable';
import type { EtimsPrint } from '../../../../shared/domain/etims';

export interface LineView {
  position: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  taxAmount: string;
  amount: string;
}

export interface AmountRow {
  label: string;
  value: string;
  /** Total and balance due: printed bold. */
  strong: boolean;
}

export interface TaxRow {
  rate: string;
  net: string;
  tax: string;
  gross: string;
}

/** The stamp across the page: its words, and the colour its meaning takes. */
export interface Mark {
  text: string;
  tone: 'good' | 'bad' | 'muted';
}

/** The labels a template prints, in the customer's language. */
export interface Labels {
  billTo: string;
  customerCode: (code: string) => string;
  description: string;
  quantity: string;
  qty: string;
  unitPrice: string;
  price: string;
  vat: string;
  vatRate: string;
  vatAmount: string;
  amountIn: string;
  taxSummary: string;
  rate: string;
  taxableAmount: string;
  total: string;
  howToPay: string;
  notes: string;
  page: (page: number, pages: number) => string;
  currency: string;
  lineAmountsNote: string;
  paymentsReceived: string;
  date: string;
  receipt: string;
  method: string;
  reference: string;
  amount: string;
  creditNotes: string;
  number: string;
  reason: string;
}

/** KRA eTIMS on the page (KRA's own terms, printed as KRA's layout names them). */
export interface EtimsView {
  state: 'signed' | 'awaiting';
  /** Label and value, in the order KRA's invoice layout has them. */
  facts: [string, string][];
  /** The QR code's modules (rows of 0 and 1) and where it leads. */
  qr: string[];
  verifyUrl: string;
}

/** The customer's page to pay online, printed with its QR code. */
export interface PayOnlineView {
  label: string;
  url: string;
  qr: string[];
  scan: string;
}

export interface InvoiceView {
  /** 'en' or 'sw': the document's language. */
  language: 'en' | 'sw';
  /** False for a business that is not VAT-registered (and a document with no VAT): no VAT column, rows or note. */
  vat: boolean;
  /** The big word at the top: INVOICE, TAX INVOICE (detailed, with VAT), QUOTATION, PRO-FORMA INVOICE. */
  heading: string;
  /** The heading the detailed template uses: TAX INVOICE when VAT is charged. */
  detailedHeading: string;
  /** "INV-2026-0001", or "DRAFT" before a number is given. */
  number: string;
  /** "Invoice INV-2026-0001": the simple template's title. */
  documentLine: string;
  /** The stamp across the page, when there is one. */
  mark: Mark | null;
  currency: CurrencyCode;
  business: {
    name: string;
    addressLines: string[];
    /** "PIN P051234567X", or '' when none is set. */
    pin: string;
    contacts: string[];
    /** A PNG or JPEG data URL, or null. */
    logo: string | null;
  };
  customer: {
    name: string;
    code: string;
    addressLines: string[];
    pin: string;
    email: string;
    phone: string;
  };
  issueDate: string;
  dueDate: string;
  terms: string;
  /** e.g. "Overdue by 12 days", "Paid on 3 Dec 2026", "Voided: entered twice"; '' when nothing to say. */
  statusLine: string;
  /** Number, dates, terms and status as label/value pairs (empty values are left out when printed). */
  facts: [string, string][];
  /** The simple template's lines under its title: issued, due or valid until, status. */
  simpleFacts: string[];
  pricesNote: string;
  lines: LineView[];
  totals: AmountRow[];
  /** What is still owed, with its label ("Balance due", "Amount due"); null on a void invoice or a quote. */
  due: AmountRow | null;
  taxSummary: TaxRow[];
  /** The simple template's tax lines: "VAT 16% on KES 100.00: KES 16.00". */
  taxLines: string[];
  payments: { date: string; receipt: string; method: string; reference: string; amount: string }[];
  creditNotes: { number: string; date: string; reason: string; amount: string; cu: string }[];
  /** KRA eTIMS: signed (with what KRA's rules say to print, and the QR code), or awaiting KRA; null when eTIMS does not apply. */
  etims: EtimsView | null;
  paymentInstructions: string[];
  payOnline: PayOnlineView | null;
  notes: string;
  /** Said under the notes: a quote's validity, a pro-forma's "not a tax invoice". */
  footnotes: string[];
  labels: Labels;
  /** For the document's metadata. */
  title: string;
  subject: string;
}

/** "2026-11-21" -> "21 Nov 2026": no day/month order to misread. */
export function printedDate(date: string, w: Words = wordsFor('en')): string {
  return w.date(date);
}

/** Thousandths -> "1.5 hours", "3 pieces", "1,250": at most three decimals, none when whole. */
export function printedQuantity(quantityMilli: number, unit: string): string {
  const whole = Math.trunc(quantityMilli / 1000).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (quantityMilli % 1000).toString().padStart(3, '0').replace(/0+$/, '');
  const number = fraction ? `${whole}.${fraction}` : whole;
  return unit ? `${number} ${unit}` : number;
}

/** An amount in a table whose heading names the currency: formatMoney's figure without the code. */
function figure(minor: number, currency: CurrencyCode): string {
  return formatMoney(minor, currency).replace(`${currency} `, '');
}

function paymentInstructions(model: Pick<InvoicePdfModel, 'payment'>, reference: string, w: Words): string[] {
  const { mpesa, bank, note } = model.payment;
  const out: string[] = [];
  // The same words as the email and the Settings example; a Paybill's account is the document number.
  const mpesaText = mpesa.number ? mpesaLine(model.payment, reference, w.language) : null;
  if (mpesaText) out.push(mpesaText);
  if (bank.bankName || bank.accountNumber) {
    out.push(w.t('pay.bank', { details: [bank.bankName, bank.branch && w.t('pay.branch', { branch: bank.branch })].filter(Boolean).join(', ') }));
    if (bank.accountName) out.push(w.t('pay.accountName', { name: bank.accountName }));
    if (bank.accountNumber) out.push(w.t('pay.accountNumber', { number: bank.accountNumber }));
    if (bank.swift) out.push(w.t('pay.swift', { code: bank.swift }));
  }
  if (note) out.push(note);
  return out;
}

function invoiceMark(status: InvoicePdfModel['invoice']['status'], w: Words): Mark | null {
  if (status === 'draft') return { text: w.t('pdf.mark.draft'), tone: 'muted' };
  if (status === 'paid') return { text: w.t('pdf.mark.paid'), tone: 'good' };
  if (status === 'void') return { text: w.t('pdf.mark.void'), tone: 'bad' };
  return null;
}

function invoiceStatusLine(invoice: InvoicePdfModel['invoice'], w: Words): string {
  if (invoice.status === 'void') return w.t('pdf.voided', { hasReason: invoice.voidReason ? 'yes' : 'no', reason: invoice.voidReason ?? '' });
  if (invoice.status === 'paid') return invoice.paidOn ? w.t('pdf.paidInFullOn', { date: w.date(invoice.paidOn) }) : w.t('pdf.paidInFull');
  if (invoice.overdue) return w.t('pdf.overdueBy', { days: invoice.daysOverdue });
  return '';
}

/** The last logo checked: every PDF of a batch carries the same one, and decoding it each time is waste. */
let checkedLogo: { dataUrl: string; ok: boolean } | null = null;

/** A logo saved before its bytes were checked (or one too large) is left out rather than slowing every PDF. */
function etimsView(print: EtimsPrint | null): EtimsView | null {
  if (!print) return null;
  if (print.state === 'awaiting') return { state: 'awaiting', facts: [], qr: [], verifyUrl: '' };
  return {
    state: 'signed',
    facts: [
      ['CU invoice no.', print.cuInvoiceNo],
      ['CU date', print.signedAt],
      ['KRA invoice no.', print.kraInvoiceNo],
      ...(print.originalCuInvoiceNo ? ([['Original CU invoice no.', print.originalCuInvoiceNo]] as [string, string][]) : []),
      ['Internal data', print.internalData],
      ['Receipt signature', print.signature],
    ],
    qr: print.qr,
    verifyUrl: print.verifyUrl,
  };
}

export function printableLogo(dataUrl: string): string | null {
  if (!dataUrl) return null;
  if (checkedLogo?.dataUrl !== dataUrl) checkedLogo = { dataUrl, ok: logoProblem(dataUrl) === null };
  return checkedLogo.ok ? dataUrl : null;
}

function labelsOf(w: Words, currency: CurrencyCode, partyTitle: string): Labels {
  return {
    billTo: partyTitle,
    customerCode: (code) => w.t('pdf.customerCode', { code }),
    description: w.t('pdf.description'),
    quantity: w.t('pdf.quantity'),
    qty: w.t('pdf.qty'),
    unitPrice: w.t('pdf.unitPrice', { currency }),
    price: w.t('pdf.price', { currency }),
    vat: w.t('pdf.vat'),
    vatRate: w.t('pdf.vatRate'),
    vatAmount: w.t('pdf.vatAmount'),
    amountIn: w.t('pdf.amountIn', { currency }),
    taxSummary: w.t('pdf.taxSummary'),
    rate: w.t('pdf.rate'),
    taxableAmount: w.t('pdf.taxableAmount'),
    total: w.t('pdf.total'),
    howToPay: w.t('howToPay.heading'),
    notes: w.t('pdf.notes'),
    page: (page, pages) => w.t('pdf.page', { page, pages }),
    currency: w.t('pdf.currency'),
    lineAmountsNote: w.t('pdf.lineAmountsNote'),
    paymentsReceived: w.t('pdf.paymentsReceived'),
    date: w.t('pdf.date'),
    receipt: w.t('pdf.receipt'),
    method: w.t('pdf.method'),
    reference: w.t('pdf.reference'),
    amount: w.t('pdf.amount'),
    creditNotes: w.t('pdf.creditNotes'),
    number: w.t('pdf.number'),
    reason: w.t('pdf.reason'),
  };
}

/** What an invoice and a quote print alike: the parties, the lines, the totals up to "Total". */
function body(doc: PdfDocumentBody, business: InvoicePdfModel['business'], w: Words) {
  const { currency, totals, customer } = doc;
  const money = (minor: number) => formatMoney(minor, currency);
  const vat = showsVat(business.vatRegistered, doc.lines);
  const rows: AmountRow[] = [{ label: w.t(vat ? 'pdf.subtotalExclVat' : 'pdf.subtotal'), value: money(totals.subtotalMinor), strong: false }];
  if (totals.discountMinor > 0) {
    rows.push({
      label: doc.discount?.kind === 'percent' ? w.t('pdf.discountPercent', { percent: taxRateLabel(doc.discount.bp) }) : w.t('pdf.discount'),
      value: money(-totals.discountMinor), strong: false,
    });
  }
  if (vat) rows.push({ label: w.t('pdf.vat'), value: money(totals.taxMinor), strong: false });
  rows.push({ label: w.t('pdf.total'), value: money(totals.totalMinor), strong: true });
  const taxSummary = !vat ? [] : totals.taxSummary.map((row) => ({
    rate: row.taxRateBp === null ? w.t('pdf.exempt') : w.t('pdf.vatAt', { rate: taxRateLabel(row.taxRateBp) }),
    net: money(row.netMinor),
    tax: money(row.taxMinor),
    gross: money(row.netMinor + row.taxMinor),
  }));
  return {
    vat,
    rows,
    taxSummary,
    taxLines: taxSummary.map((r) => w.t('pdf.vatLine', { rate: r.rate, net: r.net, tax: r.tax })),
    business: {
      name: printable(business.name),
      addressLines: addressLines(business).map(printable),
      pin: business.taxId ? `PIN ${business.taxId}` : '',
      contacts: [business.phone, business.email, business.website].filter(Boolean).map(printable),
      logo: printableLogo(business.logoDataUrl),
    },
    customer: {
      name: printable(customer.name),
      code: customer.code,
      addressLines: addressLines(customer.address).map(printable),
      pin: customer.taxId ? `PIN ${customer.taxId}` : '',
      email: customer.email,
      phone: customer.phone ? formatPhone(customer.phone) : '',
    },
    pricesNote: !vat ? '' : w.t(doc.pricesIncludeTax ? 'pdf.pricesIncludeVat' : 'pdf.pricesExcludeVat'),
    lines: doc.lines.map((line, i) => ({
      position: String(i + 1),
      description: printable(line.description),
      quantity: printedQuantity(line.quantityMilli, line.unit),
      unitPrice: figure(line.unitPriceMinor, currency),
      taxRate: taxRateLabel(line.taxRateBp),
      taxAmount: figure(line.taxMinor, currency),
      amount: figure(line.amountMinor, currency),
    })),
    notes: printable(doc.notes),
    terms: printable(w.terms(doc.terms)),
  };
}

function quoteView(model: QuotePdfModel): InvoiceView {
  const { quote } = model;
  const w = wordsFor(model.language);
  const b = body(quote, model.business, w);
  const proforma = quote.proforma;
  const issueDate = w.date(quote.issueDate);
  const expiryDate = w.date(quote.expiryDate);
  const status = quote.state === 'accepted' ? w.t('quote.accepted', { date: w.date(quote.decidedOn ?? quote.issueDate) })
    : quote.state === 'declined' ? w.t('quote.declined', { date: w.date(quote.decidedOn ?? quote.issueDate) })
      : quote.state === 'expired' ? w.t('quote.expired', { date: expiryDate }) : '';
  const mark: Mark | null = quote.state === 'accepted' ? { text: w.t('quote.mark.accepted'), tone: 'good' }
    : quote.state === 'declined' ? { text: w.t('quote.mark.declined'), tone: 'bad' }
      : quote.state === 'expired' ? { text: w.t('quote.mark.expired'), tone: 'muted' } : null;
  const heading = w.t(proforma ? 'quote.proformaTitle' : 'quote.title');
  const totalRow = b.rows.at(-1)!;
  return {
    language: model.language,
    vat: b.vat,
    heading,
    detailedHeading: heading,
    number: quote.number,
    documentLine: w.t(proforma ? 'quote.proformaDocumentTitle' : 'quote.documentTitle', { number: quote.number }),
    mark,
    currency: quote.currency,
    business: b.business,
    customer: b.customer,
    issueDate,
    dueDate: expiryDate,
    terms: b.terms,
    statusLine: printable(status),
    facts: [
      [w.t(proforma ? 'quote.proformaNo' : 'quote.quoteNo'), quote.number], [w.t('quote.date'), issueDate], [w.t('quote.validUntil'), expiryDate],
      [w.t('pdf.terms'), b.terms], [w.t('pdf.status'), printable(status)],
    ],
    simpleFacts: [`${w.t('quote.date')} ${issueDate}`, `${w.t('quote.validUntil')} ${expiryDate}`, status].filter(Boolean),
    pricesNote: b.pricesNote,
    lines: b.lines,
    // A quote's total is what it comes to; a pro-forma's is what is asked for now.
    totals: proforma ? b.rows.slice(0, -1) : b.rows,
    due: proforma ? { label: w.t('pdf.amountDue'), value: totalRow.value, strong: true } : null,
    taxSummary: b.taxSummary,
    taxLines: b.taxLines,
    payments: [],
    creditNotes: [],
    etims: null,
    // A pro-forma asks to be paid (its number is the Paybill account); a quote asks for nothing yet.
    paymentInstructions: proforma ? paymentInstructions(model, quote.number, w).map(printable) : [],
    payOnline: null,
    notes: b.notes,
    footnotes: [w.t('quote.validity', { date: expiryDate, issued: issueDate }), ...(proforma ? [w.t('quote.proformaNote')] : [])],
    labels: labelsOf(w, quote.currency, w.t('quote.for')),
    title: w.t(proforma ? 'quote.proformaDocumentTitle' : 'quote.documentTitle', { number: quote.number }),
    subject: w.t(proforma ? 'quote.proformaDocumentTitle' : 'quote.documentTitle', { number: quote.number }),
  };
}

export function invoiceView(model: InvoicePdfModel | QuotePdfModel): InvoiceView {
  if (model.kind === 'quote') return quoteView(model);
  const { invoice } = model;
  const w = wordsFor(model.language ?? 'en');
  const b = body(invoice, model.business, w);
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const rows = [...b.rows];
  if (invoice.creditedMinor > 0) rows.push({ label: w.t('pdf.credited'), value: money(-invoice.creditedMinor), strong: false });
  if (invoice.paidMinor > 0) rows.push({ label: w.t('pdf.paid'), value: money(-invoice.paidMinor), strong: false });
  const due: AmountRow | null = invoice.status === 'void'
    ? null
    : invoice.status === 'draft'
      ? { label: w.t('pdf.amountDue'), value: money(invoice.totals.totalMinor), strong: true }
      : { label: w.t('pdf.balanceDue'), value: money(invoice.balanceMinor), strong: true };
  const number = invoice.number ?? w.t('pdf.draftNumber');
  const issueDate = w.date(invoice.issueDate);
  const dueDate = w.date(invoice.dueDate);
  const statusLine = printable(invoiceStatusLine(invoice, w));
  return {
    language: model.language ?? 'en',
    vat: b.vat,
    heading: w.t('pdf.invoice'),
    detailedHeading: w.t(b.vat ? 'pdf.taxInvoice' : 'pdf.invoice'),
    number,
    documentLine: w.t('pdf.invoiceTitle', { number }),
    mark: invoiceMark(invoice.status, w),
    currency: invoice.currency,
    business: b.business,
    customer: b.customer,
    issueDate,
    dueDate,
    terms: b.terms,
    statusLine,
    facts: [[w.t('pdf.invoiceNo'), number], [w.t('pdf.issueDate'), issueDate], [w.t('pdf.dueDate'), dueDate], [w.t('pdf.terms'), b.terms], [w.t('pdf.status'), statusLine]],
    simpleFacts: [w.t('pdf.issued', { date: issueDate }), `${w.t('pdf.due', { date: dueDate })}${b.terms ? ` (${b.terms})` : ''}`, statusLine].filter(Boolean),
    pricesNote: b.pricesNote,
    lines: b.lines,
    totals: rows,
    due,
    taxSummary: b.taxSummary,
    taxLines: b.taxLines,
    // What each payment settles here; one that settles nothing (its credit went to another invoice first) is not listed.
    payments: invoice.payments.filter((p) => !p.reversed && p.amountMinor > 0).map((p) => ({
      date: w.date(p.allocatedOn),
      receipt: p.paymentNumber,
      method: w.method(p.method),
      reference: printable(p.reference),
      amount: money(p.amountMinor),
    })),
    creditNotes: invoice.creditNotes.map((c) => ({
      number: c.number, date: w.date(c.issueDate), reason: printable(c.reason), amount: money(c.amountMinor),
      cu: c.etimsPrint?.state === 'signed' ? c.etimsPrint.cuInvoiceNo : c.etimsPrint ? 'Awaiting eTIMS' : '',
    })),
    etims: etimsView(invoice.etimsPrint ?? null),
    paymentInstructions: paymentInstructions(model, invoice.number ?? w.t('pay.theInvoiceNumber'), w).map(printable),
    payOnline: 'payOnline' in model && model.payOnline ? { label: w.t('pdf.payOnline'), url: model.payOnline.url, qr: model.payOnline.qr, scan: w.t('pdf.scanToPay') } : null,
    notes: b.notes,
    footnotes: [],
    labels: labelsOf(w, invoice.currency, w.t('pdf.billTo')),
    title: invoice.number ? w.t('pdf.invoiceTitle', { number: invoice.number }) : w.t('pdf.draftTitle', { name: printable(invoice.customer.name) }),
    subject: w.t('pdf.subjectInvoice', { name: b.customer.name }),
  };
}
