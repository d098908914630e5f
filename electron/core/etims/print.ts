// What a document shows about eTIMS: its state (on every computer: signed, or awaiting KRA; on the
// one that transmits also sending, in doubt or refused, with why) and what is printed on it.
import { cuInvoiceNo, inFours, type EtimsPrint, type EtimsState, type EtimsStatus } from '../../../shared/domain/etims';
import type { CoreContext } from '../context';
import { printedDateTime } from './dates';
import * as repo from './repo';
import { qrRows } from '../pdf/qr';
import { etimsActive, etimsSetup } from './setup';

const QUEUE_STATES: Record<repo.QueueState, EtimsState> = {
  waiting: 'awaiting', sending: 'sending', in_doubt: 'in_doubt', signed: 'signed', failed: 'failed', cancelled: 'not_applicable',
};

interface DocumentFacts {
  kind: repo.DocumentKind;
  id: string;
  /** Final and not void (a credit note always is). */
  final: boolean;
  imported: boolean;
  /** When it was finalized or issued (ISO). */
  at: string | null;
}

/** Whether eTIMS applies to a document at all: a final one of a VAT-registered business, made once eTIMS was on. */
function applies(ctx: CoreContext, facts: DocumentFacts): boolean {
  const setup = etimsSetup(ctx);
  return etimsActive(setup) && facts.final && !facts.imported && setup.settings.activeFrom !== '' && facts.at !== null && facts.at >= setup.settings.activeFrom;
}

export function etimsStatusOf(ctx: CoreContext, facts: DocumentFacts): EtimsStatus {
  const receipt = repo.receiptOf(ctx.sql, facts.kind, facts.id);
  const signed = receipt ? repo.toReceipt(receipt) : null;
  const row = repo.queueRowOf(ctx.sql, facts.kind, facts.id);
  if (signed) return { state: 'signed', receipt: signed, message: null, queuedAt: row?.queued_at ?? null };
  if (row) return { state: QUEUE_STATES[row.state], receipt: null, message: row.message, queuedAt: row.queued_at };
  return { state: applies(ctx, facts) ? 'awaiting' : 'not_applicable', receipt: null, message: null, queuedAt: null };
}

/** What the document prints about eTIMS; null when eTIMS does not apply to it. */
export function etimsPrint(ctx: CoreContext, facts: DocumentFacts, originalInvoiceId: string | null = null): EtimsPrint | null {
  const status = etimsStatusOf(ctx, facts);
  const original = originalInvoiceId ? repo.receiptOf(ctx.sql, 'invoice', originalInvoiceId) : undefined;
  const originalNo = original?.etims_signature && original.etims_cu_id ? cuInvoiceNo(original.etims_cu_id, original.etims_receipt_no ?? 0, 'invoice') : null;
  if (status.state === 'signed' && status.receipt) {
    const r = status.receipt;
    return {
      state: 'signed', cuInvoiceNo: cuInvoiceNo(r.cuId, r.receiptNo, facts.kind), cuId: r.cuId, kraInvoiceNo: String(r.invoiceNo),
      internalData: inFours(r.internalData), signature: inFours(r.signature), signedAt: printedDateTime(r.signedAt), verifyUrl: r.verifyUrl,
      qr: qrRows(r.verifyUrl), originalCuInvoiceNo: originalNo,
    };
  }
  if (status.state === 'not_applicable') return null;
  return { state: 'awaiting', cuInvoiceNo: '', cuId: '', kraInvoiceNo: '', internalData: '', signature: '', signedAt: '', verifyUrl: '', qr: [], originalCuInvoiceNo: originalNo };
}
