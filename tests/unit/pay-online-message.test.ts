// The link to pay online in a customer's message: beside the Paybill ("Or pay online") or alone,
// clickable in the email, in the customer's language, and never in a thank-you.
import { describe, expect, it } from 'vitest';
import { composeEmail, composeSms, type MessageFacts } from '../../electron/core/send/templates';
import { businessProfileSchema, paymentInstructionsSchema } from '../../shared/domain/settings';

const LINK = 'https://cloud.billbook.example/p/Zx81kM78-XnxgQwErTy12';

function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    type: 'invoice_sent',
    language: 'en',
    invoice: {
      number: 'INV-2026-0042', currency: 'KES', dueDate: '2026-12-21', issueDate: '2026-11-21', balanceMinor: 1_740_000, daysOverdue: 0,
      totals: { totalMinor: 1_740_000 }, customer: { name: 'Wanjiku Stores' },
    },
    business: businessProfileSchema.parse({ name: 'Baraka Hardware' }),
    payment: paymentInstructionsSchema.parse({ mpesa: { kind: 'paybill', number: '522533' } }),
    customMessage: '',
    tone: null,
    payLink: LINK,
    ...overrides,
  };
}

describe('the link to pay online in messages', () => {
  it('comes after the Paybill in an SMS as another way, and alone reads as the way to pay', () => {
    const sms = composeSms(facts());
    expect(sms.split('\n').slice(-2)).toEqual(['Pay via M-Pesa Paybill 522533 Acc: INV-2026-0042', `Or pay online: ${LINK}`]);
    expect(composeSms(facts({ payment: paymentInstructionsSchema.parse({}) })).split('\n').at(-1)).toBe(`Pay online: ${LINK}`);
    expect(composeSms(facts({ language: 'sw' })).split('\n').at(-1)).toBe(`Au lipa mtandaoni: ${LINK}`);
  });

  it('is the first way to pay in an email, a link in its HTML; a message without one reads as before', () => {
    const email = composeEmail(facts(), true);
    expect(email.text).toContain(`How to pay:\n- Pay online by M-Pesa or card: ${LINK}\n- M-Pesa Paybill 522533`);
    expect(email.html).toContain(`<a href="${LINK}">${LINK}</a>`);
    const without = composeEmail(facts({ payLink: null }), true);
    expect(without.text).not.toContain('online');
    expect(without.html).not.toContain('<a href');
  });

  it('is not in a thank-you, which asks for nothing', () => {
    const thanks = facts({ type: 'payment_received', paidMinor: 1_740_000 });
    expect(composeEmail(thanks, false).text).not.toContain(LINK);
    expect(composeSms(thanks)).not.toContain(LINK);
  });
});
