// Keeps the line to KRA moving on the computer that transmits: documents join it when invoices
// change (made here, or pulled from the Cloud) and when eTIMS settings change; the queue's verdict on
// a job is written on its document; and each document still waiting after a working day is told about.
import type { EventMap } from '../../../shared/contract';
import type { CoreContext } from '../context';
import type { ProviderPolicy } from '../jobs/runner';
import { oneWorkingDayAfter } from './dates';
import { queueAwaiting } from './queue';
import * as repo from './repo';
import { etimsSetup, setupProblem } from './setup';

const OFFLINE = 'This computer is offline. Invoices wait for KRA eTIMS and go, in order, when the network is back.';

/** KRA eTIMS jobs: one at a time, in the order they joined the line, at the pace set in Settings → eTIMS. */
export function etimsProvider(ctx: CoreContext): ProviderPolicy {
  return {
    ordered: true,
    maxConcurrent: 1,
    requestsPerMinute: () => etimsSetup(ctx).settings.requestsPerMinute,
    blockedReason: () => setupProblem(etimsSetup(ctx)) ?? (ctx.network.isOnline() ? null : OFFLINE),
  };
}

/** Documents waiting more than a working day that nobody was told about yet: one notice naming them. */
export function noticeLate(ctx: CoreContext): number {
  const now = ctx.clock.now();
  const late = repo.openRows(ctx.sql).filter((r) => r.late_notice_at === null && oneWorkingDayAfter(r.queued_at) <= now.getTime());
  if (late.length === 0) return 0;
  const names = late.map((r) => {
    const table = r.document_kind === 'invoice' ? 'invoices' : 'credit_notes';
    return (ctx.sql.prepare(`SELECT number FROM ${table} WHERE id = ?`).get(r.document_id) as { number: string } | undefined)?.number ?? 'a document';
  });
  ctx.sql.transaction(() => repo.markLateNoticed(ctx.sql, late.map((r) => r.seq), now.toISOString()));
  const failed = late.filter((r) => r.state === 'failed').length;
  const list = names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} and ${names.length - 12} more`;
  ctx.events.emit('activity', {
    kind: 'etims_waiting',
    title: names.length === 1 ? `${names[0]} still awaits KRA eTIMS` : `${names.length} documents still await KRA eTIMS`,
    body: `Waiting more than a working day: ${list}.${failed > 0 ? ` ${failed} of them KRA refused: open each to see what to fix.` : ' They go as soon as KRA can be reached.'}`,
    href: '#/etims',
    at: now.toISOString(),
  });
  return late.length;
}

function onJobChanged(ctx: CoreContext, { job }: EventMap['jobs.changed']): void {
  if (job.kind !== 'etims.transmit') return;
  const row = ctx.sql.prepare('SELECT * FROM etims_queue WHERE job_id = ?').get(job.id) as repo.QueueRow | undefined;
  if (!row) return;
  if (job.state === 'cancelled' && row.state === 'waiting') {
    ctx.sql.transaction(() => repo.markFailed(ctx.sql, row.seq, 'cancelled', 'Cancelled on the Queue screen, so it was not sent: use Retry on the invoice to send it.', ctx.clock.now().toISOString(), false));
  } else if (job.state === 'failed' && row.state === 'waiting') {
    // The queue gave up (KRA down for days): the document keeps its number and is shown as refused to try again.
    ctx.sql.transaction(() => repo.markFailed(ctx.sql, row.seq, 'gave_up', job.lastError ?? 'KRA could not be reached.', ctx.clock.now().toISOString(), true));
  } else if (job.state === 'failed' && row.state === 'failed' && row.error_code !== 'waiting_for_invoice') {
    ctx.events.emit('activity', {
      kind: 'etims_refused', title: 'KRA eTIMS refused a document', body: row.message ?? job.lastError ?? 'See the invoice for what to fix.',
      href: job.subjectId ? `#/invoices/${job.subjectId}` : '#/etims', at: ctx.clock.now().toISOString(),
    });
  }
}

/** Starts watching; returns the stop. `lateScanMs` 0: never on a timer (tests call noticeLate). */
export function startEtims(ctx: CoreContext, lateScanMs: number, log: (message: string, error?: unknown) => void): () => void {
  let scheduled = false;
  // A scan scheduled just before the books close must not run against closed books.
  let stopped = false;
  const scan = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    // Many changes in one burst (a bulk finalize, a pulled page) make one scan.
    setImmediate(() => {
      scheduled = false;
      if (stopped) return;
      try {
        queueAwaiting(ctx);
      } catch (error) {
        log('Could not add documents to the line to KRA eTIMS', error);
      }
    });
  };
  const stop = ctx.events.onAny((event, payload) => {
    try {
      if (event === 'invoices.changed' || event === 'settings.changed' || event === 'sync.applied') scan();
      else if (event === 'jobs.changed') onJobChanged(ctx, payload as EventMap['jobs.changed']);
    } catch (error) {
      log('eTIMS bookkeeping failed', error);
    }
  });
  scan();
  const timer = lateScanMs > 0 ? setInterval(() => {
    try {
      noticeLate(ctx);
    } catch (error) {
      log('Could not look for documents waiting for KRA eTIMS', error);
    }
  }, lateScanMs) : null;
  timer?.unref();
  return () => {
    stopped = true;
    stop();
    if (timer) clearInterval(timer);
  };
}
