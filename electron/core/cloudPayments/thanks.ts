// The thank-you for money the Cloud recorded (an M-Pesa prompt paid, a Paybill payment, Paystack):
// the Cloud sends no messages, so one computer of the organisation does — the one that claims the
// payment first at the Cloud — and only when the organisation has thank-yous on.
import type { ClaimsAnswer } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { getPayment } from '../payments/service';
import { queuePaymentThanks } from '../send/thanks';
import { readSettings } from '../settings/service';

export const thanksClaimKey = (paymentId: string) => `thanks:${paymentId}`;

/** Looks once at each payment the Cloud recorded; thanks the customer for those this computer is granted. */
export async function thankCloudPayments(ctx: CoreContext, claim: (keys: string[]) => Promise<ClaimsAnswer>): Promise<number> {
  const waiting = ctx.sql
    .prepare("SELECT id, payment_id FROM incoming_payments WHERE status = 'recorded' AND payment_id IS NOT NULL AND source <> 'statement' AND thanks_checked = 0 LIMIT 200")
    .all() as { id: string; payment_id: string }[];
  if (waiting.length === 0) return 0;
  const markChecked = ctx.sql.prepare('UPDATE incoming_payments SET thanks_checked = 1 WHERE id = ?');
  if (!readSettings(ctx).reminders.thankYouOnPayment) {
    ctx.sql.transaction(() => waiting.forEach((w) => markChecked.run(w.id)));
    return 0;
  }
  const paymentHere = ctx.sql.prepare('SELECT 1 FROM payments WHERE id = ?');
  const answer = await claim(waiting.map((w) => thanksClaimKey(w.payment_id)));
  const granted = new Set(answer.granted);
  let thanked = 0;
  for (const w of waiting) {
    if (granted.has(thanksClaimKey(w.payment_id)) && paymentHere.get(w.payment_id)) {
      queuePaymentThanks(ctx, getPayment(ctx, w.payment_id));
      thanked += 1;
    }
    markChecked.run(w.id);
  }
  return thanked;
}
