// One sentence template, one draft per customer, each refined on the queue inside the rate limit.
import type { ChannelParsed } from '../../../shared/contract';
import { fillBulkTemplate, type BatchStatus, type BulkDraftResult, type DraftAiState } from '../../../shared/domain/drafting';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { insertDraft } from '../drafts/service';
import { newId } from '../ids';
import { announceInvoices, today } from '../invoices/service';
import * as jobs from '../jobs/repo';
import type { AiDraftPayload, AiDraftResult } from './aiJob';
import { AI_DRAFT_PRIORITY, aiReady, billableCustomer, offlineDraft, queueRefinement } from './service';

export function bulkDrafts(ctx: CoreContext, input: ChannelParsed<'drafting.bulk'>): BulkDraftResult {
  const issueDate = input.issueDate ?? today(ctx);
  const batchId = newId(ctx.clock);
  const refine = aiReady(ctx);
  const result: BulkDraftResult = { batchId, created: [], skipped: [] };
  try {
    draftEach(ctx, input, issueDate, refine, result);
  } finally {
    // Whatever happened part-way, the drafts already saved are announced and their refinements run.
    if (result.created.length) announceInvoices(ctx, result.created.map((c) => c.draftId), result.created.map((c) => c.customerId));
    ctx.jobs.wake();
  }
  return result;
}

function draftEach(ctx: CoreContext, input: ChannelParsed<'drafting.bulk'>, issueDate: string, refine: boolean, result: BulkDraftResult): void {
  const { batchId } = result;
  for (const customerId of new Set(input.customerIds)) {
    // One transaction per customer: an archived customer is skipped, the rest still get their drafts.
    try {
      const customer = billableCustomer(ctx, customerId);
      const prompt = fillBulkTemplate(input.template, issueDate, customer.name);
      const { content, parsed } = offlineDraft(ctx, customer, prompt, issueDate);
      const draftId = ctx.sql.transaction(() => {
        const id = insertDraft(ctx, content, { source: 'offline_parser', prompt, aiConfidence: parsed.confidence, warnings: parsed.warnings }, 'Drafted in bulk from a sentence');
        if (refine) queueRefinement(ctx, id, 1, prompt, customer, { priority: AI_DRAFT_PRIORITY.bulk, batchId });
        return id;
      });
      result.created.push({ customerId, customerName: customer.name, draftId, prompt });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const name = (ctx.sql.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string } | undefined)?.name ?? 'Unknown customer';
      result.skipped.push({ customerId, customerName: name, reason: error.message });
    }
  }
}

function stateOf(row: jobs.JobRow): { state: DraftAiState; message: string } {
  switch (row.state) {
    case 'queued':
      return { state: 'waiting', message: row.last_error ?? 'Waiting for its turn' };
    case 'offline':
      return { state: 'waiting', message: row.last_error ?? 'Waiting for the network' };
    case 'running':
      return { state: 'refining', message: row.progress_label || 'Refining' };
    case 'failed':
      return { state: 'failed', message: row.last_error ?? 'Failed' };
    case 'cancelled':
      return { state: 'cancelled', message: 'Cancelled' };
    default: {
      const result = row.result ? (JSON.parse(row.result) as AiDraftResult) : null;
      return result?.appliedVersion !== null && result
        ? { state: 'refined', message: result.warnings.length ? `Refined; ${result.warnings.length} thing(s) to check` : 'Refined' }
        : { state: 'review', message: 'Edited meanwhile: review the AI answer' };
    }
  }
}

export function batchStatus(ctx: CoreContext, batchId: string): BatchStatus {
  const rows = jobs.listJobs(ctx.sql, { batchId, limit: 1000 });
  if (rows.length === 0) throw new AppError('not_found', 'That bulk run has no jobs (AI refinement may be off, or it was cleared).');
  const drafts = rows
    .map((row) => {
      const payload = JSON.parse(row.payload) as AiDraftPayload;
      return { customerId: payload.customerId, customerName: payload.customerName, draftId: payload.draftId, ...stateOf(row) };
    })
    .sort((a, b) => a.customerName.localeCompare(b.customerName));
  const finished = drafts.filter((d) => d.state !== 'waiting' && d.state !== 'refining').length;
  return { batchId, total: drafts.length, finished, failed: drafts.filter((d) => d.state === 'failed').length, drafts };
}
