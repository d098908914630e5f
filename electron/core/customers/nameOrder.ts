// Where each live customer stands in name order, kept in memory, so a search matching thousands of
// customers ("wan" over 100,000) sorts their keys by a number instead of reading every matching row
// for its name (that read was most of a search's time). Held per connection, and built again on the
// next search after any customer is added, renamed, archived or restored, here or by another process.
import type { Sql } from '../db/sql';
import * as repo from './repo';

interface NameOrder {
  /** rank[seq]: position in name order (name collate nocase, seq) plus one; 0 for no live customer. */
  rank: Int32Array;
  /** seqByRank[rank - 1]: the customer at that position. */
  seqByRank: Int32Array;
  /** The change counts it was built at. */
  local: number;
  others: number;
}

const orders = new WeakMap<Sql, NameOrder>();
const watched = new WeakSet<Sql>();

/**
 * A temporary trigger counts this connection's changes to what decides the order (nothing is
 * written to the books); other processes' commits show in data_version.
 */
function changeCounts(sql: Sql): { local: number; others: number } {
  if (!watched.has(sql)) {
    repo.watchNameOrderChanges(sql);
    watched.add(sql);
  }
  return repo.nameOrderChangeCounts(sql);
}

function currentOrder(sql: Sql): NameOrder {
  const counts = changeCounts(sql);
  const held = orders.get(sql);
  if (held && held.local === counts.local && held.others === counts.others) return held;
  const seqs = repo.liveSeqsInNameOrder(sql);
  let maxSeq = 0;
  for (const seq of seqs) if (seq > maxSeq) maxSeq = seq;
  const rank = new Int32Array(maxSeq + 1);
  const seqByRank = Int32Array.from(seqs);
  for (let i = 0; i < seqs.length; i++) rank[seqs[i]!] = i + 1;
  const order = { rank, seqByRank, ...counts };
  orders.set(sql, order);
  return order;
}

/**
 * One page of the live customers among `seqs`, in name order (ascending or descending). A key the
 * order does not know (an archived customer) is left out, as the list by name leaves it out.
 */
export function pageInNameOrder(sql: Sql, seqs: ArrayLike<number>, direction: 'asc' | 'desc', offset: number, limit: number): number[] {
  const { rank, seqByRank } = currentOrder(sql);
  const live = seqByRank.length;
  // Many matches (a one-letter search matches nearly everyone): mark their places in name order and
  // walk from the wanted end, which costs one pass over the customers instead of a sort.
  if (seqs.length * 16 > live) {
    const marked = new Uint8Array(live);
    let n = 0;
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i]!;
      const r = seq < rank.length ? rank[seq]! : 0;
      if (r > 0) {
        marked[r - 1] = 1;
        n++;
      }
    }
    const page: number[] = [];
    let skipped = 0;
    for (let step = 0; step < live && page.length < limit && skipped + page.length < n; step++) {
      const at = direction === 'asc' ? step : live - 1 - step;
      if (marked[at] === 0) continue;
      if (skipped < offset) skipped++;
      else page.push(seqByRank[at]!);
    }
    return page;
  }
  const ranks = new Int32Array(seqs.length);
  let n = 0;
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!;
    const r = seq < rank.length ? rank[seq]! : 0;
    if (r > 0) ranks[n++] = r;
  }
  const sorted = ranks.subarray(0, n).sort();
  const page: number[] = [];
  for (let i = offset; i < offset + limit && i < n; i++) {
    const r = direction === 'asc' ? sorted[i]! : sorted[n - 1 - i]!;
    page.push(seqByRank[r - 1]!);
  }
  return page;
}
