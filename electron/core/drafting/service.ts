// Drafting from a sentence: the offline draft at once, the AI refinement as a job, and where it stands.
import type { ChannelParsed } from '../../../shared/contract';
import { parseInvoicePrompt } from '../../../shared/drafting/parse';
import type { ParsedPrompt } from '../../../shared/drafting/types';
import type { DraftAiStatus, GenerateResult } from '../../../shared/domain/drafting';
import { draftContentSchema, type DraftContent, type Invoice } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { CustomerRow } from '../customers/repo';
import { getCustomerRow } from '../customers/repo';
import { checkBillable, type ResolvedDraft } from '../drafts/content';
import { draftVersion, insertDraft, writeDraftEdit } from '../drafts/service';
import { announceInvoices, getInvoice, storedInvoice, today } from '../invoices/service';
import * as jobs from '../jobs/repo';
import { toJobView } from '../jobs/view';
import { readSettings } from '../settings/service';
import { sentenceCatalog } from '../items/catalog';
import { diffDrafts } from './diff';
import { mergeRefinement } from './merge';
import { draftTaxDefaults } from '../drafts/taxDefaults';
import type { AiDraftPayload, AiDraftResult } from './aiJob';

export const AI_DRAFT_PRIORITY = { interactive: 10, bulk: 0 } as const;

export function billableCustomer(ctx: CoreContext, customerId: string): CustomerRow {
  const customer = getCustomerRow(ctx.sql, customerId);
  checkBillable(customer, undefined);
  return customer;
}

/**
 * The offline parser's reading of a sentence as draft content for this customer, with the business's
 * VAT and the customer's prices, and the catalog items the sentence names: their prices fill lines
 * the sentence gave none, and a line keeps its item.
 */
export function offlineDraft(ctx: CoreContext, customer: CustomerRow, prompt: string, issueDate: string): { content: DraftContent; parsed: ParsedPrompt } {
  const currency = customer.currency as CurrencyCode;
  const tax = draftTaxDefaults(ctx, customer);
  const { index } = sentenceCatalog(ctx, prompt);
  const parsed = parseInvoicePrompt(prompt, {
    today: issueDate, currency, defaultTaxRateBp: tax.rateBp, defaultPricesIncludeTax: tax.pricesIncludeTax, vatRegistered: tax.vatRegistered, catalog: index,
  });
  const content = draftContentSchema.parse({
    customerId: customer.id,
    currency,
    issueDate,
    dueDate: parsed.dueDate && parsed.dueDate >= issueDate ? parsed.dueDate : null,
    pricesIncludeTax: parsed.pricesIncludeTax,
    discount: parsed.discount,
    lines: parsed.lines.map((line) => ({
      description: line.description.slice(0, 500), quantityMilli: Math.max(1, line.quantityMilli), unit: line.unit.slice(0, 20),
      unitPriceMinor: line.unitPriceMinor, taxRateBp: line.taxRateBp, priceIncludesTax: null, itemId: line.itemId,
    })),
    notes: parsed.periodLabel ? `Period: ${parsed.periodLabel}` : '',
  });
  return { content, parsed };
}

/** Queues the AI refinement of a draft's given version; the caller holds the transaction. */
export function queueRefinement(ctx: CoreContext, draftId: string, version: number, prompt: string, customer: CustomerRow, options: { priority: number; batchId?: string }) {
  const payload: AiDraftPayload = { draftId, baseVersion: version, prompt, customerId: customer.id, customerName: customer.name };
  return ctx.jobs.enqueue({
    kind: 'ai.draft', provider: 'gemini', payload, priority: options.priority, batchId: options.batchId,
    idempotencyKey: `ai.draft:${draftId}:${version}`, subjectId: draftId, subjectLabel: `Draft for ${customer.name}`,
  });
}

/** Whether drafts are sent to Gemini: switched on, and a key to send them with. */
export function aiReady(ctx: CoreContext): boolean {
  return readSettings(ctx).ai.enabled && ctx.secrets.get('geminiApiKey') !== null;
}

