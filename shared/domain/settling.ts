// Which of a payment's allocations the customer is told it paid. Its own module, with types only,
// so the PDF worker's receipt does not bring the payment schemas (and zod) into its bundle.
import type { PaymentAllocation } from './payment';

/**
 * The allocations that settle something of their invoice: what a receipt, its message and a
 * thank-you say the payment paid. One can settle less than it says, or nothing (credit applied on
 * two computers at once, or a payment synced in for an invoice already paid here).
 */
export function settlingAllocations<A extends Pick<PaymentAllocation, 'reversed' | 'settledMinor'>>(allocations: readonly A[]): A[] {
  return allocations.filter((a) => !a.reversed && a.settledMinor > 0);
}
