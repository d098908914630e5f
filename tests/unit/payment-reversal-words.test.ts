// The reverse-payment dialog names what reversing takes back from the payment as it stands: the
// invoices it settles now, not every invoice it was ever applied to.
import { describe, expect, it } from 'vitest';
import type { Payment, PaymentAllocation } from '../../shared/domain/payment';
import { whatItTakesBack } from '../../renderer/screens/payments/reversal';

const allocation = (invoiceNumber: string, amountMinor: number, settledMinor: number, reversed = false): PaymentAllocation => ({
  invoiceId: `id-${invoiceNumber}`, invoiceNumber, amountMinor, settledMinor, allocatedOn: '2026-11-20', fromCredit: false, reversed,
});

const payment = (allocations: PaymentAllocation[], unallocatedMinor = 0) =>
  ({ id: 'p', number: 'PAY-2026-0007', currency: 'KES', amountMinor: 50_000, unallocatedMinor, allocations }) as unknown as Payment;

describe('what reversing a payment takes back', () => {
  it('names only the invoices the payment settles now, each once', () => {
    const moved = payment([
      allocation('INV-2026-0001', 20_000, 0, true), // taken off that invoice
      allocation('INV-2026-0002', 20_000, 20_000),
      allocation('INV-2026-0003', 30_000, 0), // another computer spent the same credit first
      allocation('INV-2026-0002', 10_000, 10_000),
    ]);
    expect(whatItTakesBack(moved)).toBe('INV-2026-0002 will owe this money again.');
  });

  it('says what credit goes with it, and when it pays no invoice', () => {
    expect(whatItTakesBack(payment([allocation('INV-2026-0004', 30_000, 30_000)], 20_000)))
      .toBe('INV-2026-0004 will owe this money again, and its unused credit of KES 200.00 is removed.');
    expect(whatItTakesBack(payment([allocation('INV-2026-0001', 20_000, 0, true)], 50_000))).toBe('It pays no invoice; its unused credit of KES 500.00 is removed.');
    expect(whatItTakesBack(payment([]))).toBe('It pays no invoice.');
  });

  it('speaks generally until the payment is read', () => {
    expect(whatItTakesBack(null)).toBe('The invoices it paid will owe this money again, and any credit it left is removed.');
  });
});
