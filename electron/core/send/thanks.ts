// The optional thank-you when a payment is recorded, on the reminders' channel.
import type { Payment } from '../../../shared/domain/payment';
import { settlingAllocations } from '../../../shared/domain/settling';
import type { SendChannel } from '../../../shared/domain/sending';
import type { CoreContext } from '../context';
import { getInvoice } from '../invoices/service';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from './email/settings';
import { customerContacts, customerLanguage, messageFacts } from './facts';
import { message } from '../../../shared/i18n';
import { queueMessage } from './queue';
import { announceSending } from './service';
import { smsSetupProblem } from './sms';
import { composeEmail, composeSms } from './templates';

export function queuePaymentThanks(ctx: CoreContext, payment: Payment): void {
  const settings = readSettings(ctx).reminders;
  // The invoices it settled something of (a payment pulled by sync can settle none of one already paid here).
  const paid = settlingAllocations(payment.allocations);
  if (!settings.thankYouOnPayment || paid.length === 0) return;
  const invoices = [...new Set(paid.map((a) => a.invoiceId))].map((id) => getInvoice(ctx, id));
  const invoice = invoices[0]!;
  const numbers = invoices.map((i) => i.number!);
  const language = customerLanguage(ctx, payment.customerId);
  const listed = numbers.length === 1 ? numbers[0]! : message(language, 'list.and', { first: numbers.slice(0, -1).join(', '), last: numbers.at(-1)! });
  // A payment over several invoices: what is still owed is the sum of what they still owe.
  const facts = messageFacts(ctx, { ...invoice, balanceMinor: invoices.reduce((sum, i) => sum + i.balanceMinor, 0) }, 'payment_received', {
    paidMinor: payment.amountMinor, number: listed, severalInvoices: numbers.length > 1,
  });
  const contacts = customerContacts(ctx, payment.customerId);
  const channels: SendChannel[] = settings.channel === 'both' ? ['email', 'sms'] : [settings.channel];
  let queued = false;
  ctx.sql.transaction(() => {
    for (const channel of channels) {
      if ((channel === 'email' ? emailSetupProblem(ctx) : smsSetupProblem(ctx)) !== null) continue;
      const recipients = channel === 'email' ? contacts.emails : contacts.phones.slice(0, 1);
      if (recipients.length === 0) continue;
      const email = channel === 'email' ? composeEmail(facts, false) : null;
      queueMessage(ctx, {
        requestKey: `thanks:${payment.id}:${channel}`, type: 'payment_received', channel, customerId: payment.customerId, invoiceId: invoice.id,
        paymentId: payment.id, recipients, subject: email?.subject ?? '', text: email?.text ?? composeSms(facts), html: email?.html ?? null,
        attachPdf: false, priority: 5, label: `Thank-you for ${payment.number} to ${payment.customerName}`,
      });
      queued = true;
    }
  });
  if (!queued) return;
  ctx.jobs.wake();
  announceSending(ctx, [invoice.id], [payment.customerId]);
}
