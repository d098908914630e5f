// Stored rows -> the Invoice the contract promises. Overdue is decided here, when read.
import type { CurrencyCode } from '../../../shared/money';
import type { Discount, TaxSummaryRow } from '../../../shared/totals';
import type { PaymentMethod } from '../../../shared/domain/customer';
import { defaultTerms } from '../../../shared/domain/invoice';
import type {
  CreditNote, DraftSource, Invoice, InvoiceCustomerRef, InvoiceKind, InvoiceLine, InvoiceListRow, InvoicePaymentEntry, InvoiceStatus, TimelineEntry,
} from '../../../shared/domain/invoice';
import { formatMoney } from '../../../shared/money';
import type { CreditNoteRow, InvoiceListDbRow, InvoicePaymentRow, InvoiceRow, LineRow } from './repo';
import { textDate } from '../../../shared/dates';
import { billToOfStored, taxSummaryOfStored } from '../db/invoiceForms';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Unpaid and past due, as of today. */
export function overdueState(status: string, dueDate: string, today: string): { overdue: boolean; daysOverdue: number } {
  const unpaid = status === 'open' || status === 'partially_paid';
  if (!unpaid || dueDate >= today) return { overdue: false, daysOverdue: 0 };
  return { overdue: true, daysOverdue: daysBetween(dueDate, today) };
}

export function toLine(row: LineRow): InvoiceLine {
  return {
    position: row.position,
    description: row.description,
    quantityMilli: row.quantity_milli,
    unit: row.unit,
    unitPriceMinor: row.unit_price_minor,
    taxRateBp: row.tax_rate_bp,
    priceIncludesTax: row.price_includes_tax === null ? null : row.price_includes_tax === 1,
    amountMinor: row.amount_minor,
    discountMinor: row.discount_minor,
    netMinor: row.net_minor,
    taxMinor: row.tax_minor,
    itemId: row.item_id,
  };
}

export function toCreditNote(row: CreditNoteRow & { invoice_number: string }): CreditNote {
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    customerId: row.customer_id,
    currency: row.currency as CurrencyCode,
    issueDate: row.issue_date,
    reason: row.reason,
    amountMinor: row.amount_minor,
    taxMinor: row.tax_minor,
    taxSummary: JSON.parse(row.tax_summary) as TaxSummaryRow[],
    createdAt: row.created_at,
  };
}

function toPaymentEntry(row: InvoicePaymentRow): InvoicePaymentEntry {
  return {
    paymentId: row.payment_id,
    paymentNumber: row.payment_number,
    allocatedOn: row.allocated_on,
    method: row.method as PaymentMethod,
    reference: row.reference,
    amountMinor: row.amount_minor,
    appliedMinor: row.stated_minor,
    reversed: row.reversed_at !== null,
  };
}

