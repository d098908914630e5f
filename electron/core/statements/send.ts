// Sending statements: one customer's by email (the PDF, made when it goes, attached) or SMS (the
// balance), and "Send statements": the period's statement to every customer with a balance, each a
// message on the queue under a key of customer, period and channel, so pressing it twice (or a
// crash halfway) sends each customer's statement once.
import type { ChannelParsed } from '../../../shared/contract';
import type { StatementBatchResult, StatementSendResult } from '../../../shared/channels/statements';
import type { Statement } from '../../../shared/domain/statement';
import type { SendChannel } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import { wordsFor } from '../../../shared/i18n';
import { formatMoney } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { Sql } from '../db/sql';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from '../send/email/settings';
import { customerContacts } from '../send/facts';
import { logSkipped, queueMessage, type MessageSpec } from '../send/queue';
import { announceSending } from '../send/service';
import { smsSetupProblem } from '../send/sms';
import { composeLetter } from '../send/templates';
import { buildStatement } from './service';

/** The statement's email and SMS, in the customer's language. */
export function composeStatement(ctx: CoreContext, s: Statement): { subject: string; text: string; html: string; sms: string } {
  const w = wordsFor(s.language);
  const business = readSettings(ctx).business;
  const money = (minor: number) => formatMoney(minor, s.currency);
  const start = w.date(s.from);
  const end = w.date(s.to);
  const closing = s.closingBalanceMinor;
  const letter = composeLetter({
    subject: w.t('statement.subject', { start, end, hasBusiness: business.name ? 'yes' : 'no', business: business.name }),
    name: s.customer.name,
    opening: w.t('statement.opening', { start, end }),
    detailsHeading: w.t('statement.detailsHeading'),
    details: [
      [w.t('statement.openingBalance'), money(s.openingBalanceMinor)],
      [w.t('statement.charges'), money(s.chargesMinor)],
      [w.t('statement.credits'), money(s.creditsMinor)],
      [w.t('statement.closingBalance'), money(closing)],
    ],
    attachedLine: w.t('statement.attached'),
    payment: [],
    closingNote: closing > 0 ? w.t('statement.owing', { amount: money(closing) }) : closing < 0 ? w.t('statement.inCredit', { amount: money(-closing) }) : w.t('statement.settled'),
    business,
  }, w);
  const sms = w.t('statement.sms', {
    from: business.name ? w.t('letter.from', { business: business.name }) : '', start, end, balance: money(closing), owing: closing > 0 ? 'yes' : 'no',
  });
  return { ...letter, sms };
}

/** Queues (or logs as skipped) one customer's statement on one channel; the caller holds the transaction. */
function queueStatement(ctx: CoreContext, s: Statement, channel: SendChannel, priority: number): { notificationId?: string; reason?: string } {
  const contacts = customerContacts(ctx, s.customer.id);
  const composed = composeStatement(ctx, s);
  const recipients = channel === 'email' ? contacts.emails : contacts.phones.slice(0, 1);
  const spec: Omit<MessageSpec, 'priority' | 'label' | 'sendAt'> = {
    requestKey: `statement:${s.customer.id}:${s.from}:${s.to}:${channel}`, type: 'statement', channel, customerId: s.customer.id, invoiceId: null,
    period: { from: s.from, to: s.to }, recipients, subject: channel === 'email' ? composed.subject : '',
    text: channel === 'email' ? composed.text : composed.sms, html: channel === 'email' ? composed.html : null, attachPdf: channel === 'email',
  };
  const setup = channel === 'email' ? emailSetupProblem(ctx) : smsSetupProblem(ctx);
  const reason = setup ?? (recipients.length === 0 ? `${s.customer.name} has no ${channel === 'email' ? 'email address' : 'phone number'}.` : null);
  if (reason) {
    logSkipped(ctx, spec, reason);
    return { reason };
  }
  const { id } = queueMessage(ctx, { ...spec, priority, label: `Statement ${s.from} to ${s.to} to ${s.customer.name} by ${channel === 'email' ? 'email' : 'SMS'}` });
  return { notificationId: id };
}

export function sendStatement(ctx: CoreContext, input: ChannelParsed<'statements.send'>): StatementSendResult {
  const statement = buildStatement(ctx, input);
  const result: StatementSendResult = { customerId: input.customerId, queued: [], skipped: [] };
  ctx.sql.transaction(() => {
    const done = queueStatement(ctx, statement, input.channel, 10);
    if (done.notificationId) result.queued.push({ channel: input.channel, notificationId: done.notificationId });
    else result.skipped.push({ channel: input.channel, reason: done.reason ?? '' });
  });
  if (result.skipped.length > 0 && result.queued.length === 0) {
    throw new AppError('conflict', `The statement was not sent: ${result.skipped[0]!.reason}`);
  }
  ctx.jobs.wake();
  announceSending(ctx, [], [input.customerId]);
  return result;
}

/**
 * Anyone with a balance today or a final invoice issued by the period's end is looked at; the
 * statement decides. The invoice check reads one customer's invoices by index: without
 * `deleted_at IS NULL` no partial index fits, and it read every invoice for each customer with no
 * balance (243 ms against 10 on a 100,000-invoice book).
 */
export function statementCandidates(sql: Sql, to: string): string[] {
  return (sql
    .prepare(
      `SELECT c.id FROM customers c LEFT JOIN customer_balances b ON b.customer_id = c.id
       WHERE c.deleted_at IS NULL AND (coalesce(b.outstanding_minor, 0) <> 0 OR coalesce(b.credit_minor, 0) <> 0 OR coalesce(b.refund_excess_minor, 0) <> 0
         OR EXISTS (SELECT 1 FROM invoices i WHERE i.customer_seq = c.seq AND i.status IN ('open', 'partially_paid', 'paid') AND i.deleted_at IS NULL AND i.issue_date <= @to))
       ORDER BY c.seq`,
    )
    .all({ to }) as { id: string }[]).map((r) => r.id);
}

/** The period's statement to every customer who owes or is owed at its end; each once, on the queue. */
export function sendAllStatements(ctx: CoreContext, input: ChannelParsed<'statements.sendAll'>): StatementBatchResult {
  const setup = input.channel === 'email' ? emailSetupProblem(ctx) : smsSetupProblem(ctx);
  if (setup) throw new AppError('conflict', setup);
  const ids = statementCandidates(ctx.sql, input.to);
  const result: StatementBatchResult = { customers: 0, queued: 0, skipped: [] };
  const touched: string[] = [];
  // In slices, so the books stay free for the person working meanwhile.
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200).map((id) => buildStatement(ctx, { customerId: id, from: input.from, to: input.to }))
      .filter((s) => s.closingBalanceMinor !== 0);
    ctx.sql.transaction(() => {
      for (const s of slice) {
        result.customers += 1;
        const done = queueStatement(ctx, s, input.channel, 50);
        if (done.notificationId) {
          result.queued += 1;
          touched.push(s.customer.id);
        } else result.skipped.push({ customerId: s.customer.id, name: s.customer.name, reason: done.reason ?? '' });
      }
    });
  }
  ctx.jobs.wake();
  announceSending(ctx, [], touched);
  return result;
}
