// The payments screen's summaries: a day's takings per method (the M-Pesa till at closing time) and
// the list as a CSV for the accountant.
import Papa from 'papaparse';
import type { ChannelParsed } from '../../../shared/contract';
import { spreadsheetSafe } from '../../../shared/csv';
import type { PaymentMethod } from '../../../shared/domain/customer';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import type { DayTakings } from '../../../shared/domain/payment';
import { MINOR_DIGITS, type CurrencyCode } from '../../../shared/money';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import * as repo from './repo';

export function dayTakings(ctx: CoreContext, date: string): DayTakings {
  const rows = repo.dayTotals(ctx.sql, date).map((r) => ({
    method: r.method as PaymentMethod, currency: r.currency as CurrencyCode, count: r.count, amountMinor: r.amount_minor,
  }));
  const totals = new Map<CurrencyCode, { currency: CurrencyCode; count: number; amountMinor: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { currency: r.currency, count: 0, amountMinor: 0 };
    t.count += r.count;
    t.amountMinor += r.amountMinor;
    totals.set(r.currency, t);
  }
  return { date, rows, totals: [...totals.values()] };
}

/** 123450 KES -> "1234.50": a plain decimal a spreadsheet adds up. */
function decimal(minor: number, currency: string): string {
  const digits = MINOR_DIGITS[currency as CurrencyCode] ?? 2;
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function exportPayments(ctx: CoreContext, query: ChannelParsed<'payments.export'>): { fileName: string; csvText: string; rows: number } {
  const rows = repo.allPayments(ctx.sql, query).map((p) => ({
    Receipt: p.number,
    Date: p.paid_on,
    Customer: p.customer_name,
    Method: PAYMENT_METHOD_LABELS[p.method as PaymentMethod] ?? p.method,
    Reference: p.reference,
    Amount: decimal(p.amount_minor, p.currency),
    Currency: p.currency,
    Invoices: (p.invoice_numbers ?? '').split(',').filter(Boolean).join('; '),
    'Kept as credit': decimal(p.status === 'reversed' ? 0 : p.amount_minor - p.allocated_minor, p.currency),
    Status: p.status === 'reversed' ? 'Reversed' : 'Received',
    Notes: p.notes,
  }));
  // Every cell through the one guard: references and notes are typed by people.
  const safe = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)])));
  const csvText = Papa.unparse(safe, { newline: '\r\n', columns: ['Receipt', 'Date', 'Customer', 'Method', 'Reference', 'Amount', 'Currency', 'Invoices', 'Kept as credit', 'Status', 'Notes'] });
  return { fileName: `payments-${businessDate(ctx.clock.now())}.csv`, csvText: `\uFEFF${csvText}\r\n`, rows: rows.length };
}
