// Which invoice a sum of money received pays: by the account the customer typed, then by the
// customer's phone and the amount, then by the amount and the date. Each suggestion carries a
// confidence and the reasons for it, in words a person checks against the statement. The book is
// read once into maps, so a month's statement against a large book is a lookup per line.
import { accountMatch, accountReferenceFor, alnumKey, digitsKey, groupsKey } from '../../../../shared/payments/accountReference';
import type { MoneyInSuggestion } from '../../../../shared/channels/statementImport';
import { formatMoney } from '../../../../shared/money';
import type { Sql } from '../../db/sql';

export interface BookInvoice {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  balanceMinor: number;
  status: string;
}

export interface BookCustomer {
  id: string;
  name: string;
  phone: string;
  currency: string;
}

/** The money to place: a statement line or a row of the Unmatched inbox. */
export interface MoneyIn {
  amountMinor: number;
  currency: string;
  paidOn: string;
  payerPhone: string;
  maskedPhone: string;
  payerName: string;
  accountReference: string;
}

export interface MatchBook {
  byKey: Map<string, BookInvoice[]>;
  customersByPhone: Map<string, BookCustomer>;
  /** Customers by the last three digits of their phone, for numbers a statement hides. */
  customersBySuffix: Map<string, BookCustomer[]>;
  unpaidByCustomer: Map<string, BookInvoice[]>;
  unpaidByAmount: Map<number, BookInvoice[]>;
  customers: Map<string, BookCustomer>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every key an account typed for this number could be looked up by. */
function keysOf(number: string): string[] {
  const alnum = alnumKey(number);
  const keys = new Set([`a:${alnum}`, `a:${accountReferenceFor(number)}`, `d:${digitsKey(number)}`, `g:${groupsKey(number)}`]);
  if (alnum.length > 12) keys.add(`a:${alnum.slice(-12)}`);
  return [...keys];
}

function typedKeys(typed: string): string[] {
  const keys = [`a:${alnumKey(typed)}`];
  if (/[0-9]/.test(typed)) keys.push(`d:${digitsKey(typed)}`, `g:${groupsKey(typed)}`);
  return keys;
}

/** Reads the final invoices and the customers with a phone into lookup maps. */
export function loadMatchBook(sql: Sql): MatchBook {
  const book: MatchBook = {
    byKey: new Map(), customersByPhone: new Map(), customersBySuffix: new Map(), unpaidByCustomer: new Map(), unpaidByAmount: new Map(), customers: new Map(),
  };
  const customers = sql.prepare('SELECT id, name, phone, currency FROM customers WHERE deleted_at IS NULL').all() as BookCustomer[];
  for (const c of customers) {
    book.customers.set(c.id, c);
    if (c.phone === '') continue;
    book.customersByPhone.set(c.phone, c);
    push(book.customersBySuffix, c.phone.slice(-3), c);
  }
  const rows = sql
    .prepare(
      `SELECT i.id, i.number, i.customer_id AS customerId, i.currency, i.issue_date AS issueDate, i.due_date AS dueDate,
         i.balance_minor AS balanceMinor, i.status
       FROM invoices i WHERE i.status IN ('open', 'partially_paid', 'paid') AND i.deleted_at IS NULL AND i.number IS NOT NULL
       ORDER BY i.due_date, i.issue_date, i.number`,
    )
    .raw()
    .all() as [string, string, string, string, string, string, number, string][];
  for (const [id, number, customerId, currency, issueDate, dueDate, balanceMinor, status] of rows) {
    const invoice: BookInvoice = { id, number, customerId, customerName: book.customers.get(customerId)?.name ?? '', currency, issueDate, dueDate, balanceMinor, status };
    for (const key of keysOf(number)) push(book.byKey, key, invoice);
    if (balanceMinor > 0 && status !== 'paid') {
      push(book.unpaidByCustomer, customerId, invoice);
      push(book.unpaidByAmount, balanceMinor, invoice);
    }
  }
  return book;
}

/** Customers a hidden number ("2547******444") could be: same length, same visible digits. */
function customersForMask(book: MatchBook, masked: string): BookCustomer[] {
  const digits = masked.replace(/[^0-9*]/g, '');
  const head = /^[0-9]*/.exec(digits)![0];
  const tail = /[0-9]*$/.exec(digits)![0];
  if (tail.length < 3) return [];
  return (book.customersBySuffix.get(tail.slice(-3)) ?? []).filter((c) => {
    const theirs = c.phone.replace(/^\+/, '');
    return theirs.length === digits.length && theirs.startsWith(head) && theirs.endsWith(tail);
  });
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

interface Candidate {
  invoice: BookInvoice | null;
  customer: BookCustomer;
  confidence: number;
  reasons: string[];
}

const MAX_SUGGESTIONS = 5;

/** Suggestions for one sum received, best first (empty when nothing in the books fits). */
export function suggest(book: MatchBook, money: MoneyIn): MoneyInSuggestion[] {
  const amount = formatMoney(money.amountMinor, money.currency as 'KES');
  const byInvoice = new Map<string, Candidate>();
  const byCustomer = new Map<string, Candidate>();
  const payerCustomer = money.payerPhone ? book.customersByPhone.get(money.payerPhone) : undefined;
  const maskCustomers = !payerCustomer && money.maskedPhone ? customersForMask(book, money.maskedPhone) : [];
  const phoneWords = money.payerPhone || money.maskedPhone;
  const payable = (customer: BookCustomer | undefined): customer is BookCustomer => !!customer && customer.currency === money.currency;

  const add = (invoice: BookInvoice, confidence: number, reason: string) => {
    const customer = book.customers.get(invoice.customerId);
    if (!payable(customer) || invoice.currency !== money.currency) return;
    const held = byInvoice.get(invoice.id);
    if (held) {
      held.confidence = Math.max(held.confidence, confidence);
      if (!held.reasons.includes(reason)) held.reasons.push(reason);
    } else byInvoice.set(invoice.id, { invoice, customer, confidence, reasons: [reason] });
  };

  // 1. The account the customer typed names an invoice.
  const typed = money.accountReference.trim();
  if (typed !== '') {
    const seen = new Set<string>();
    for (const key of typedKeys(typed)) {
      for (const invoice of book.byKey.get(key) ?? []) {
        if (seen.has(invoice.id)) continue;
        seen.add(invoice.id);
        const score = accountMatch(typed, invoice.number);
        if (score === 0) continue;
        const words = score === 1 ? `Account “${typed}” is ${invoice.number}` : `Account “${typed}” reads as ${invoice.number}`;
        add(invoice, score === 1 ? 0.9 : 0.8, words);
      }
    }
  }
  // 2. The payer's phone is a customer's: their unpaid invoices, the one of this amount first.
  const phoneCustomers = payerCustomer ? [payerCustomer] : maskCustomers;
  for (const customer of phoneCustomers) {
    if (!payable(customer)) continue;
    const exact = payerCustomer !== undefined;
    const phoneReason = exact ? `Paid from ${money.payerPhone}, ${customer.name}'s phone` : `${money.maskedPhone} could be ${customer.name}'s phone`;
    const unpaid = book.unpaidByCustomer.get(customer.id) ?? [];
    const sameAmount = unpaid.filter((i) => i.balanceMinor === money.amountMinor);
    for (const invoice of sameAmount) add(invoice, exact ? (sameAmount.length === 1 ? 0.85 : 0.7) : 0.6, phoneReason);
    if (sameAmount.length === 0) {
      byCustomer.set(customer.id, {
        invoice: null, customer, confidence: exact ? (unpaid.length > 0 ? 0.65 : 0.55) : 0.35,
        reasons: [phoneReason, unpaid.length > 0 ? `Pays ${customer.name}'s oldest unpaid invoices first` : `${customer.name} owes nothing now: kept as credit`],
      });
    }
    // Invoices the account named get the phone's word too.
    for (const held of byInvoice.values()) if (held.customer.id === customer.id && !held.reasons.includes(phoneReason)) {
      held.reasons.push(phoneReason);
      held.confidence = Math.min(0.99, held.confidence + (exact ? 0.05 : 0.02));
    }
  }
  // 3. No better clue: an unpaid invoice of exactly this amount, issued before the money came.
  if (byInvoice.size === 0) {
    const sameAmount = (book.unpaidByAmount.get(money.amountMinor) ?? []).filter((i) => i.issueDate <= money.paidOn && i.currency === money.currency);
    const nearest = sameAmount
      .map((invoice) => ({ invoice, days: Math.abs(dayNumber(invoice.dueDate) - dayNumber(money.paidOn)) }))
      .sort((a, b) => a.days - b.days)
      .slice(0, MAX_SUGGESTIONS);
    for (const { invoice, days } of nearest) {
      const base = sameAmount.length === 1 ? 0.45 : 0.3;
      const when = days === 0 ? 'due that day' : `due ${days} day${days === 1 ? '' : 's'} ${dayNumber(invoice.dueDate) < dayNumber(money.paidOn) ? 'before' : 'after'}`;
      add(invoice, Math.max(0.1, base - Math.min(days, 60) / 600), `${amount} is the balance of ${invoice.number} (${when})`);
    }
  }
  // Amount against each invoice: exact, part or more than the balance.
  for (const held of byInvoice.values()) {
    const invoice = held.invoice!;
    if (invoice.balanceMinor === 0 || invoice.status === 'paid') {
      held.confidence = Math.min(held.confidence, 0.5);
      held.reasons.push(`${invoice.number} is already paid: this would be kept as ${held.customer.name}'s credit`);
    } else if (invoice.balanceMinor === money.amountMinor) {
      if (!held.reasons.some((r) => r.includes('is the balance of'))) held.reasons.push(`${amount} is the balance of ${invoice.number}`);
      held.confidence = Math.min(0.99, held.confidence + 0.08);
    } else if (money.amountMinor < invoice.balanceMinor) {
      held.reasons.push(`Part payment: ${formatMoney(invoice.balanceMinor, money.currency as 'KES')} is owed`);
    } else {
      held.reasons.push(`More than the ${formatMoney(invoice.balanceMinor, money.currency as 'KES')} owed: the rest goes to older invoices or credit`);
    }
  }
  if (phoneWords && !payerCustomer && maskCustomers.length === 0 && byInvoice.size > 0) {
    for (const held of byInvoice.values()) held.reasons.push(`${phoneWords} is not a phone in the books`);
  }
  const all = [...byInvoice.values(), ...byCustomer.values()].sort((a, b) => b.confidence - a.confidence || (a.invoice?.dueDate ?? '').localeCompare(b.invoice?.dueDate ?? ''));
  // Two equally good answers are a question for a person, not a match.
  if (all.length > 1 && all[0]!.confidence - all[1]!.confidence < 0.05) {
    for (const c of all.slice(0, 2)) c.reasons.push('Another invoice fits as well: check which');
    all[0]!.confidence = Math.min(all[0]!.confidence, 0.6);
  }
  return all.slice(0, MAX_SUGGESTIONS).map((c) => ({
    invoiceId: c.invoice?.id ?? null, invoiceNumber: c.invoice?.number ?? null, customerId: c.customer.id, customerName: c.customer.name,
    balanceMinor: c.invoice ? c.invoice.balanceMinor : (book.unpaidByCustomer.get(c.customer.id) ?? []).reduce((a, i) => a + i.balanceMinor, 0),
    confidence: Math.round(c.confidence * 100) / 100, reasons: c.reasons,
  }));
}

/** Confidence from which a suggestion is ticked to record without a person choosing it. */
export const ACCEPT_FROM = 0.75;
