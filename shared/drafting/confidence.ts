// How much of the sentence the draft can be trusted for, 0..1. 1 only when every word was read and
// every check passed; each doubt takes a share off, so a draft with doubts never looks finished.

export interface ConfidenceInput {
  lineCount: number;
  uncertainLines: number;
  linesWithoutPrice: number;
  linesWithoutDescription: number;
  unparsedCount: number;
  /** Warnings about the whole sentence (currency, stated total, VAT, due date), not about one line. */
  sentenceWarnings: number;
}

export function confidenceOf(input: ConfidenceInput): number {
  if (input.lineCount === 0) return 0;
  let score = 1;
  score -= Math.min(0.75, 0.25 * input.uncertainLines);
  score -= Math.min(0.4, 0.2 * input.linesWithoutPrice);
  score -= Math.min(0.2, 0.05 * input.linesWithoutDescription);
  score -= Math.min(0.3, 0.1 * input.unparsedCount);
  score -= Math.min(0.3, 0.1 * input.sentenceWarnings);
  const anyDoubt = input.uncertainLines + input.linesWithoutPrice + input.unparsedCount + input.sentenceWarnings + input.linesWithoutDescription > 0;
  if (anyDoubt) score = Math.min(score, 0.9);
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}
