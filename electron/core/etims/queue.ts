// The line of documents to KRA, on the computer that transmits: final invoices and credit notes join
// it (made here, or arrived by sync from the other computers) in the order they were finalized, each
// with its job on the queue; a void takes a document out before it goes; Retry puts it back.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import * as repo from './repo';
import { etimsActive, etimsSetup } from './setup';

export const jobKey = (kind: repo.DocumentKind, id: string) => `etims:${kind}:${id}`;

/** Enough attempts for KRA to be down for days (the breaker spaces them); offline waits spend none. */
const MAX_ATTEMPTS = 500;

/** Puts every final document waiting for KRA that is not in the line yet at its end. Returns how many joined. */
export function queueAwaiting(ctx: CoreContext): number {
  const setup = etimsSetup(ctx);
  if (!etimsActive(setup) || !setup.thisComputerTransmits || !setup.settings.activeFrom) return 0;
  const from = setup.settings.activeFrom;
  if (repo.awaitingOutsideLine(ctx.sql, from).length === 0) return 0;
  const joined = ctx.sql.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const docs = repo.awaitingOutsideLine(ctx.sql, from);
    for (const doc of docs) {
      const seq = repo.insertQueueRow(ctx.sql, doc.kind, doc.id, at);
      const job = ctx.jobs.enqueue({
        kind: 'etims.transmit', provider: 'etims', payload: { seq }, idempotencyKey: jobKey(doc.kind, doc.id), maxAttempts: MAX_ATTEMPTS,
        subjectId: doc.invoice_id, subjectLabel: doc.kind === 'invoice' ? doc.number : `${doc.number} (credit note on ${doc.invoice_number})`,
      });
      repo.setJob(ctx.sql, seq, job.id);
    }
    return docs.length;
  });
  ctx.jobs.wake();
  return joined;
}

/**
 * Before an invoice is voided (inside its transaction): one KRA signed cannot be voided, only
 * credited; one being sent waits for KRA's answer; one still waiting leaves the line.
 */
export function beforeVoid(ctx: CoreContext, invoiceId: string, number: string): void {
  const receipt = repo.receiptOf(ctx.sql, 'invoice', invoiceId);
  if (receipt?.etims_signature) {
    throw new AppError('conflict', `${number} is signed by KRA eTIMS, so it cannot be voided: issue a credit note for the whole of it instead (KRA records that too).`);
  }
  const row = repo.queueRowOf(ctx.sql, 'invoice', invoiceId);
  if (!row) return;
  if (row.state === 'sending' || row.state === 'in_doubt') {
    throw new AppError('conflict', `${number} is being sent to KRA eTIMS and KRA has not answered yet. Wait for its answer (it shows on the invoice), then void it or credit it.`);
  }
  if (row.state === 'waiting' || row.state === 'failed') {
    repo.markCancelled(ctx.sql, row.seq, `${number} was voided before it went to KRA.`, ctx.clock.now().toISOString());
    ctx.jobs.cancelForSubject(invoiceId, 'etims.transmit');
  }
}

/** A person asks to try a document again (after fixing what KRA refused, or after the queue gave up). */
export function retryDocument(ctx: CoreContext, kind: repo.DocumentKind, id: string): void {
  const row = repo.queueRowOf(ctx.sql, kind, id);
  if (!row) {
    queueAwaiting(ctx);
    if (!repo.queueRowOf(ctx.sql, kind, id)) throw new AppError('conflict', 'This document is not waiting for KRA eTIMS on this computer: it is signed, or another computer transmits for the branch.');
    return;
  }
  if (row.state === 'signed') throw new AppError('conflict', 'KRA has already signed this document.');
  if (row.state === 'cancelled') throw new AppError('conflict', 'This document was voided before it went to KRA; there is nothing to send.');
  ctx.sql.transaction(() => {
    // A lost answer is asked about again; anything else joins the line afresh.
    if (row.error_code === 'signature_lost') ctx.sql.prepare("UPDATE etims_queue SET state = 'in_doubt', error_code = NULL, message = NULL, finished_at = NULL WHERE seq = ?").run(row.seq);
    else if (row.state === 'failed') repo.markWaiting(ctx.sql, row.seq, null, row.invoice_no !== null && row.error_code === 'gave_up');
  });
  if (row.job_id) {
    try {
      ctx.jobs.retryNow(row.job_id);
    } catch {
      // Queued or running already: it goes on its own.
    }
  }
}
