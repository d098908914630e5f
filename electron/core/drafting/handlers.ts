import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { batchStatus, bulkDrafts } from './bulk';
import * as drafting from './service';
import { draftFromPrevious, suggestionsFor, useSuggestion } from './templates';

/** Drafting from a sentence, from history, and in bulk. */
export function draftingHandlers(ctx: CoreContext) {
  return {
    'drafting.generate': (input) => drafting.generateDraft(ctx, input),
    'drafting.status': (input) => drafting.draftAiStatus(ctx, input.draftId),
    'drafting.refine': (input) => drafting.refineDraft(ctx, input.draftId),
    'drafting.applyRefinement': (input) => drafting.applyRefinement(ctx, input),
    'drafting.suggestions': (input) => suggestionsFor(ctx, input),
    'drafting.useSuggestion': (input) => useSuggestion(ctx, input),
    'drafting.fromPrevious': (input) => draftFromPrevious(ctx, input.customerId),
    'drafting.bulk': (input) => bulkDrafts(ctx, input),
    'drafting.batch': (input) => batchStatus(ctx, input.batchId),
  } satisfies Partial<HandlerMap>;
}
