// Document numbers: the formats and series (shared/numbering.ts), and how numbers are searched.
export { formatNumber, numberFormatProblem, seriesOf, type NumberParts } from '../../../shared/numbering';

/**
 * Search words for a number: the whole number run together ("inv20260042"), its digits run
 * together ("20260042"), its parts, and its sequence without leading zeros ("42"). A typed
 * number then needs one prefix lookup instead of an AND over parts that every invoice shares.
 */
export function numberSearchText(number: string): string {
  const words = number.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const digits = words.filter((w) => /^\d+$/.test(w));
  const trimmed = digits.filter((w) => /^0+\d/.test(w)).map((w) => w.replace(/^0+/, ''));
  return [words.join(''), digits.join(''), ...words, ...trimmed].filter((w, i, all) => w !== '' && all.indexOf(w) === i).join(' ');
}

/** The FTS query for what a person typed in the invoice search, as an invoice number. */
export function numberMatch(typed: string): string | null {
  const words = typed.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  // Words are letters and digits only, so quoting them cannot break out of the expression.
  return `"${words.join('')}"*`;
}
