// From pieces to items. A piece with its own price is an item; words without a price belong to the
// item that follows ("design and build of website at 50,000" is one item); a lone count after an item
// without one is its quantity ("hosting at 15,000 per month, 3 months"); a counted piece without a
// price ("3 chairs and 2 tables at 5,000 each") is its own item, flagged, rather than folded into another.
import type { Span } from './clause';
import { readLine, type LineContext, type LineReading } from './line';
import type { ItemGroups } from './split';

export interface ItemsResult {
  items: LineReading[];
  /** Counts and numbers that belong to no item ("…, 30 days", "…, 5"). */
  stray: Span[];
}

type Kind = 'priced' | 'counted' | 'count' | 'words' | 'stray' | 'empty';

function kindOf(r: LineReading): Kind {
  // "Moving services: 1 lorry" has a number the reader only half took for a price: it leads on like words.
  if (r.unitPriceMinor !== null && !r.weakPrice) return 'priced';
  // "…, 5": a lone number with nothing to say what it is.
  if (r.unitPriceMinor !== null && !r.description && !r.explicitQuantity) return 'stray';
  if (r.explicitQuantity) return r.description ? 'counted' : 'count';
  return r.description ? 'words' : 'empty';
}

export function readItems(text: string, groups: ItemGroups, ctx: LineContext): ItemsResult {
  const items: LineReading[] = [];
  const stray: Span[] = [];
  const read = (start: number, end: number) => readLine(text, start, end, ctx);

  for (const group of groups) {
    const emitted: LineReading[] = [];
    // Pieces waiting for the item they lead into.
    let pending: LineReading[] = [];
    const flush = (list: LineReading[]) => {
      for (const p of list) {
        if (kindOf(p) === 'count') stray.push({ start: p.start, end: p.end });
        else emitted.push(p);
      }
    };

    for (const span of group) {
      const r = read(span.start, span.end);
      const kind = kindOf(r);
      if (kind === 'empty') continue;
      if (kind === 'stray') {
        stray.push({ start: r.start, end: r.end });
        continue;
      }
      if (kind === 'priced') {
        if (!r.description) {
          // "Website design and development, 80,000": everything waiting leads into this price.
          emitted.push(pending.length ? read(pending[0]!.start, r.end) : r);
        } else {
          // Counted pieces stand alone; only what comes after the last of them leads into this item.
          const lastCounted = pending.map(kindOf).lastIndexOf('counted');
          flush(pending.slice(0, lastCounted + 1));
          const lead = pending.slice(lastCounted + 1);
          emitted.push(lead.length ? read(lead[0]!.start, r.end) : r);
        }
        pending = [];
        continue;
      }
      if (kind === 'count') {
        const last = emitted[emitted.length - 1];
        if (last && !last.explicitQuantity && pending.length === 0) {
          emitted[emitted.length - 1] = read(last.start, r.end);
          continue;
        }
      }
      if ((kind === 'counted' || kind === 'count') && pending.length && !pending.some((p) => kindOf(p) === 'counted')) {
        // Words before a counted piece lead into it ("website design and hosting, 3 months").
        pending = [read(pending[0]!.start, r.end)];
        continue;
      }
      pending.push(r);
    }
    flush(pending);
    items.push(...emitted);
  }
  return { items, stray };
}
