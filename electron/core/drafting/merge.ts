import type { ResolvedDraft } from '../drafts/content';

/** What an AI answer changes on a draft: the lines, prices, discount and due date. */
export interface Refinement {
  lines: ResolvedDraft['lines'];
  pricesIncludeTax: boolean;
  discount: ResolvedDraft['discount'];
  dueDate: string | null;
}

/**
 * The draft as it is now with the AI's refinement on top. Who it bills, its dates, terms and
 * template stay the person's, so applying an answer that waited for review never undoes their edits.
 */
export function mergeRefinement(current: ResolvedDraft, refinement: Refinement & { notes?: string }): ResolvedDraft {
  return {
    ...current,
    lines: refinement.lines,
    pricesIncludeTax: refinement.pricesIncludeTax,
    discount: refinement.discount,
    dueDate: refinement.dueDate ?? current.dueDate,
    notes: current.notes || (refinement.notes ?? ''),
  };
}
