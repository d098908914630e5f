// The "ai.draft" job: ask Gemini to refine a draft made offline, check the answer, and save it as
// the draft's next version — unless the person edited the draft meanwhile, then hold it for review.
import type { ResolvedDraft } from '../drafts/content';
import type { CurrencyCode } from '../../../shared/money';
import { generateJson } from '../ai/gemini';
import { buildInvoicePrompt, INVOICE_REPLY_SCHEMA, SYSTEM_INSTRUCTION } from '../ai/prompt';
import { parseReply, refineFromReply } from '../ai/reply';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import { draftVersion, writeDraftEdit } from '../drafts/service';
import { getInvoiceRow } from '../invoices/repo';
import { announceInvoices, today } from '../invoices/service';
import { JobFailure } from '../jobs/failure';
import type { JobHandler } from '../jobs/runner';
import { geminiBaseUrl, readSettings } from '../settings/service';
import { median, pastInvoices } from './history';
import { mergeRefinement, type Refinement } from './merge';
import { draftTaxDefaults, type DraftTaxDefaults } from '../drafts/taxDefaults';
import { parseInvoicePrompt } from '../../../shared/drafting/parse';
import { draftContentSchema } from '../../../shared/domain/invoice';
import { buildCatalogIndex } from '../../../shared/drafting/catalog';
import { entriesForSentence } from '../items/catalog';

export interface AiDraftPayload {
  draftId: string;
  /** The offline version the AI refines; the answer is applied only while this is still the newest. */
  baseVersion: number;
  prompt: string;
  customerId: string;
  customerName: string;
}

export interface AiDraftResult {
  content: ResolvedDraft;
  warnings: string[];
  confidence: number;
  /** The draft version the answer became, or null while it waits for review (or was never used). */
  appliedVersion: number | null;
}

/** The draft's row, unless it was discarded. */
function liveDraftRow(ctx: CoreContext, id: string) {
  const row = getInvoiceRow(ctx.sql, id);
  return row && !row.deleted_at ? row : undefined;
}

const HISTORY_IN_PROMPT = 5;
const HISTORY_FOR_USUAL = 24;

/** Whether the sentence itself says its prices include (or exclude) VAT: only then may the AI's reading override the customer's. */
function sentenceSaysInclusive(prompt: string, currency: CurrencyCode, today: string): boolean {
  return parseInvoicePrompt(prompt, { today, currency, defaultTaxRateBp: 1600 }).pricesIncludeTaxStated;
}

/** The AI's answer kept to the business's VAT and, unless the sentence says otherwise, the customer's prices. */
function followBusinessTax<T extends Refinement>(refined: T, tax: DraftTaxDefaults, stated: boolean): T {
  return {
    ...refined,
    pricesIncludeTax: tax.vatRegistered && (stated ? refined.pricesIncludeTax : tax.pricesIncludeTax),
    lines: tax.vatRegistered ? refined.lines : refined.lines.map((l) => ({ ...l, taxRateBp: null, priceIncludesTax: null })),
  };
}

export function aiDraftHandler(ctx: CoreContext): JobHandler {
  return async ({ payload, signal, progress }) => {
    const job = payload as AiDraftPayload;
    progress(0.1, 'Reading the draft');
    const row = liveDraftRow(ctx, job.draftId);
    if (!row || row.status !== 'draft') {
      throw new JobFailure('permanent', 'The draft was finalized or discarded before AI could refine it; nothing was changed.');
    }
    const customer = getCustomerRow(ctx.sql, row.customer_id);
    if (!customer) throw new JobFailure('permanent', 'The draft\'s customer no longer exists.');
    const base = draftVersion(ctx, job.draftId, job.baseVersion).content;
    const settings = readSettings(ctx).ai;
    const apiKey = ctx.secrets.get('geminiApiKey');
    if (!apiKey) throw new JobFailure('offline', 'No Gemini API key yet: add one in Settings → AI drafting. The offline draft stands meanwhile.');

    const tax = draftTaxDefaults(ctx, customer);
    const history = pastInvoices(ctx.sql, customer.id, HISTORY_FOR_USUAL);
    const sameCurrency = history.filter((h) => h.currency === base.currency);
    const usual = sameCurrency.length >= 3 ? median(sameCurrency.map((h) => h.totalMinor)) : null;
    const catalog = entriesForSentence(ctx, job.prompt);
    progress(0.3, 'Asking Gemini');
    const text = await generateJson({
      apiKey, baseUrl: geminiBaseUrl(ctx), model: settings.model, timeoutMs: settings.timeoutSeconds * 1000, signal,
      systemInstruction: SYSTEM_INSTRUCTION, responseSchema: INVOICE_REPLY_SCHEMA, maxOutputTokens: 4096,
      userText: buildInvoicePrompt(
        {
          name: customer.name, businessType: customer.business_type, paymentTermsDays: customer.payment_terms_days,
          currency: base.currency as CurrencyCode, language: customer.ai_language,
          vatRegistered: tax.vatRegistered, defaultTaxRateBp: tax.rateBp, pricesIncludeTax: tax.pricesIncludeTax,
        },
        history.slice(0, HISTORY_IN_PROMPT), job.prompt, today(ctx), catalog,
      ),
    });
    progress(0.8, 'Checking the answer');
    const refined = followBusinessTax(
      refineFromReply(parseReply(text), {
        currency: base.currency, issueDate: base.issueDate,
        usualTotal: usual === null ? null : { medianMinor: usual, invoices: sameCurrency.length },
      }),
      tax,
      sentenceSaysInclusive(job.prompt, base.currency as CurrencyCode, base.issueDate),
    );
    // Each line keeps the catalog item its description names, as the offline draft's did.
    const index = buildCatalogIndex(catalog);
    refined.lines = refined.lines.map((line) => {
      const match = index.match(line.description);
      return match?.kind === 'item' ? { ...line, itemId: match.entry.id } : line;
    });
    // Checked with the same schema a person's save goes through, so no answer can store a draft that cannot be read back.
    const checked = draftContentSchema.safeParse(mergeRefinement(base, refined));
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new JobFailure('permanent', `Gemini's answer cannot be a draft (${issue?.path.join('.') || 'draft'}: ${issue?.message}). The offline draft stands.`);
    }
    const content: ResolvedDraft = { ...checked.data, currency: base.currency };
    const result: AiDraftResult = { content, warnings: refined.warnings, confidence: refined.confidence, appliedVersion: null };
    let announce = false;
    return {
      result,
      commit: () => {
        // Read again inside the transaction: the person may have saved or finalized while Gemini answered.
        const now = liveDraftRow(ctx, job.draftId);
        if (!now || now.status !== 'draft' || now.draft_version !== job.baseVersion) return;
        const { saved } = writeDraftEdit(
          ctx,
          { id: job.draftId, version: job.baseVersion, draft: content, origin: { source: 'ai', prompt: job.prompt, aiConfidence: refined.confidence, warnings: refined.warnings } },
          'Refined by AI',
        );
        result.appliedVersion = saved ? job.baseVersion + 1 : job.baseVersion;
        announce = true;
      },
      after: () => {
        if (announce) announceInvoices(ctx, [job.draftId], [customer.id]);
        else ctx.events.emit('invoices.changed', { ids: [job.draftId], customerIds: [customer.id] });
      },
    };
  };
}
