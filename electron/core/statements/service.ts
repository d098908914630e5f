// A customer's statement of account for a period, worked out from the books as they stand: what was
// owed before the period (the opening balance), every invoice, opening balance, payment, credit note
// and refund in it in date order with the balance after each (a reversal is a line of its own on the
// day it was reversed, so a statement sent last month still reads true), the closing balance, and the
// aging of what each invoice still owed at the end of the period. Void invoices were never owed and
// drafts not yet: neither appears. A positive balance is owed by the customer; negative is credit.
import { AppError } from '../../../shared/errors';
import type { PaymentMethod } from '../../../shared/domain/customer';
import type { Statement, StatementAging, StatementLine, StatementLineKind, StatementPeriod } from '../../../shared/domain/statement';
import { wordsFor } from '../../../shared/i18n';
import type { CurrencyCode } from '../../../shared/money';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import { today } from '../invoices/service';
import { customerLanguage } from '../send/facts';

/** Same-day lines in the order they happen: what was billed, then what came in and went back. */
const ORDER: Record<StatementLineKind, number> = {
  opening_balance: 0, invoice: 1, credit_note: 2, payment: 3, refund: 4, payment_reversed: 5, refund_reversed: 6,
};

interface Event {
  date: string;
  kind: StatementLineKind;
  id: string;
  number: string;
  seq: number;
  chargeMinor: number;
  creditMinor: number;
  dueDate: string | null;
  method: PaymentMethod | null;
  reference: string;
  invoiceNumber?: string;
}

const dayOf = (iso: string) => businessDate(new Date(iso));

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every money event of the customer up to `to`, in statement order. */
function eventsUpTo(ctx: CoreContext, customerId: string, to: string): Event[] {
  const sql = ctx.sql;
  const events: Event[] = [];
  const invoices = sql
    .prepare(
      `SELECT id, number, kind, issue_date, due_date, total_minor, seq FROM invoices
       WHERE customer_seq = (SELECT seq FROM customers WHERE id = ?) AND status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL AND issue_date <= ?`,
    )
    .all(customerId, to) as { id: string; number: string; kind: string; issue_date: string; due_date: string; total_minor: number; seq: number }[];
  for (const i of invoices) {
    events.push({
      date: i.issue_date, kind: i.kind === 'opening_balance' ? 'opening_balance' : 'invoice', id: i.id, number: i.number, seq: i.seq,
      chargeMinor: i.total_minor, creditMinor: 0, dueDate: i.due_date, method: null, reference: '',
    });
  }
  const payments = sql
    .prepare(`SELECT id, number, paid_on, amount_minor, method, reference, status, reversed_at, seq FROM payments
      WHERE customer_seq = (SELECT seq FROM customers WHERE id = ?) AND deleted_at IS NULL AND paid_on <= ?`)
    .all(customerId, to) as { id: string; number: string; paid_on: string; amount_minor: number; method: string; reference: string; status: string; reversed_at: string | null; seq: number }[];
  for (const p of payments) {
    const base = { id: p.id, number: p.number, seq: p.seq, dueDate: null, method: p.method as PaymentMethod, reference: p.reference };
    events.push({ ...base, date: p.paid_on, kind: 'payment', chargeMinor: 0, creditMinor: p.amount_minor });
    if (p.status === 'reversed' && p.reversed_at) {
      const on = dayOf(p.reversed_at);
      if (on <= to) events.push({ ...base, date: on < p.paid_on ? p.paid_on : on, kind: 'payment_reversed', chargeMinor: p.amount_minor, creditMinor: 0 });
    }
  }
  const credits = sql
    .prepare(
      `SELECT cn.id, cn.number, cn.issue_date, cn.amount_minor, cn.seq, i.number AS invoice_number FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id
       WHERE cn.customer_id = ? AND cn.deleted_at IS NULL AND cn.issue_date <= ?`,
    )
    .all(customerId, to) as { id: string; number: string; issue_date: string; amount_minor: number; seq: number; invoice_number: string }[];
  for (const c of credits) {
    events.push({
      date: c.issue_date, kind: 'credit_note', id: c.id, number: c.number, seq: c.seq, chargeMinor: 0, creditMinor: c.amount_minor, dueDate: null,
      method: null, reference: '', invoiceNumber: c.invoice_number,
    });
  }
  const refunds = sql
    .prepare('SELECT id, number, refunded_on, amount_minor, method, reference, status, reversed_on, seq FROM refunds WHERE customer_id = ? AND deleted_at IS NULL AND refunded_on <= ?')
    .all(customerId, to) as { id: string; number: string; refunded_on: string; amount_minor: number; method: string; reference: string; status: string; reversed_on: string | null; seq: number }[];
  for (const r of refunds) {
    const base = { id: r.id, number: r.number, seq: r.seq, dueDate: null, method: r.method as PaymentMethod, reference: r.reference };
    events.push({ ...base, date: r.refunded_on, kind: 'refund', chargeMinor: r.amount_minor, creditMinor: 0 });
    if (r.status === 'reversed' && r.reversed_on && r.reversed_on <= to) {
      events.push({ ...base, date: r.reversed_on < r.refunded_on ? r.refunded_on : r.reversed_on, kind: 'refund_reversed', chargeMinor: 0, creditMinor: r.amount_minor });
    }
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER[a.kind] - ORDER[b.kind] || a.seq - b.seq));
}

