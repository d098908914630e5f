// What someone types in the item search or picker, as an FTS5 prefix query over names and codes.

const MAX_TERMS = 8;

/** Every typed word must start a word of the name or the code; null when there is nothing to search. */
export function itemMatchExpression(typed: string, includeArchived: boolean): string | null {
  const terms = (typed.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  // Terms are letters and digits only, so quoting them cannot break out of the expression.
  const match = `{name code} : (${terms.map((t) => `"${t}"*`).join(' ')})`;
  return includeArchived ? match : `(${match}) NOT state : archived`;
}
