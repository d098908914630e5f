// What the reverse-payment dialog says reversing takes back.
import type { Payment } from '../../../shared/domain/payment';
import { settlingAllocations } from '../../../shared/domain/settling';
import { money } from '../../lib/format';

/**
 * What reversing takes back, from the payment as it stands: the invoices it settles now (not every
 * invoice it was ever applied to: one it was taken off, or one it settles nothing of because
 * another computer spent the same credit first, owes nothing more), and the credit it still holds.
 */
export function whatItTakesBack(payment: Payment | null): string {
  if (payment === null) return 'The invoices it paid will owe this money again, and any credit it left is removed.';
  const invoices = [...new Set(settlingAllocations(payment.allocations).map((a) => a.invoiceNumber))];
  const credit = payment.unallocatedMinor > 0 ? `its unused credit of ${money(payment.unallocatedMinor, payment.currency)} is removed` : '';
  if (invoices.length === 0) return credit ? `It pays no invoice; ${credit}.` : 'It pays no invoice.';
  return `${invoices.join(', ')} will owe this money again${credit ? `, and ${credit}` : ''}.`;
}