/** What a person reads under a draft made from a sentence that AI did not refine, and why. */
function offlineMessage(ctx: CoreContext): string {
  if (!readSettings(ctx).ai.enabled) return 'Drafted offline from your sentence. AI refinement is switched off in Settings.';
  if (ctx.secrets.get('geminiApiKey') === null) {
    return 'Drafted offline from your sentence: check the lines. With a Gemini API key (Settings → AI drafting), AI would also tidy the wording and check the draft against this customer’s past invoices.';
  }
  return 'Drafted offline from your sentence. Check the lines, or ask AI to refine it.';
}

export function generateDraft(ctx: CoreContext, input: ChannelParsed<'drafting.generate'>): GenerateResult {
  const customer = billableCustomer(ctx, input.customerId);
  const issueDate = input.issueDate ?? today(ctx);
  const { content, parsed } = offlineDraft(ctx, customer, input.prompt, issueDate);
  // Without a key there is nothing to refine with: no job waits for one (the status says what a key would add).
  const refine = input.refine && aiReady(ctx);
  const id = ctx.sql.transaction(() => {
    const draftId = insertDraft(
      ctx, content,
      { source: 'offline_parser', prompt: input.prompt, aiConfidence: parsed.confidence, warnings: parsed.warnings },
      'Drafted offline from a sentence',
    );
    if (refine) queueRefinement(ctx, draftId, 1, input.prompt, customer, { priority: AI_DRAFT_PRIORITY.interactive });
    return draftId;
  });
  announceInvoices(ctx, [id], [customer.id]);
  ctx.jobs.wake();
  return { draft: getInvoice(ctx, id), parsed, status: draftAiStatus(ctx, id) };
}

function contentOf(ctx: CoreContext, draftId: string, version: number): ResolvedDraft {
  return draftVersion(ctx, draftId, version).content;
}

function readResult(row: jobs.JobRow): AiDraftResult | null {
  return row.result ? (JSON.parse(row.result) as AiDraftResult) : null;
}

/** "in 12 s", "in 3 min": a wait a person can read whatever their time zone. */
function waitText(ctx: CoreContext, iso: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(iso) - ctx.jobs.currentTime()) / 1000));
  if (seconds < 2) return 'now';
  return seconds < 90 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

export function draftAiStatus(ctx: CoreContext, draftId: string): DraftAiStatus {
  const row = storedInvoice(ctx, draftId);
  const current = draftVersion(ctx, draftId, row.draft_version);
  const jobRow = jobs.latestForSubject(ctx.sql, draftId, 'ai.draft');
  const base = {
    draftId, job: jobRow ? toJobView(jobRow) : null, prompt: row.prompt, warnings: current.warnings,
    confidence: current.aiConfidence, offlineVersion: null as number | null, refinedVersion: null as number | null, diff: null,
    aiReady: aiReady(ctx),
  };
  if (!jobRow) {
    const message = row.prompt ? offlineMessage(ctx) : 'Typed in by hand.';
    return { ...base, state: 'drafted_offline', message };
  }
  const payload = JSON.parse(jobRow.payload) as AiDraftPayload;
  const offlineVersion = payload.baseVersion;
  const status = { ...base, offlineVersion };
  switch (jobRow.state) {
    case 'queued':
      return {
        ...status, state: 'waiting',
        message: jobRow.last_error
          ? `Drafted offline. ${jobRow.last_error} Next try ${waitText(ctx, jobRow.run_at)} (attempt ${jobRow.attempts + 1} of ${jobRow.max_attempts}).`
          : 'Drafted offline. Waiting for its turn to be refined by AI.',
      };
    case 'offline':
      return { ...status, state: 'waiting', message: `Drafted offline. ${jobRow.last_error ?? 'Waiting for the network.'}` };
    case 'running':
      return { ...status, state: 'refining', message: `Refining with AI: ${jobRow.progress_label || 'working'}…` };
    case 'failed':
      return { ...status, state: 'failed', message: `The offline draft stands. ${jobRow.last_error ?? 'AI refinement failed.'}` };
    case 'cancelled':
      return { ...status, state: 'cancelled', message: 'AI refinement was cancelled. The offline draft stands.' };
    default: {
      const result = readResult(jobRow);
      if (!result) return { ...status, state: 'failed', message: 'The AI answer could not be read back.' };
      if (result.appliedVersion !== null) {
        return {
          ...status, state: 'refined', refinedVersion: result.appliedVersion,
          message: row.draft_version === result.appliedVersion
            ? 'Refined by AI. Compare it with the offline draft below; one click goes back.'
            : `Refined by AI as version ${result.appliedVersion}; you have edited it since.`,
          diff: row.status === 'draft' ? diffDrafts(contentOf(ctx, draftId, offlineVersion), contentOf(ctx, draftId, result.appliedVersion)) : null,
        };
      }
      if (row.status !== 'draft') return { ...status, state: 'drafted_offline', message: 'The AI answer came after the draft was finalized, so it was not used.' };
      const now = contentOf(ctx, draftId, row.draft_version);
      return {
        ...status, state: 'review',
        message: 'The AI answer arrived after you edited the draft, so it was not applied. Review the changes and apply them if you want them.',
        diff: diffDrafts(now, mergeRefinement(now, result.content)),
      };
    }
  }
}