/**
 * What each invoice still owed at the end of `to`, by how far past due it was then. An allocation
 * reversed since counts for what it says, as in receivables (analytics/receivables/repo.ts): what it
 * settled while it stood is kept by no computer, so every computer reads the same.
 */
function agingAt(ctx: CoreContext, customerId: string, to: string): StatementAging {
  const rows = ctx.sql
    .prepare(
      `SELECT i.due_date, i.total_minor
         - coalesce((SELECT sum(CASE WHEN a.reversed_at IS NULL THEN a.applied_minor ELSE a.amount_minor END) FROM payment_allocations a WHERE a.invoice_seq = i.seq AND a.allocated_on <= @to
             AND (a.reversed_at IS NULL OR coalesce(a.reversed_on, substr(a.reversed_at, 1, 10)) > @to)), 0)
         - coalesce((SELECT sum(cn.amount_minor) FROM credit_notes cn WHERE cn.invoice_id = i.id AND cn.deleted_at IS NULL AND cn.issue_date <= @to), 0) AS owed
       FROM invoices i
       WHERE i.customer_seq = (SELECT seq FROM customers WHERE id = @customerId) AND i.status IN ('open', 'partially_paid', 'paid') AND i.deleted_at IS NULL AND i.issue_date <= @to`,
    )
    .all({ customerId, to }) as { due_date: string; owed: number }[];
  const aging: StatementAging = { currentMinor: 0, days1to30Minor: 0, days31to60Minor: 0, days61to90Minor: 0, days90plusMinor: 0, totalMinor: 0 };
  for (const r of rows) {
    if (r.owed <= 0) continue;
    const late = daysBetween(r.due_date, to);
    if (late <= 0) aging.currentMinor += r.owed;
    else if (late <= 30) aging.days1to30Minor += r.owed;
    else if (late <= 60) aging.days31to60Minor += r.owed;
    else if (late <= 90) aging.days61to90Minor += r.owed;
    else aging.days90plusMinor += r.owed;
    aging.totalMinor += r.owed;
  }
  return aging;
}

export function buildStatement(ctx: CoreContext, period: StatementPeriod): Statement {
  const customer = getCustomerRow(ctx.sql, period.customerId);
  if (!customer) throw new AppError('not_found', 'That customer does not exist.', { customerId: 'Choose a customer' });
  const madeOn = today(ctx);
  if (period.from > madeOn) throw new AppError('invalid_input', 'A statement cannot start in the future.', { from: 'In the future' });
  // A period running past today is read up to today: nothing after it has happened.
  const to = period.to > madeOn ? madeOn : period.to;
  const language = customerLanguage(ctx, customer.id);
  const w = wordsFor(language);
  let balance = 0;
  let charges = 0;
  let credits = 0;
  let opening = 0;
  const lines: StatementLine[] = [];
  for (const e of eventsUpTo(ctx, customer.id, to)) {
    balance += e.chargeMinor - e.creditMinor;
    if (e.date < period.from) {
      opening = balance;
      continue;
    }
    charges += e.chargeMinor;
    credits += e.creditMinor;
    const hasReference = e.reference ? 'yes' : 'no';
    const description =
      e.kind === 'invoice' ? w.t('statement.invoice', { number: e.number })
        : e.kind === 'opening_balance' ? w.t('statement.openingEntry', { number: e.number })
          : e.kind === 'payment' ? w.t('statement.payment', { number: e.number, hasMethod: 'yes', method: w.method(e.method!), hasReference, reference: e.reference })
            : e.kind === 'payment_reversed' ? w.t('statement.paymentReversed', { number: e.number })
              : e.kind === 'credit_note' ? w.t('statement.creditNote', { number: e.number, invoice: e.invoiceNumber ?? '' })
                : e.kind === 'refund' ? w.t('statement.refund', { number: e.number, method: w.method(e.method!), hasReference, reference: e.reference })
                  : w.t('statement.refundReversed', { number: e.number });
    lines.push({
      date: e.date, kind: e.kind, id: e.id, number: e.number, description, chargeMinor: e.chargeMinor, creditMinor: e.creditMinor,
      balanceMinor: balance, dueDate: e.dueDate, method: e.method, reference: e.reference,
    });
  }
  return {
    customer: {
      id: customer.id, code: customer.code, name: customer.name, email: customer.email, phone: customer.phone, taxId: customer.tax_id,
      address: { street: customer.street, city: customer.city, postalCode: customer.postal_code, country: customer.country },
    },
    language, currency: customer.currency as CurrencyCode, from: period.from, to, madeOn,
    openingBalanceMinor: opening, chargesMinor: charges, creditsMinor: credits, closingBalanceMinor: balance, lines,
    aging: agingAt(ctx, customer.id, to),
  };
}
