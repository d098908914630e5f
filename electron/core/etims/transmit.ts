// The queue's eTIMS job: one document of the line, sent to KRA (saveTrnsSalesOsdc) under the next
// KRA invoice number of the branch, and KRA's answer kept on it for good.
//
// Numbers: one computer transmits for the branch, one document at a time, in the order they joined
// the line (an ordered provider, jobs/runner.ts), so KRA's numbers run in order with no gap and no
// repeat. A document holds its number from the moment it is sent until KRA answers; a refusal gives
// the number back (KRA recorded nothing), so the next document takes it.
//
// Nothing twice: the mark "sending" is written before the request goes. An attempt that finds it
// (the answer was lost: a timeout, a reset, a crash between sending and saving) first asks KRA about
// that number; only if KRA has nothing under it is the very same request sent again, and even then
// KRA refuses a number it holds (994), so a sale is never recorded twice.
import { z } from 'zod';
import { cuInvoiceNo, verifyUrlOf, type EtimsReceipt } from '../../../shared/domain/etims';
import { recordMutation } from '../audit/record';
import type { CoreContext } from '../context';
import { announceInvoices } from '../invoices/service';
import { asJobFailure, JobFailure } from '../jobs/failure';
import type { JobAttempt, JobHandler, JobOutcome } from '../jobs/runner';
import { readMeta, writeMeta } from '../reminders/state';
import { kraDateTime, type OscuClient, type SaleReceipt } from './client';
import { loadDocument, type LoadedDocument } from './documents';
import { saleRefusal } from './errors';
import { registerItems } from './items';
import { buildSaleRequest, saleProblems, type SaleRequest } from './payload';
import * as repo from './repo';
import { clientFor, etimsSetup, setupProblem, type EtimsSetup } from './setup';

const payloadSchema = z.object({ seq: z.number().int() });

/** The highest KRA invoice number this computer has handed out (it may be ahead of the books by one in flight). */
export const LAST_NUMBER = 'etims.last_invoice_no';

interface Context {
  ctx: CoreContext;
  attempt: JobAttempt;
  setup: EtimsSetup;
  client: OscuClient;
  seq: number;
  loaded: LoadedDocument;
}

const now = (ctx: CoreContext) => ctx.clock.now().toISOString();

function done(state: string, extra: Record<string, unknown> = {}): JobOutcome {
  return { result: { state, ...extra } };
}

/** The next number of the branch: past every number this computer handed out and every number any document holds. */
function nextNumber(ctx: CoreContext): number {
  return Math.max(Number(readMeta(ctx, LAST_NUMBER) ?? 0), repo.highestRecordedNumber(ctx.sql)) + 1;
}

/** A refusal: KRA recorded nothing under the number, so it goes back for the next document. */
function giveBack(ctx: CoreContext, invoiceNo: number): void {
  if (Number(readMeta(ctx, LAST_NUMBER) ?? 0) === invoiceNo) writeMeta(ctx, LAST_NUMBER, String(invoiceNo - 1));
}

function fail(c: Context, code: string, message: string, keepNumber: boolean): JobFailure {
  const masked = c.ctx.mask(message);
  c.ctx.sql.transaction(() => {
    const row = repo.queueRow(c.ctx.sql, c.seq);
    if (!keepNumber && row?.invoice_no) giveBack(c.ctx, row.invoice_no);
    repo.markFailed(c.ctx.sql, c.seq, code, masked, now(c.ctx), keepNumber);
  });
  announce(c.ctx, c.loaded);
  return new JobFailure('permanent', masked);
}

function announce(ctx: CoreContext, loaded: LoadedDocument): void {
  announceInvoices(ctx, [loaded.invoice.id], [loaded.invoice.customer_id]);
}

