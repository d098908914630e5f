// Scores the offline parser against the hand-written corpus. "Exact" means every expected field of
// the prompt matched; a "silent wrong amount" is a prompt whose total came out different from what
// the person meant while the parser raised no warning and marked no line uncertain: the one outcome
// the parser must never produce.
import { parseInvoicePrompt, type ParsedPrompt } from '../../../shared/drafting';
import { computeTotals, type Discount, type TaxRateBp } from '../../../shared/totals';
import { CORPUS, type CorpusCase, type Expected, type ExpectedLine } from './corpus';

export interface CaseResult {
  prompt: string;
  ambiguous: boolean;
  exact: boolean;
  /** The fields that did not match, as "field: expected … got …". */
  mismatches: string[];
  linesExpected: number;
  linesMatched: number;
  amountRight: boolean;
  warned: boolean;
  silentWrongAmount: boolean;
  parsed: ParsedPrompt;
}

export interface CorpusScore {
  prompts: number;
  exactPrompts: number;
  /** exactPrompts / prompts. */
  exactAccuracy: number;
  /** Expected lines matched in every field, over all expected lines. */
  lineAccuracy: number;
  /** Prompts whose invoice total equals the expected total. */
  amountAccuracy: number;
  /** Prompts where a warning (or uncertain line) was expected and given, or not expected and not given. */
  warningAccuracy: number;
  /** Ambiguous prompts that got a warning, over all ambiguous prompts. */
  ambiguousFlagged: number;
  ambiguousPrompts: number;
  /** Wrong total, no warning, no uncertain line. Must be 0. */
  silentWrongAmounts: number;
  /** Clear prompts that were flagged anyway (noise that teaches people to ignore warnings). */
  falseAlarms: number;
  cases: CaseResult[];
}

function totalOf(lines: readonly { quantityMilli: number; unitPriceMinor: number }[], taxRateBp: TaxRateBp, pricesIncludeTax: boolean, discount: Discount): number | null {
  try {
    return computeTotals({ lines: lines.map((l) => ({ ...l, taxRateBp })), pricesIncludeTax, discount }).totalMinor;
  } catch {
    return null;
  }
}

const LINE_FIELDS = ['description', 'quantityMilli', 'unit', 'unitPriceMinor', 'amountMinor', 'uncertain'] as const;

function lineMismatches(expected: ExpectedLine, got: ParsedPrompt['lines'][number] | undefined, n: number): string[] {
  if (!got) return [`line ${n}: missing`];
  return LINE_FIELDS.filter((f) => expected[f] !== got[f]).map((f) => `line ${n} ${f}: expected ${JSON.stringify(expected[f])} got ${JSON.stringify(got[f])}`);
}

export function scoreCase(testCase: CorpusCase): CaseResult {
  const parsed = parseInvoicePrompt(testCase.prompt, testCase.options);
  const e: Expected = testCase.expected;
  const mismatches: string[] = [];
  let linesMatched = 0;
  e.lines.forEach((line, i) => {
    const problems = lineMismatches(line, parsed.lines[i], i + 1);
    if (problems.length === 0) linesMatched++;
    mismatches.push(...problems);
  });
  if (parsed.lines.length > e.lines.length) mismatches.push(`lines: expected ${e.lines.length} got ${parsed.lines.length}`);
  const same = (field: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${field}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
  };
  same('taxRateBp', e.taxRateBp, parsed.taxRateBp);
  same('pricesIncludeTax', e.pricesIncludeTax, parsed.pricesIncludeTax);
  same('discount', e.discount, parsed.discount);
  same('dueDate', e.dueDate, parsed.dueDate);
  same('currency', e.currency, parsed.currency);
  same('periodLabel', e.periodLabel, parsed.periodLabel);
  if (e.statedTotalMinor !== undefined) same('statedTotalMinor', e.statedTotalMinor, parsed.statedTotalMinor);
  const warned = parsed.warnings.length > 0 || parsed.lines.some((l) => l.uncertain);
  same('warning', e.warning, warned);

  const expectedTotal = totalOf(e.lines, e.taxRateBp, e.pricesIncludeTax, e.discount);
  const gotTotal = totalOf(parsed.lines, parsed.taxRateBp, parsed.pricesIncludeTax, parsed.discount);
  const amountRight = expectedTotal !== null && expectedTotal === gotTotal && e.currency === parsed.currency;
  return {
    prompt: testCase.prompt,
    ambiguous: testCase.ambiguous,
    exact: mismatches.length === 0,
    mismatches,
    linesExpected: e.lines.length,
    linesMatched,
    amountRight,
    warned,
    silentWrongAmount: !amountRight && !warned,
    parsed,
  };
}

export function scoreCorpus(corpus: readonly CorpusCase[] = CORPUS): CorpusScore {
  const cases = corpus.map(scoreCase);
  const prompts = cases.length;
  const exactPrompts = cases.filter((c) => c.exact).length;
  const linesExpected = cases.reduce((a, c) => a + c.linesExpected, 0);
  const linesMatched = cases.reduce((a, c) => a + c.linesMatched, 0);
  const ambiguous = cases.filter((c) => c.ambiguous);
  const warningRight = corpus.filter((t, i) => t.expected.warning === cases[i]!.warned).length;
  return {
    prompts,
    exactPrompts,
    exactAccuracy: prompts ? exactPrompts / prompts : 0,
    lineAccuracy: linesExpected ? linesMatched / linesExpected : 0,
    amountAccuracy: prompts ? cases.filter((c) => c.amountRight).length / prompts : 0,
    warningAccuracy: prompts ? warningRight / prompts : 0,
    ambiguousFlagged: ambiguous.filter((c) => c.warned).length,
    ambiguousPrompts: ambiguous.length,
    silentWrongAmounts: cases.filter((c) => c.silentWrongAmount).length,
    falseAlarms: corpus.filter((t, i) => !t.expected.warning && cases[i]!.warned).length,
    cases,
  };
}
