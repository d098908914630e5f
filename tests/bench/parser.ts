// The offline parser's half of the bench: how long one sentence takes to read (it runs on every
// keystroke of the live preview), and how often it reads the corpus right.
import { performance } from 'node:perf_hooks';
import { parseInvoicePrompt } from '../../shared/drafting';
import { scoreCorpus, type CorpusScore } from '../unit/drafting/accuracy';
import { CORPUS, HOLDOUT, HOLDOUT_17, type CorpusCase } from '../unit/drafting/corpus';
import { latency, record, section } from './measure';

const ROUNDS = 50;

/** Nearest-rank percentile of sorted times. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function timeEach(cases: readonly CorpusCase[], rounds: number): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const start = performance.now();
      parseInvoicePrompt(c.prompt, c.options);
      times.push(performance.now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function recordScore(label: string, score: CorpusScore): void {
  record(`${label}: exact prompts`, `${score.exactPrompts}/${score.prompts} (${percent(score.exactAccuracy)})`);
  record(`${label}: lines right in every field`, percent(score.lineAccuracy));
  record(`${label}: invoice total right`, percent(score.amountAccuracy));
  record(`${label}: warning given exactly when expected`, percent(score.warningAccuracy));
  record(`${label}: ambiguous sentences flagged`, `${score.ambiguousFlagged}/${score.ambiguousPrompts}`);
  record(`${label}: clear sentences flagged anyway`, String(score.falseAlarms));
  record(`${label}: silent wrong amounts (must be 0)`, String(score.silentWrongAmounts));
}

export async function benchParser(): Promise<void> {
  const all = [...CORPUS, ...HOLDOUT, ...HOLDOUT_17];
  section(`Offline parser: ${all.length.toLocaleString('en')} sentences (${CORPUS.length} corpus, ${HOLDOUT.length} holdout, ${HOLDOUT_17.length} issue-17 holdout)`);
  timeEach(all, 10); // warm up the JIT before measuring
  const times = timeEach(all, ROUNDS);
  record(
    `parse one sentence (${(times.length).toLocaleString('en')} runs)`,
    `p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(3)} ms`,
  );
  const longest = all.reduce((a, b) => (b.prompt.length > a.prompt.length ? b : a));
  const invoice = Array.from({ length: 20 }, (_, i) => `${longest.prompt.replace(/\n/g, ' ')} ${i + 1}`).join('\n');
  record(`parse a 20-line sentence (${invoice.length.toLocaleString('en')} characters)`, await latency(() => parseInvoicePrompt(invoice, longest.options), 200));

  recordScore('corpus', scoreCorpus(CORPUS));
  recordScore('holdout', scoreCorpus(HOLDOUT));
  recordScore('issue-17 holdout', scoreCorpus(HOLDOUT_17));
}