/** Keeps KRA's answer on the document, for good, and lets credit notes that waited for it go. */
function record(c: Context, invoiceNo: number, answer: SaleReceipt): JobOutcome {
  const { ctx, loaded, setup } = c;
  const receipt: EtimsReceipt = {
    invoiceNo,
    cuId: setup.device?.cuId ?? '',
    receiptNo: answer.curRcptNo,
    totalReceiptNo: answer.totRcptNo,
    internalData: answer.intrlData,
    signature: answer.rcptSign,
    signedAt: kraDateTime(answer.sdcDateTime),
    verifyUrl: verifyUrlOf(setup.settings.environment, setup.pin, setup.settings.branchId, answer.rcptSign),
  };
  const label = cuInvoiceNo(receipt.cuId, receipt.receiptNo, loaded.kind);
  const waiting = ctx.sql.transaction(() => {
    const at = now(ctx);
    if (repo.writeReceipt(ctx.sql, loaded.kind, loaded.id, receipt, at)) {
      recordMutation(ctx, {
        entity: loaded.kind === 'invoice' ? 'invoice' : 'credit_note', entityId: loaded.id, mutation: 'etims.record', action: 'etims_signed',
        summary: `${loaded.number} signed by KRA eTIMS as invoice ${invoiceNo} (${label})`, args: { id: loaded.id, kind: loaded.kind, receipt },
      });
    }
    repo.markSigned(ctx.sql, c.seq, invoiceNo, at);
    if (Number(readMeta(ctx, LAST_NUMBER) ?? 0) < invoiceNo) writeMeta(ctx, LAST_NUMBER, String(invoiceNo));
    const notes = loaded.kind === 'invoice' ? repo.creditNotesWaitingFor(ctx.sql, loaded.id) : [];
    for (const note of notes) repo.markWaiting(ctx.sql, note.seq, null, false);
    return notes;
  });
  for (const note of waiting) {
    try {
      if (note.job_id) ctx.jobs.retryNow(note.job_id);
    } catch {
      // Already back in the queue.
    }
  }
  announce(ctx, loaded);
  return done('signed', { invoiceNo, cuInvoiceNo: label });
}

/** Sends the request held for this document and reads KRA's answer. `afterDoubt`: KRA may already hold this number for it. */
async function send(c: Context, invoiceNo: number, request: SaleRequest, afterDoubt: boolean): Promise<JobOutcome> {
  const { ctx, attempt, loaded } = c;
  let answer;
  try {
    answer = await c.client.saveSale(request, attempt.signal);
  } catch (error) {
    const failure = asJobFailure(error);
    const masked = ctx.mask(failure.message);
    // Cancelled, closing, timed out or cut off after the request went: whether KRA took it is unknown.
    if (attempt.signal.aborted || failure.outcomeUnknown) {
      ctx.sql.transaction(() => repo.markInDoubt(ctx.sql, c.seq, `${masked} Billbook will ask KRA about invoice number ${invoiceNo} before sending anything again.`));
    } else {
      // It never reached KRA (no network, refused connection): back in line, keeping its number.
      ctx.sql.transaction(() => repo.markWaiting(ctx.sql, c.seq, masked, true));
    }
    announce(ctx, loaded);
    throw failure;
  }
  if (answer.ok) return record(c, invoiceNo, answer.data);
  const refusal = saleRefusal(answer.code, answer.message, loaded.number, invoiceNo, c.setup.settings.branchId);
  if (refusal.kind === 'duplicate' && afterDoubt) {
    throw fail(c, 'signature_lost',
      `KRA already holds eTIMS invoice number ${invoiceNo} for branch ${c.setup.settings.branchId}: most likely ${loaded.number} itself, sent before its answer was lost, and KRA cannot be asked for that answer from here. ` +
        `Look ${loaded.number} up on the eTIMS portal; Retry asks KRA again.`, true);
  }
  if (refusal.kind === 'duplicate') throw fail(c, refusal.code, refusal.message, true);
  if (refusal.kind === 'kra') {
    // KRA's own error: nothing recorded; the document keeps its place and its number.
    ctx.sql.transaction(() => repo.markWaiting(ctx.sql, c.seq, ctx.mask(refusal.message), true));
    announce(ctx, loaded);
    throw new JobFailure('transient', ctx.mask(refusal.message));
  }
  throw fail(c, refusal.code, refusal.message, false);
}

/** The answer to an earlier request was lost: ask KRA first, and send the same request again only if KRA has nothing. */
async function resolveDoubt(c: Context, row: repo.QueueRow): Promise<JobOutcome> {
  const { ctx, attempt } = c;
  const invoiceNo = row.invoice_no!;
  const request = JSON.parse(row.request!) as SaleRequest;
  attempt.progress(0.3, `Asking KRA about invoice number ${invoiceNo}`);
  const found = await c.client.lookupSale(invoiceNo, attempt.signal);
  if (found !== 'unsupported' && found.ok && found.data) return record(c, invoiceNo, found.data);
  const knownAbsent = found !== 'unsupported' && found.ok;
  attempt.progress(0.6, 'Sending to KRA again');
  ctx.sql.transaction(() => repo.markSending(ctx.sql, c.seq, invoiceNo, row.request!, now(ctx)));
  return send(c, invoiceNo, request, !knownAbsent);
}

