// Recurring billing found in a customer's history: the same items at a regular cadence, at least
// three times, suggest the next invoice.
import { addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';
import type { Cadence, RecurringSuggestion } from '../../../shared/domain/drafting';
import type { CurrencyCode } from '../../../shared/money';
import { computeTotals } from '../../../shared/totals';
import { addDays } from '../clock';
import type { PastInvoice } from './history';
import { textDate } from '../../../shared/dates';

const MIN_OCCURRENCES = 3;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_WORDS = new RegExp(`\\b(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})\\b`, 'gi');

/** Cadences with the interval they mean and how far a real schedule drifts from it. */
const CADENCES: { cadence: Cadence; days: number; tolerance: number; months: number }[] = [
  { cadence: 'weekly', days: 7, tolerance: 2, months: 0 },
  { cadence: 'monthly', days: 30.4, tolerance: 6, months: 1 },
  { cadence: 'quarterly', days: 91.3, tolerance: 12, months: 3 },
  { cadence: 'yearly', days: 365.2, tolerance: 20, months: 12 },
];

/** The items an invoice bills, with dates and numbers taken out: "Hosting for October 2026" and "Hosting for November" match. */
function signature(invoice: PastInvoice): string {
  return invoice.lines
    .map((l) => l.description.toLowerCase().replace(MONTH_WORDS, '').replace(/\d+/g, '').replace(/[^a-z]+/g, ' ').trim())
    .sort()
    .join('|');
}

/** "Retainer for October 2026" on the next invoice reads "Retainer for November 2026". */
export function rollDescription(description: string, from: string, to: string): string {
  const fromMonth = format(parseISO(from), 'MMMM');
  const toMonth = format(parseISO(to), 'MMMM');
  const fromYear = from.slice(0, 4);
  const toYear = to.slice(0, 4);
  let text = description.replace(new RegExp(`\\b${fromMonth}\\b`, 'g'), toMonth);
  if (fromMonth !== toMonth) text = text.replace(new RegExp(`\\b${fromMonth.slice(0, 3)}\\b`, 'g'), toMonth.slice(0, 3));
  if (fromYear !== toYear) text = text.replace(new RegExp(`\\b${fromYear}\\b`, 'g'), toYear);
  return text;
}

function nextDate(last: string, cadence: (typeof CADENCES)[number]): string {
  if (cadence.months === 0) return addDays(last, cadence.days);
  return format(addMonths(parseISO(last), cadence.months), 'yyyy-MM-dd');
}

export function recurringSuggestions(customer: { id: string; name: string }, history: PastInvoice[], today: string): RecurringSuggestion[] {
  const groups = new Map<string, PastInvoice[]>();
  for (const invoice of history) {
    const key = `${invoice.currency}:${signature(invoice)}`;
    groups.set(key, [...(groups.get(key) ?? []), invoice]);
  }
  const suggestions: RecurringSuggestion[] = [];
  for (const [key, invoices] of groups) {
    if (invoices.length < MIN_OCCURRENCES) continue;
    const ordered = [...invoices].sort((a, b) => a.issueDate.localeCompare(b.issueDate));
    const gaps = ordered.slice(1).map((inv, i) => differenceInCalendarDays(parseISO(inv.issueDate), parseISO(ordered[i]!.issueDate)));
    const cadence = CADENCES.find((c) => gaps.every((g) => Math.abs(g - c.days) <= c.tolerance));
    if (!cadence) continue;
    const last = ordered[ordered.length - 1]!;
    const next = nextDate(last.issueDate, cadence);
    const lines = last.lines.map((l) => ({ ...l, description: rollDescription(l.description, last.issueDate, next) }));
    const totals = computeTotals({ lines, pricesIncludeTax: last.pricesIncludeTax, discount: last.discount });
    const items = [...new Set(last.lines.map((l) => l.description))].slice(0, 3).join(', ');
    suggestions.push({
      key: `${customer.id}:${hash(key)}:${next}`,
      customerId: customer.id,
      customerName: customer.name,
      currency: last.currency as CurrencyCode,
      cadence: cadence.cadence,
      nextIssueDate: next,
      lines,
      pricesIncludeTax: last.pricesIncludeTax,
      discount: last.discount,
      totalMinor: totals.totalMinor,
      basedOn: ordered.slice(-6).map((i) => ({ invoiceId: i.id, number: i.number, issueDate: i.issueDate })),
      reason: `Billed ${items} ${cadence.cadence} on ${ordered.length} invoices, last on ${textDate(last.issueDate)} (${last.number}).`,
      // A rhythm that stopped more than two cadences ago is history, not something due.
      dueSoon: next <= addDays(today, 7) && next >= addDays(today, -2 * Math.round(cadence.days)),
    });
  }
  return suggestions.sort((a, b) => a.nextIssueDate.localeCompare(b.nextIssueDate));
}

/** A short stable hash (FNV-1a) so a suggestion's key does not carry the item names. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
