// What a refinement changed, line by line, for the person to see before keeping it.
import type { DraftDiff, LineField, LineSnapshot } from '../../../shared/domain/drafting';
import type { InvoiceLineFields } from '../../../shared/domain/invoice';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { computeTotals, lineAmountMinor, type Discount } from '../../../shared/totals';
import type { ResolvedDraft } from '../drafts/content';

const LINE_FIELDS: LineField[] = ['description', 'quantityMilli', 'unit', 'unitPriceMinor', 'taxRateBp'];

function snapshot(line: InvoiceLineFields): LineSnapshot {
  return {
    description: line.description, quantityMilli: line.quantityMilli, unit: line.unit, unitPriceMinor: line.unitPriceMinor,
    taxRateBp: line.taxRateBp, amountMinor: lineAmountMinor(line.quantityMilli, line.unitPriceMinor),
  };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** How alike two descriptions are (shared words over all words), to pair a line with its refined self. */
function likeness(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const w of left) if (right.has(w)) shared += 1;
  return shared / (left.size + right.size - shared);
}

function discountText(discount: Discount, currency: CurrencyCode): string {
  if (!discount) return 'none';
  return discount.kind === 'percent' ? `${discount.bp / 100}%` : formatMoney(discount.minor, currency);
}

export function diffDrafts(before: ResolvedDraft, after: ResolvedDraft): DraftDiff {
  const lines: DraftDiff['lines'] = [];
  const unmatched = new Set(after.lines.map((_, i) => i));
  for (const [index, old] of before.lines.entries()) {
    // Pair by position when the description is alike, else by the most alike line left.
    let best = -1;
    let bestScore = 0.2;
    if (unmatched.has(index) && likeness(old.description, after.lines[index]!.description) >= 0.5) best = index;
    else {
      for (const candidate of unmatched) {
        const score = likeness(old.description, after.lines[candidate]!.description);
        if (score > bestScore) [best, bestScore] = [candidate, score];
      }
    }
    if (best < 0) {
      lines.push({ change: 'removed', before: snapshot(old), after: null, fields: [] });
      continue;
    }
    unmatched.delete(best);
    const next = after.lines[best]!;
    const fields = LINE_FIELDS.filter((f) => old[f] !== next[f]);
    lines.push({ change: fields.length ? 'changed' : 'same', before: snapshot(old), after: snapshot(next), fields });
  }
  for (const index of [...unmatched].sort((a, b) => a - b)) lines.push({ change: 'added', before: null, after: snapshot(after.lines[index]!), fields: [] });

  const fields: DraftDiff['fields'] = [];
  if (before.dueDate !== after.dueDate) fields.push({ field: 'dueDate', label: 'Due date', before: before.dueDate ?? 'from terms', after: after.dueDate ?? 'from terms' });
  if (discountText(before.discount, before.currency) !== discountText(after.discount, after.currency)) {
    fields.push({ field: 'discount', label: 'Discount', before: discountText(before.discount, before.currency), after: discountText(after.discount, after.currency) });
  }
  if (before.pricesIncludeTax !== after.pricesIncludeTax) {
    const text = (v: boolean) => (v ? 'include VAT' : 'exclude VAT');
    fields.push({ field: 'pricesIncludeTax', label: 'Prices', before: text(before.pricesIncludeTax), after: text(after.pricesIncludeTax) });
  }
  if (before.notes !== after.notes) fields.push({ field: 'notes', label: 'Notes', before: before.notes || '(none)', after: after.notes || '(none)' });
  return {
    currency: after.currency,
    lines,
    fields,
    totalBeforeMinor: computeTotals(before).totalMinor,
    totalAfterMinor: computeTotals(after).totalMinor,
  };
}