export function transmitHandler(ctx: CoreContext): JobHandler {
  return async (attempt) => {
    const parsed = payloadSchema.safeParse(attempt.payload);
    if (!parsed.success) throw new JobFailure('permanent', 'This eTIMS job is damaged (no line entry); it cannot run.');
    const seq = parsed.data.seq;
    const row = repo.queueRow(ctx.sql, seq);
    if (!row) throw new JobFailure('permanent', 'The document this job was for is no longer in the line to KRA.');
    if (row.state === 'signed' || row.state === 'cancelled') return done(row.state);
    const setup = etimsSetup(ctx);
    const problem = setupProblem(setup);
    if (problem) throw new JobFailure('offline', problem);
    const loaded = ctx.sql.transaction(() => loadDocument(ctx, row.document_kind, row.document_id, setup.settings.defaultClassCode));
    if (!loaded) {
      ctx.sql.transaction(() => repo.markCancelled(ctx.sql, seq, 'The document is no longer in the books.', now(ctx)));
      return done('cancelled');
    }
    const c: Context = { ctx, attempt, setup, client: clientFor(ctx, setup), seq, loaded };
    if (loaded.signed) {
      // Signed already: by an earlier attempt whose job was lost, or by another computer, arriving by sync.
      const receipt = repo.receiptOf(ctx.sql, loaded.kind, loaded.id);
      ctx.sql.transaction(() => repo.markSigned(ctx.sql, seq, receipt?.etims_invoice_no ?? row.invoice_no ?? 0, now(ctx)));
      return done('signed');
    }
    if (row.state === 'sending' || row.state === 'in_doubt') return resolveDoubt(c, row);
    if (loaded.void) {
      ctx.sql.transaction(() => {
        if (row.invoice_no) giveBack(ctx, row.invoice_no);
        repo.markCancelled(ctx.sql, seq, `${loaded.number} was voided before it went to KRA.`, now(ctx));
      });
      announce(ctx, loaded);
      return done('cancelled');
    }
    if (loaded.kind === 'credit_note' && !loaded.invoice.etims_signature) {
      const invoiceRow = repo.queueRowOf(ctx.sql, 'invoice', loaded.invoice.id);
      const refused = invoiceRow?.state === 'failed' ? ` KRA refused ${loaded.invoice.number ?? 'it'}: fix that first.` : '';
      throw fail(c, 'waiting_for_invoice', `${loaded.number} corrects ${loaded.invoice.number ?? 'an invoice'}, which KRA has not signed yet; it goes as soon as that one is signed.${refused}`, false);
    }
    const problems = saleProblems(loaded.doc);
    if (problems.length > 0) throw fail(c, 'fix', problems.join(' '), false);
    attempt.progress(0.2, 'Registering items with KRA');
    try {
      await registerItems(ctx, c.client, loaded.needs, attempt.signal);
    } catch (error) {
      // Nothing of the sale went yet: the document stays in line, and says why it waits.
      const failure = asJobFailure(error);
      if (failure.failureClass !== 'permanent') {
        ctx.sql.transaction(() => repo.markWaiting(ctx.sql, seq, ctx.mask(failure.message), row.invoice_no !== null));
        announce(ctx, loaded);
      }
      throw failure;
    }
    attempt.progress(0.5, 'Sending to KRA');
    const { invoiceNo, request } = ctx.sql.transaction(() => {
      const number = row.invoice_no ?? nextNumber(ctx);
      if (Number(readMeta(ctx, LAST_NUMBER) ?? 0) < number) writeMeta(ctx, LAST_NUMBER, String(number));
      const built = buildSaleRequest(loaded.doc, number);
      repo.markSending(ctx.sql, seq, number, JSON.stringify(built), now(ctx));
      return { invoiceNo: number, request: built };
    });
    announce(ctx, loaded);
    return send(c, invoiceNo, request, false);
  };
}
