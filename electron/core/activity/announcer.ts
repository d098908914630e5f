// Turns the queue's job changes into what people notice: the delivery status refreshing, and an
// activity (desktop notification in Electron, a toast in the browser) when a message went, when one
// failed for good, and when an AI draft is ready. Reminders are announced by the scheduler, once
// per batch, not one notification per customer.
import type { EventMap } from '../../../shared/contract';
import type { ActivityKind } from '../../../shared/domain/sending';
import type { CoreContext } from '../context';
import { byJob } from '../send/repo';

function activity(ctx: CoreContext, kind: ActivityKind, title: string, body: string, href: string | null): void {
  ctx.events.emit('activity', { kind, title, body, href, at: ctx.clock.now().toISOString() });
}

const channelWord = (channel: string) => (channel === 'email' ? 'email' : 'SMS');

/** Failures gathered for a moment, so a wrong password with 200 reminders queued is one notification, not 200. */
class FailureBatch {
  private items: { title: string; body: string; href: string }[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly ctx: CoreContext, private readonly waitMs: number) {}

  add(item: { title: string; body: string; href: string }): void {
    this.items.push(item);
    this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    this.timer.unref?.();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const items = this.items.splice(0);
    if (items.length === 1) activity(this.ctx, 'failed', items[0]!.title, items[0]!.body, items[0]!.href);
    else if (items.length > 1) activity(this.ctx, 'failed', `${items.length} messages could not be sent`, `First: ${items[0]!.body}`, '#/messages');
  }
}

function onJobChanged(ctx: CoreContext, failures: FailureBatch, { job }: EventMap['jobs.changed']): void {
  if (job.kind === 'ai.draft') {
    if (job.state === 'succeeded') activity(ctx, 'ai_draft_ready', 'AI draft ready', `${job.subjectLabel || 'A draft'} was refined by AI; check it before finalizing.`, job.subjectId ? `#/invoices/${job.subjectId}/edit` : null);
    return;
  }
  const row = byJob(ctx.sql, job.id, ctx.clock.now().toISOString());
  if (!row) return;
  ctx.events.emit('sending.changed', { invoiceIds: row.invoice_id ? [row.invoice_id] : [], customerIds: [row.customer_id] });
  const what = `${row.invoice_number ?? 'A message'} to ${row.customer_name}`;
  const href = row.invoice_id ? `#/invoices/${row.invoice_id}` : `#/customers/${row.customer_id}`;
  if (job.state === 'failed') {
    failures.add({ title: `Could not send ${row.invoice_number ?? 'a message'}`, body: `${what} by ${channelWord(row.channel)} failed: ${job.lastError ?? 'unknown error'}`, href });
  } else if (job.state === 'succeeded' && row.status === 'sent' && (row.type === 'invoice_sent' || row.type === 'payment_received')) {
    activity(ctx, 'sent', row.type === 'invoice_sent' ? `Sent ${row.invoice_number}` : 'Thank-you sent', `${what} by ${channelWord(row.channel)}.`, href);
  } else if (job.state === 'succeeded' && row.status === 'unconfirmed') {
    activity(ctx, 'failed', `Check ${row.invoice_number ?? 'a message'}`, `${what} by ${channelWord(row.channel)} may not have arrived: Billbook stopped while sending it.`, href);
  }
}

export function startAnnouncer(ctx: CoreContext, failureBatchMs = 1500): () => void {
  const failures = new FailureBatch(ctx, failureBatchMs);
  const stop = ctx.events.onAny((event, payload) => {
    if (event !== 'jobs.changed') return;
    try {
      onJobChanged(ctx, failures, payload as EventMap['jobs.changed']);
    } catch {
      // Announcing is a courtesy; it never breaks the queue.
    }
  });
  return () => {
    stop();
    failures.flush();
  };
}
