// Where money goes: to a customer's unpaid invoices, oldest due first, unless the person chose.
import { AppError } from '../../../shared/errors';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import type { UnpaidInvoice } from '../invoices/repo';

export interface PlannedAllocation {
  invoiceId: string;
  invoiceNumber: string;
  /** Money never counts as paid on an invoice before the invoice existed. */
  issueDate: string;
  dueDate: string;
  balanceMinor: number;
  amountMinor: number;
}

export function oldestFirst(unpaid: readonly UnpaidInvoice[], amount: number): PlannedAllocation[] {
  const plan: PlannedAllocation[] = [];
  let left = amount;
  for (const invoice of unpaid) {
    if (left === 0) break;
    const take = Math.min(left, invoice.balance_minor);
    plan.push({
      invoiceId: invoice.id, invoiceNumber: invoice.number, issueDate: invoice.issue_date, dueDate: invoice.due_date,
      balanceMinor: invoice.balance_minor, amountMinor: take,
    });
    left -= take;
  }
  return plan;
}

export interface InvoiceState {
  id: string;
  number: string | null;
  customer_id: string;
  status: string;
  currency: string;
  issue_date: string;
  due_date: string;
  balance_minor: number;
}

/** Checks a chosen allocation against each invoice; refuses what a person could not mean. */
export function checkChosen(
  chosen: readonly { invoiceId: string; amountMinor: number }[],
  invoiceOf: (id: string) => InvoiceState | undefined,
  customer: { id: string; name: string; currency: string },
): PlannedAllocation[] {
  return chosen.map((choice, index) => {
    const field = { [`allocations.${index}.amountMinor`]: '' };
    const invoice = invoiceOf(choice.invoiceId);
    const refuse = (message: string, code: 'conflict' | 'invalid_input' = 'conflict') => {
      field[`allocations.${index}.amountMinor`] = message;
      return new AppError(code, message, field);
    };
    if (!invoice || invoice.customer_id !== customer.id) throw refuse(`That invoice is not one of ${customer.name}'s.`);
    const name = invoice.number ?? 'A draft';
    if (invoice.status === 'draft') throw refuse(`${name} is a draft. Finalize it before recording a payment against it.`);
    if (invoice.status === 'void') throw refuse(`${name} is void and cannot be paid.`);
    if (invoice.status === 'paid') throw refuse(`${name} is already paid in full.`);
    if (invoice.currency !== customer.currency) throw refuse(`${name} is in ${invoice.currency}, but this payment is in ${customer.currency}.`);
    if (choice.amountMinor > invoice.balance_minor) {
      const currency = invoice.currency as CurrencyCode;
      throw refuse(
        `${formatMoney(choice.amountMinor, currency)} is more than the ${formatMoney(invoice.balance_minor, currency)} still owed on ${name}. ` +
          'Apply less to it; anything left over is kept as credit.',
        'invalid_input',
      );
    }
    return {
      invoiceId: invoice.id, invoiceNumber: name, issueDate: invoice.issue_date, dueDate: invoice.due_date,
      balanceMinor: invoice.balance_minor, amountMinor: choice.amountMinor,
    };
  });
}