function timelineOf(row: InvoiceRow, payments: InvoicePaymentRow[], credits: CreditNote[], today: string): TimelineEntry[] {
  const currency = row.currency as CurrencyCode;
  const money = (minor: number) => formatMoney(minor, currency);
  const imported = row.source === 'import' || row.kind === 'opening_balance';
  const entries: TimelineEntry[] = imported ? [] : [{ at: row.created_at, kind: 'created', label: 'Draft created' }];
  if (row.draft_version > 1) entries.push({ at: row.finalized_at ?? row.updated_at, kind: 'saved', label: `Draft saved ${row.draft_version} times` });
  if (row.finalized_at) {
    const label = row.kind === 'opening_balance'
      ? `Opening balance brought from another tool as ${row.number ?? ''}`
      : imported ? `Imported from another tool as ${row.number ?? ''}` : `Finalized as ${row.number ?? ''}`;
    entries.push({ at: row.finalized_at, kind: 'finalized', label });
  }
  for (const p of payments) {
    const short = p.reversed_at === null && p.stated_minor > p.amount_minor ? `; ${money(p.stated_minor)} was applied` : '';
    entries.push({ at: p.created_at, kind: 'payment', label: `${money(p.amount_minor)} received (${p.payment_number}, ${textDate(p.allocated_on)}${short})` });
    if (p.reversed_at) entries.push({ at: p.reversed_at, kind: 'payment_reversed', label: `${p.payment_number} reversed: ${money(p.amount_minor)} owed again` });
  }
  for (const c of credits) entries.push({ at: c.createdAt, kind: 'credit_note', label: `Credit note ${c.number} for ${money(c.amountMinor)}: ${c.reason}` });
  if (row.status === 'paid' && row.paid_on) entries.push({ at: `${row.paid_on}T23:59:59.999Z`, kind: 'paid', label: `Paid in full on ${textDate(row.paid_on)}` });
  if (row.voided_at) entries.push({ at: row.voided_at, kind: 'void', label: `Voided: ${row.void_reason ?? ''}` });
  const { overdue, daysOverdue } = overdueState(row.status, row.due_date, today);
  if (overdue) entries.push({ at: `${row.due_date}T23:59:59.999Z`, kind: 'overdue', label: `Overdue since ${textDate(row.due_date)} (${daysOverdue} days)` });
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function toInvoice(
  row: InvoiceRow,
  customer: InvoiceCustomerRef & { template: string },
  lines: LineRow[],
  payments: InvoicePaymentRow[],
  creditNotes: CreditNote[],
  today: string,
  links: Pick<Invoice, 'fromQuote' | 'recurring'> = { fromQuote: null, recurring: null },
): Invoice {
  const { overdue, daysOverdue } = overdueState(row.status, row.due_date, today);
  return {
    id: row.id,
    kind: row.kind as InvoiceKind,
    ...links,
    number: row.number,
    status: row.status as InvoiceStatus,
    overdue,
    daysOverdue,
    customer: row.bill_to === null
      ? {
        id: customer.id, code: customer.code, name: customer.name, email: customer.email, phone: customer.phone,
        taxId: customer.taxId, address: customer.address, paymentTermsDays: customer.paymentTermsDays,
      }
      : { ...billToOfStored(row.bill_to), id: customer.id, code: customer.code },
    currency: row.currency as CurrencyCode,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    dueDateFromTerms: row.due_date_from_terms === 1,
    pricesIncludeTax: row.prices_include_tax === 1,
    discount: row.discount === null ? null : (JSON.parse(row.discount) as Discount),
    notes: row.notes,
    terms: row.terms || defaultTerms(row.issue_date, row.due_date_from_terms === 1 ? null : row.due_date, customer.paymentTermsDays),
    template: (row.template ?? customer.template) as Invoice['template'],
    lines: lines.map(toLine),
    totals: {
      subtotalMinor: row.subtotal_minor,
      discountMinor: row.discount_minor,
      discountShownMinor: lines.reduce((a, l) => a + l.discount_minor, 0),
      taxMinor: row.tax_minor,
      totalMinor: row.total_minor,
      taxSummary: taxSummaryOfStored(row.tax_summary),
    },
    paidMinor: row.paid_minor,
    creditedMinor: row.credited_minor,
    balanceMinor: row.balance_minor,
    paidOn: row.paid_on,
    draft: {
      version: row.draft_version,
      source: row.source as DraftSource,
      prompt: row.prompt,
      aiConfidence: row.ai_confidence,
    },
    finalizedAt: row.finalized_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    payments: payments.map(toPaymentEntry),
    creditNotes,
    timeline: timelineOf(row, payments, creditNotes, today),
  };
}

export function toListRow(row: InvoiceListDbRow, today: string): InvoiceListRow {
  return {
    id: row.id,
    kind: row.kind as InvoiceKind,
    number: row.number,
    status: row.status as InvoiceStatus,
    ...overdueState(row.status, row.due_date, today),
    customerId: row.customer_id,
    customerName: row.customer_name,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    currency: row.currency as CurrencyCode,
    totalMinor: row.total_minor,
    balanceMinor: row.balance_minor,
  };
}
