// The model as the words a template prints: every number formatted, every optional part decided.
// Templates only lay these out, so all three print the same figures and a wrong one is wrong everywhere.
import { mpesaLine } from '../../../../shared/paymentLines';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/domain/invoice';
import { logoProblem } from '../../../../shared/images';
import { addressLines } from '../../../../shared/domain/address';
import { formatPhone } from '../../../../shared/domain/phone';
import type { InvoicePdfModel } from '../model';
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

export interface EtimsView {
  state: 'signed' | 'awaiting';
  /** Label and value, in the order KRA's invoice layout has them. */
  facts: [string, string][];
  /** The QR code's modules (rows of 0 and 1) and where it leads. */
  qr: string[];
  verifyUrl: string;
}

export interface InvoiceView {
  /** False for a business that is not VAT-registered (and an invoice with no VAT): no VAT column, rows or note. */
  vat: boolean;
  /** "INV-2026-0001", or "DRAFT" before a number is given. */
  number: string;
  /** The stamp across the page, when there is one. */
  mark: 'DRAFT' | 'PAID' | 'VOID' | null;
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
  pricesNote: string;
  lines: LineView[];
  totals: AmountRow[];
  /** What is still owed, with its label ("Balance due", "Amount due"); null on a void invoice. */
  due: AmountRow | null;
  taxSummary: TaxRow[];
  payments: { date: string; receipt: string; method: string; reference: string; amount: string }[];
  creditNotes: { number: string; date: string; reason: string; amount: string; cu: string }[];
  /** KRA eTIMS: signed (with what KRA's rules say to print, and the QR code), or awaiting KRA; null when eTIMS does not apply. */
  etims: EtimsView | null;
  paymentInstructions: string[];
  notes: string;
  /** For the document's metadata. */
  title: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-21" -> "21 Nov 2026": no day/month order to misread. */
export function printedDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
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


function paymentInstructions(model: InvoicePdfModel): string[] {
  const { mpesa, bank, note } = model.payment;

  const out: string[] = [];
  // The same words as the email and the Settings example; a Paybill's account is the invoice number.
  const mpesaText = mpesa.number ? mpesaLine(model.payment, model.invoice.number ?? 'the invoice number') : null;
  if (mpesaText) out.push(mpesaText);
  if (bank.bankName || bank.accountNumber) {
    out.push(`Bank transfer: ${[bank.bankName, bank.branch && `${bank.branch} branch`].filter(Boolean).join(', ')}`);
    if (bank.accountName) out.push(`Account name: ${bank.accountName}`);
    if (bank.accountNumber) out.push(`Account number: ${bank.accountNumber}`);
    if (bank.swift) out.push(`SWIFT: ${bank.swift}`);
  }
  if (note) out.push(note);
  return out;
}

function markOf(status: InvoicePdfModel['invoice']['status']): InvoiceView['mark'] {
  return status === 'draft' ? 'DRAFT' : status === 'paid' ? 'PAID' : status === 'void' ? 'VOID' : null;
}

function statusLine(invoice: InvoicePdfModel['invoice']): string {
  if (invoice.status === 'void') return `Voided${invoice.voidReason ? `: ${invoice.voidReason}` : ''}`;
  if (invoice.status === 'paid') return invoice.paidOn ? `Paid in full on ${printedDate(invoice.paidOn)}` : 'Paid in full';
  if (invoice.overdue) return `Overdue by ${invoice.daysOverdue} ${invoice.daysOverdue === 1 ? 'day' : 'days'}`;
  return '';
}

/** The last logo checked: every PDF of a batch carries the same one, and decoding it each time is waste. */
let checkedLogo: { dataUrl: string; ok: boolean } | null = null;

/** A logo saved before its bytes were checked (or one too large) is left out rather than slowing every PDF. */
function printableLogo(dataUrl: string): string | null {
  if (!dataUrl) return null;
  if (checkedLogo?.dataUrl !== dataUrl) checkedLogo = { dataUrl, ok: logoProblem(dataUrl) === null };
  return checkedLogo.ok ? dataUrl : null;
}

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

export function invoiceView(model: InvoicePdfModel): InvoiceView {
  const { invoice, business } = model;
  const { currency, totals, customer } = invoice;
  const money = (minor: number) => formatMoney(minor, currency);
  const vat = showsVat(business.vatRegistered, invoice.lines);
  const rows: AmountRow[] = [{ label: vat ? 'Subtotal (excl. VAT)' : 'Subtotal', value: money(totals.subtotalMinor), strong: false }];
  if (totals.discountMinor > 0) {
    const percent = invoice.discount?.kind === 'percent' ? ` (${taxRateLabel(invoice.discount.bp)})` : '';
    rows.push({ label: `Discount${percent}`, value: money(-totals.discountMinor), strong: false });
  }
  if (vat) rows.push({ label: 'VAT', value: money(totals.taxMinor), strong: false });
  rows.push({ label: 'Total', value: money(totals.totalMinor), strong: true });
  if (invoice.creditedMinor > 0) rows.push({ label: 'Credited', value: money(-invoice.creditedMinor), strong: false });
  if (invoice.paidMinor > 0) rows.push({ label: 'Paid', value: money(-invoice.paidMinor), strong: false });
  const due: AmountRow | null = invoice.status === 'void'
    ? null
    : invoice.status === 'draft'
      ? { label: 'Amount due', value: money(totals.totalMinor), strong: true }
      : { label: 'Balance due', value: money(invoice.balanceMinor), strong: true };

  const number = invoice.number ?? 'DRAFT';
  return {
    vat,
    number,
    mark: markOf(invoice.status),
    currency,
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
    issueDate: printedDate(invoice.issueDate),
    dueDate: printedDate(invoice.dueDate),
    terms: printable(invoice.terms),
    statusLine: printable(statusLine(invoice)),
    pricesNote: !vat ? '' : invoice.pricesIncludeTax ? 'Prices include VAT' : 'Prices exclude VAT',
    lines: invoice.lines.map((line, i) => ({
      position: String(i + 1),
      description: printable(line.description),
      quantity: printedQuantity(line.quantityMilli, line.unit),
      unitPrice: figure(line.unitPriceMinor, currency),
      taxRate: taxRateLabel(line.taxRateBp),
      taxAmount: figure(line.taxMinor, currency),
      amount: figure(line.amountMinor, currency),
    })),
    totals: rows,
    due,
    taxSummary: !vat ? [] : totals.taxSummary.map((row) => ({
      rate: row.taxRateBp === null ? 'Exempt' : `VAT ${taxRateLabel(row.taxRateBp)}`,
      net: money(row.netMinor),
      tax: money(row.taxMinor),
      gross: money(row.netMinor + row.taxMinor),
    })),
    payments: invoice.payments.filter((p) => !p.reversed).map((p) => ({
      date: printedDate(p.allocatedOn),
      receipt: p.paymentNumber,
      method: PAYMENT_METHOD_LABELS[p.method],
      reference: printable(p.reference),
      amount: money(p.amountMinor),
    })),
    creditNotes: invoice.creditNotes.map((c) => ({
      number: c.number, date: printedDate(c.issueDate), reason: printable(c.reason), amount: money(c.amountMinor),
      cu: c.etimsPrint?.state === 'signed' ? c.etimsPrint.cuInvoiceNo : c.etimsPrint ? 'Awaiting eTIMS' : '',
    })),
    etims: etimsView(invoice.etimsPrint ?? null),
    paymentInstructions: paymentInstructions(model).map(printable),
    notes: printable(invoice.notes),
    title: invoice.number ? `Invoice ${invoice.number}` : `Draft invoice for ${printable(customer.name)}`,
  };
}
