import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as drafts from './service';

/** The draft channels. */
export function draftHandlers(ctx: CoreContext) {
  return {
    'drafts.create': (input) => drafts.createDraft(ctx, input),
    'drafts.update': (input) => drafts.updateDraft(ctx, input),
    'drafts.versions': (input) => drafts.draftVersions(ctx, input.id),
    'drafts.version': (input) => drafts.draftVersion(ctx, input.id, input.version),
    'drafts.restore': (input) => drafts.restoreDraftVersion(ctx, input),
    'drafts.duplicate': (input) => drafts.duplicateInvoice(ctx, input.invoiceId),
    'drafts.discard': (input) => drafts.discardDraft(ctx, input.id),
  } satisfies Partial<HandlerMap>;
}