/** A fresh refinement of a draft made from a sentence: after a failure or a cancel, or when it never had one. */
export function refineDraft(ctx: CoreContext, draftId: string): DraftAiStatus {
  const row = storedInvoice(ctx, draftId);
  if (row.status !== 'draft') throw new AppError('conflict', 'This invoice is finalized; there is nothing left to refine.');
  if (!row.prompt) throw new AppError('conflict', 'This draft was not made from a sentence, so there is nothing for AI to read.');
  if (!readSettings(ctx).ai.enabled) throw new AppError('conflict', 'AI refinement is switched off. Switch it on in Settings → AI drafting.');
  if (ctx.secrets.get('geminiApiKey') === null) throw new AppError('conflict', 'There is no Gemini API key yet. Add one in Settings → AI drafting, then ask again.');
  const latest = jobs.latestForSubject(ctx.sql, draftId, 'ai.draft');
  const sameVersion = latest && (JSON.parse(latest.payload) as AiDraftPayload).baseVersion === row.draft_version;
  if (latest && sameVersion && (latest.state === 'failed' || latest.state === 'cancelled' || latest.state === 'offline' || latest.state === 'queued')) {
    ctx.jobs.retryNow(latest.id);
  } else if (!latest || !sameVersion) {
    const customer = billableCustomer(ctx, row.customer_id);
    ctx.sql.transaction(() => queueRefinement(ctx, draftId, row.draft_version, row.prompt!, customer, { priority: AI_DRAFT_PRIORITY.interactive }));
    ctx.jobs.wake();
  }
  return draftAiStatus(ctx, draftId);
}

/** Keeps a refinement that was held back because the draft had been edited. */
export function applyRefinement(ctx: CoreContext, input: ChannelParsed<'drafting.applyRefinement'>): Invoice {
  const customerId = ctx.sql.transaction(() => {
    const jobRow = jobs.getJob(ctx.sql, input.jobId);
    const payload = jobRow ? (JSON.parse(jobRow.payload) as AiDraftPayload) : null;
    if (!jobRow || payload?.draftId !== input.draftId) throw new AppError('not_found', 'That AI answer belongs to another draft.');
    const result = readResult(jobRow);
    if (jobRow.state !== 'succeeded' || !result) throw new AppError('conflict', 'That AI refinement has not finished.');
    if (result.appliedVersion !== null) throw new AppError('conflict', `That AI answer is already version ${result.appliedVersion} of the draft.`);
    const { previousCustomer, saved } = writeDraftEdit(
      ctx,
      {
        id: input.draftId, version: input.currentVersion, draft: mergeRefinement(contentOf(ctx, input.draftId, input.currentVersion), result.content),
        origin: { source: 'ai', prompt: payload.prompt, aiConfidence: result.confidence, warnings: result.warnings },
      },
      'Refined by AI',
    );
    const applied: AiDraftResult = { ...result, appliedVersion: saved ? input.currentVersion + 1 : input.currentVersion };
    ctx.sql.prepare('UPDATE jobs SET result = ? WHERE id = ?').run(JSON.stringify(applied), jobRow.id);
    return previousCustomer;
  });
  announceInvoices(ctx, [input.draftId], [customerId]);
  return getInvoice(ctx, input.draftId);
}
