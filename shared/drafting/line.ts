// One item of the sentence -> quantity, unit, unit price and description.
// "3 months of web hosting at KES 15,000 per month" reads as 3 months × 15,000. Whenever a number
// could be read two ways (a price or a total? a quantity or a price?) the line says so instead of
// guessing quietly: `uncertain` and an issue in words.
import { MINOR_DIGITS, type CurrencyCode } from '../money';
import { divideHalfUp } from '../totals';
import type { Span } from './clause';
import { resolveMark, type CurrencyMark } from './currency';
import { cleanDescription } from './describe';
import { MAX_QUANTITY_MILLI, milliToText, toMilli, toMinor } from './numbers';
import { tokenize, type NumberToken, type Token } from './tokens';
import { MONTH_SOURCE } from './calendar';
import { isContainer, isMeasure, isPeriod, perWordUnit, singular, unitOf, unitWithTypo } from './units';

export interface LineContext {
  /** The currency amounts are read in (the sentence's). */
  currency: CurrencyCode;
  /** The customer's currency: a bare "Sh" means theirs. */
  customer: CurrencyCode;
}

export interface LineReading {
  start: number;
  end: number;
  description: string;
  quantityMilli: number;
  unit: string;
  /** null: these words hold no price. */
  unitPriceMinor: number | null;
  /** The words gave a count ("3 months", "x3"), not the default of one. */
  explicitQuantity: boolean;
  uncertain: boolean;
  /** What the person must check, about this line; the caller adds which line. */
  issues: string[];
  /** The price is only a bare number the reader doubts ("Chairs 5"): the piece may lead into the next. */
  weakPrice: boolean;
  /**
   * The line's one doubt is whether its amount is the price each or the line's total: a stated total
   * can settle it.
   */
  eachOrTotal: boolean;
  /** "= 22,500" beside a price: a total to check against. */
  checkMinor: number | null;
  checkText: string;
  /** Currencies written on this line's amounts. */
  currencies: CurrencyCode[];
  unread: Span[];
}

interface Amount {
  index: number;
  token: NumberToken;
  /** Token range including an attached currency, scale word or percent sign. */
  first: number;
  last: number;
  currency: CurrencyMark | null;
  scale: number;
  percent: boolean;
  metres: boolean;
}

interface Quantity {
  amount: Amount | null;
  milli: number;
  exact: boolean;
  unit: string;
  text: string;
}

type Before = 'at' | 'eq' | 'for' | 'x' | 'colon' | 'of' | null;

const SCALE_WORDS = new Map(Object.entries({ k: 1000, thousand: 1000, million: 1_000_000, mn: 1_000_000, bn: 1_000_000_000 }));
const OF_WORDS = new Set(['of', 'worth', 'costs', 'cost', 'costing', 'price', 'priced', 'rate', 'fee', 'charge', 'charged', 'is', 'was', 'only', 'totalling', 'totaling', 'amount', 'amounting', 'pay', 'paid']);
/** Words after a leading number that show it is not a count: "5000 for logo design". */
const NOT_GOODS = new Set(['for', 'per', 'each', 'only', 'a', 'an', 'k', 'off', 'total', 'x', 'by', 'ea', 'apiece', 'every', 'to', 'plus', 'and', 'or', 'in', 'of', 'on', 'at']);
/** Plurals without an s: "for 45 children". */
const IRREGULAR_PLURALS = new Set(['children', 'men', 'women', 'youth', 'youths', 'people', 'feet', 'teeth', 'geese', 'mice', 'sheep', 'cattle', 'deer', 'fish', 'personnel', 'police']);
const EACH_WORDS = new Set(['each', 'ea', 'apiece']);
const FREE_WORDS = /\b(?:free|included|complimentary|foc|f\.o\.c|waived|gratis|no\s+charge|at\s+no\s+cost|free\s+of\s+charge)\b/i;
const EACH_UNITS = new Set(['pieces', 'items', 'units']);

/** Units that give a product's size, never how many: "24 inch monitors", "500 ml soda", "32 GB flash". */
const SIZE_ONLY = new Set(['ml', 'cl', 'inch', 'gb', 'tb', 'mb', 'cm', 'mm', 'ft', 'watts', 'volts', 'kva', 'mah']);
const SIZE_WORDS: Record<string, string> = {
  ml: 'ml', millilitre: 'ml', millilitres: 'ml', milliliter: 'ml', milliliters: 'ml', cl: 'cl', inch: 'inch', inches: 'inch', '"': 'inch',
  gb: 'gb', tb: 'tb', mb: 'mb', cm: 'cm', mm: 'mm', ft: 'ft', feet: 'ft', foot: 'ft', w: 'watts', watt: 'watts', watts: 'watts',
  v: 'volts', volt: 'volts', volts: 'volts', kva: 'kva', mah: 'mah',
};
/** Units a count's goods may be sized in: "5kg bags", "2 litre bottles", "6m pipes". */
const SIZE_MEASURES = new Set(['kg', 'g', 'litres', 'm', 'tonnes']);

function sizeUnitAt(token: Token | undefined): string | null {
  if (!token || (token.kind !== 'word' && token.kind !== 'sym')) return null;
  const own = SIZE_WORDS[token.lower];
  if (own) return own;
  const unit = token.kind === 'word' ? unitOf(token.lower) : null;
  return unit && SIZE_MEASURES.has(unit) ? unit : null;
}

/** "4 × 5kg", "4 x 5kg", "5 by 20 litre": a count joined to the size of what is counted. */
function isCountJoin(token: Token | undefined): boolean {
  return isTimes(token) || token?.lower === '×' || token?.lower === 'by';
}

function isTimes(token: Token | undefined): boolean {
  return !!token && (token.kind === 'sym' || token.kind === 'word') && (token.lower === 'x' || token.lower === '*');
}

function valueOf(a: Amount): number {
  return Number(`${a.token.digits.whole}.${a.token.digits.fraction || '0'}`) * a.scale;
}

export function readLine(text: string, start: number, end: number, ctx: LineContext): LineReading {
  const tokens = tokenize(text, start, end);
  const used = tokens.map(() => false);
  // Messages wait for the description, so that they can name the item: "for 'Consulting'".
  const issues: ((item: string) => string)[] = [];
  const unread: Span[] = [];
  const currencies: CurrencyCode[] = [];
  const note = (message: string | ((item: string) => string)) => {
    issues.push(typeof message === 'string' ? () => message : message);
  };
  let uncertain = false;
  const doubt = (message: string | ((item: string) => string)) => {
    uncertain = true;
    note(message);
  };
  const use = (from: number, to: number) => {
    for (let k = from; k <= to; k++) if (k >= 0 && k < used.length) used[k] = true;
  };

  // Amounts, with what is attached to them: "KES 15,000", "25 k", "500 bob", "16 %".
  const amounts: Amount[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'num') continue;
    const a: Amount = { index: i, token, first: i, last: i, currency: null, scale: token.scale, percent: false, metres: token.metresOrMillion };
    const before = tokens[i - 1];
    if (before?.kind === 'cur' && !used[i - 1]) {
      a.currency = before.mark;
      a.first = i - 1;
    }
    let j = i + 1;
    const next = tokens[j];
    const spelledScale = next?.kind === 'word' ? SCALE_WORDS.get(next.lower) : undefined;
    if (a.scale === 1 && !a.metres && spelledScale !== undefined) {
      a.scale = spelledScale;
      a.last = j++;
    } else if (a.scale === 1 && !a.metres && next?.kind === 'word' && next.text === 'M') {
      a.scale = 1_000_000;
      a.last = j++;
    }
    const after = tokens[j];
    if (after?.kind === 'cur' && a.currency === null) {
      a.currency = after.mark;
      a.last = j++;
    }
    if (tokens[j]?.kind === 'sym' && tokens[j]!.text === '%') {
      a.percent = true;
      a.last = j;
    }
    if (a.metres && a.currency) {
      a.scale = 1_000_000;
      a.metres = false;
    }
    if (a.currency) currencies.push(resolveMark(a.currency, ctx.customer));
    use(a.first, a.last);
    amounts.push(a);
  }
  // A currency on its own ("in USD", "all in dollars") names the currency of the line.
  tokens.forEach((t, k) => {
    if (t.kind === 'cur' && !used[k]) {
      currencies.push(resolveMark(t.mark, ctx.customer));
      used[k] = true;
    }
  });

  for (const a of amounts.filter((x) => x.percent)) {
    unread.push({ start: tokens[a.first]!.start, end: tokens[a.last]!.end });
    doubt((item) => `Could not tell what ${tokens[a.index]!.text}% applies to${item}`);
  }
  const live = amounts.filter((a) => !a.percent);

  const beforeOf = (a: Amount): Before => {
    const p = tokens[a.first - 1];
    if (!p) return null;
    if (p.lower === '@' || p.lower === 'at') return 'at';
    if (p.lower === '=') return 'eq';
    if (p.lower === 'for') return 'for';
    if (isTimes(p)) return 'x';
    if (p.lower === ':' || p.lower === '-') return 'colon';
    if (OF_WORDS.has(p.lower)) return 'of';
    return null;
  };
  /** "each", "per month", "/hr", "a day", "monthly" right after an amount. */
  const perAt = (j: number): { unit: string | null; first: number; last: number } | null => {
    const t = tokens[j];
    if (!t) return null;
    if (t.kind === 'word' && EACH_WORDS.has(t.lower)) return { unit: null, first: j, last: j };
    if (t.kind === 'word' && (t.lower === 'a' || t.lower === 'an') && tokens[j + 1]?.lower === 'piece') return { unit: null, first: j, last: j + 1 };
    const per = (t.kind === 'word' && (t.lower === 'per' || t.lower === 'every' || t.lower === 'a' || t.lower === 'an')) || (t.kind === 'sym' && t.lower === '/');
    if (per) {
      const n = tokens[j + 1];
      if (n?.kind !== 'word') return null;
      const unit = unitOf(n.lower) ?? unitWithTypo(n.lower);
      if (t.lower === 'a' || t.lower === 'an') return unit && isMeasure(unit) ? { unit, first: j, last: j + 1 } : null;
      if (unit && EACH_UNITS.has(unit)) return { unit: null, first: j, last: j + 1 };
      return { unit, first: j, last: j + 1 };
    }
    if (t.kind === 'word') {
      const unit = perWordUnit(t.lower);
      if (unit) return { unit, first: j, last: j };
    }
    return null;
  };
  const perAfter = (a: Amount) => perAt(a.last + 1);
  const firstNamed = tokens.findIndex((t) => t.kind === 'word' && /[a-z]{2}/i.test(t.text));
  /**
   * The unit word right after a count: "10 hrs", "5 bags of cement", "Cement 20 bags". A bag with
   * nothing else named ("5 bags at 300") is the goods itself, not their unit.
   */
  const unitAfter = (a: Amount): { unit: string; last: number } | null => {
    const n = tokens[a.last + 1];
    if (n?.kind !== 'word') return null;
    const unit = unitOf(n.lower) ?? unitWithTypo(n.lower);
    if (!unit) return null;
    const of = tokens[a.last + 2]?.lower === 'of';
    const namedBefore = firstNamed >= 0 && firstNamed < a.first;
    if (isContainer(unit) && !of && !namedBefore) return null;
    return { unit, last: a.last + 1 + (of ? 1 : 0) };
  };

  const quantities: Quantity[] = [];
  const priceFromTimes = new Set<Amount>();
  const assigned = new Set<Amount>();
  const asQuantity = (a: Amount, unit: string, last: number) => {
    const scaled = toMilli(a.token.digits, a.scale);
    assigned.add(a);
    use(a.first, last);
    quantities.push({ amount: a, milli: scaled?.value ?? -1, exact: scaled?.exact ?? false, unit, text: `${a.token.text}${unit ? ` ${unit}` : ''}` });
  };
  const looksLikeMoney = (a: Amount) => !!a.currency || a.scale > 1 || a.token.separators || perAfter(a) !== null || beforeOf(a) === 'at';

  // "4 × 5kg bags of rice", "3 by 20 litre jerrycans", "12 pcs 500g packets", "two 24 inch monitors":
  // a count, then a size that names the goods. The size is words of the description, the count the quantity.
  const sizes = new Set<Amount>();
  for (const a of live) {
    const sizeUnit = a.metres ? 'm' : sizeUnitAt(tokens[a.last + 1]);
    if (!sizeUnit || a.currency || a.scale > 1) continue;
    const unitEnd = a.metres ? a.last : a.last + 1;
    if (!a.metres && SIZE_ONLY.has(sizeUnit) && perAt(unitEnd + 1) === null && tokens[a.first - 1]?.kind !== 'num' && !isCountJoin(tokens[a.first - 1])) {
      // "Laptop bag 15 inch": a size on its own is words of the name.
      sizes.add(a);
      continue;
    }
    const goods = tokens[unitEnd + 1];
    if (goods?.kind !== 'word' || NOT_GOODS.has(goods.lower) || goods.lower === 'of' || perAt(unitEnd + 1) !== null) continue;
    let j = a.first - 1;
    const join = tokens[j];
    if (isCountJoin(join)) j--;
    else if (join?.kind === 'word' && EACH_UNITS.has(unitOf(join.lower) ?? '')) j--;
    const count = live.find((o) => o.last === j && o !== a && !o.currency && o.scale === 1 && !o.metres && !o.token.separators);
    if (!count) continue;
    sizes.add(a);
    if (isCountJoin(join)) used[a.first - 1] = true;
    const countUnit = join?.kind === 'word' && EACH_UNITS.has(unitOf(join.lower) ?? '') ? { unit: unitOf(join.lower)!, last: a.first - 1 } : null;
    asQuantity(count, countUnit?.unit ?? '', countUnit?.last ?? count.last);
  }
  for (const a of sizes) {
    live.splice(live.indexOf(a), 1);
    for (let k = a.first; k <= a.last; k++) used[k] = false;
  }

  // "3 x 500", "x3", "3x": the side that looks like money is the price; else the one with a unit,
  // else the smaller. Either way quantity × price is the same amount.
  const byFirst = new Map(live.map((a) => [a.first, a]));
  const byLast = new Map(live.map((a) => [a.last, a]));
  const free = (a: Amount | undefined) => (a && !assigned.has(a) ? a : undefined);
  tokens.forEach((t, j) => {
    if (!isTimes(t) || used[j]) return;
    let left = free(byLast.get(j - 1));
    let leftUnit: { unit: string; last: number } | null = null;
    if (!left) {
      const candidate = [free(byLast.get(j - 2)), free(byLast.get(j - 3))].find((a) => a && unitAfter(a)?.last === j - 1);
      if (candidate) {
        left = candidate;
        leftUnit = unitAfter(candidate);
      }
    } else leftUnit = unitAfter(left);
    const right = free(byFirst.get(j + 1));
    if (!left && !right) return;
    used[j] = true;
    if (left && right) {
      let quantity: Amount;
      if (looksLikeMoney(left) !== looksLikeMoney(right)) quantity = looksLikeMoney(left) ? right : left;
      else if (leftUnit) quantity = left;
      else if (unitAfter(right)) quantity = right;
      else quantity = valueOf(right) < valueOf(left) ? right : left;
      const price = quantity === left ? right : left;
      const u = quantity === left ? leftUnit : unitAfter(right);
      asQuantity(quantity, u?.unit ?? '', u?.last ?? quantity.last);
      priceFromTimes.add(price);
    } else if (right && !right.currency && right.scale === 1) {
      const u = unitAfter(right);
      asQuantity(right, u?.unit ?? '', u?.last ?? right.last);
    } else if (left && !left.currency && left.scale === 1) {
      asQuantity(left, leftUnit?.unit ?? '', leftUnit?.last ?? left.last);
    }
  });

  const firstContent = tokens.findIndex((t) => t.kind !== 'sym');
  const strongPriceElsewhere = (a: Amount) =>
    live.some((o) => o !== a && !assigned.has(o) && (!!o.currency || o.scale > 1 || beforeOf(o) === 'at' || perAfter(o) !== null || priceFromTimes.has(o)));
  for (const a of live) {
    if (assigned.has(a) || priceFromTimes.has(a) || a.currency) continue;
    const unit = unitAfter(a);
    if (a.scale > 1 && !unit) continue;
    if (beforeOf(a) === 'at' || beforeOf(a) === 'eq') continue;
    if (unit && perAfter(a) === null) {
      asQuantity(a, unit.unit, unit.last);
      continue;
    }
    if (a.metres) {
      asQuantity(a, 'm', a.last);
      continue;
    }
    const next = tokens[a.last + 1];
    const prev = tokens[a.first - 1];
    const prevPrev = tokens[a.first - 2];
    if ((next?.lower === '@' || next?.lower === 'at') && (byFirst.has(a.last + 2) || byFirst.has(a.last + 3))) {
      asQuantity(a, '', a.last);
      continue;
    }
    if (prev && (prev.lower === 'qty' || prev.lower === 'quantity' || (prev.lower === ':' && (prevPrev?.lower === 'qty' || prevPrev?.lower === 'quantity')))) {
      use(a.first - (prev.lower === ':' ? 2 : 1), a.first - 1);
      asQuantity(a, '', a.last);
      continue;
    }
    if (next?.lower === 'no.' || next?.lower === 'nos') {
      asQuantity(a, '', a.last + 1);
      continue;
    }
    const yearLike = /^(19|20)\d\d$/.test(a.token.text);
    if (a.first === firstContent && next?.kind === 'word' && !NOT_GOODS.has(next.lower) && !yearLike && perAfter(a) === null) {
      const small = !a.token.separators && a.scale === 1 && valueOf(a) < 1000;
      if (small || strongPriceElsewhere(a)) {
        asQuantity(a, '', a.last);
        continue;
      }
    }
    // "Printing 500 flyers 15,000": a count of goods named in the plural.
    if (next?.kind === 'word' && (/^[a-z]{2,}[^s]s$/i.test(next.text) || IRREGULAR_PLURALS.has(next.lower)) && !NOT_GOODS.has(next.lower) && !yearLike && a.scale === 1 && perAfter(a) === null) {
      asQuantity(a, '', a.last);
      continue;
    }
    // "Hours 10 @ 2,500", "Tutoring sessions 8 x 1,500": the unit written before the count.
    const prevUnit = prev?.kind === 'word' && !used[a.first - 1] ? unitOf(prev.lower) : null;
    if (prevUnit && (prev!.lower.endsWith('s') || isMeasure(prevUnit)) && !isContainer(prevUnit) && strongPriceElsewhere(a)) {
      used[a.first - 1] = true;
      asQuantity(a, prevUnit, a.last);
    }
  }
  // "an hour of consulting": a/an before a unit counts one, unless it follows a price ("2,500 an hour").
  tokens.forEach((t, j) => {
    if (used[j] || (t.lower !== 'a' && t.lower !== 'an')) return;
    const n = tokens[j + 1];
    const unit = n?.kind === 'word' && !used[j + 1] ? unitOf(n.lower) : null;
    if (!unit || !isMeasure(unit) || tokens[j - 1]?.kind === 'num' || tokens[j - 1]?.kind === 'cur') return;
    const of = tokens[j + 2]?.lower === 'of';
    use(j, j + 1 + (of ? 1 : 0));
    quantities.push({ amount: null, milli: 1000, exact: true, unit, text: `${t.text} ${n!.text}` });
  });

  // "Microsoft 365 licences: 10 seats": with another count present, a number right after a
  // capitalised name is part of the name.
  if (quantities.length > 1) {
    const pricedPer = new Set<string>();
    for (const o of live) {
      if (assigned.has(o)) continue;
      for (let p = perAt(o.last + 1); p; p = perAt(p.last + 1)) if (p.unit) pricedPer.add(p.unit);
    }
    for (const q of [...quantities]) {
      const a = q.amount;
      const prev = a ? tokens[a.first - 1] : undefined;
      if (!a || a.first === firstContent || prev?.kind !== 'word' || !/^[A-Z]/.test(prev.text) || a.token.separators) continue;
      // "Accommodation 4 rooms at 5,500 per room per night": a count the price is quoted per is a count.
      if (q.unit && pricedPer.has(q.unit)) continue;
      quantities.splice(quantities.indexOf(q), 1);
      assigned.delete(a);
      const unitEnd = unitAfter(a)?.last ?? a.last;
      for (let k = a.first; k <= unitEnd; k++) used[k] = false;
    }
  }

  // The price: an amount marked as money, else the last plain number left.
  const candidates = live.filter((a) => !assigned.has(a));
  const marked = candidates.filter((a) => looksLikeMoney(a) || priceFromTimes.has(a) || beforeOf(a) !== null || a.token.digits.fraction.length === 2);
  const plain = candidates.filter((a) => !marked.includes(a));
  let price: Amount | null = null;
  let check: Amount | null = null;
  const others: Amount[] = [];
  // How surely an amount is money: a currency, "k", "each", "@" or "x" say so; separators nearly;
  // a colon or "for" before a bare number hardly ("Moving services: 1 lorry, 25,000").
  const strength = (a: Amount): number => {
    if (a.currency || a.scale > 1 || perAfter(a) !== null || priceFromTimes.has(a) || beforeOf(a) === 'at') return 3;
    if (a.token.separators || a.token.digits.fraction.length === 2) return 2;
    return 1;
  };
  const weakOthers: Amount[] = [];
  if (marked.length) {
    const equals = marked.filter((a) => beforeOf(a) === 'eq');
    const rest = marked.filter((a) => beforeOf(a) !== 'eq');
    if (rest.length === 0) price = equals[0]!;
    else {
      const best = Math.max(...rest.map(strength));
      price = rest.find((a) => strength(a) === best)!;
      check = equals[0] ?? null;
      for (const a of rest) {
        if (a === price) continue;
        if (strength(a) === 1 && best > 1) weakOthers.push(a);
        else others.push(a);
      }
    }
  } else if (plain.length) {
    price = plain[plain.length - 1]!;
  }
  // Numbers that are neither count nor price are words of the description ("iPhone 13 screen repair").
  const descriptionNumbers = [...plain.filter((a) => a !== price), ...weakOthers];
  for (const a of descriptionNumbers) for (let k = a.first; k <= a.last; k++) used[k] = false;

  let unitPriceMinor: number | null = null;
  let quantityMilli = 1000;
  let explicitQuantity = false;
  let unit = '';
  let descriptionSuffix = '';
  let weakPrice = false;
  let eachOrTotal = false;

  // Quantity: one count, or the product of several ("2 rooms for 3 nights"), which is a reading to check.
  if (quantities.length) {
    explicitQuantity = true;
    let milli = 1000n;
    let exact = true;
    quantities.forEach((q, k) => {
      if (q.milli < 0) {
        doubt(`The quantity ${q.text} is too large`);
        return;
      }
      exact &&= q.exact;
      milli = k === 0 ? BigInt(q.milli) : divideHalfUp(milli * BigInt(q.milli), 1000n);
    });
    if (milli > BigInt(MAX_QUANTITY_MILLI)) {
      doubt('The quantity is too large');
      milli = 1000n;
    }
    quantityMilli = Number(milli);
    // With several counts, the unit the price is quoted in wins ("2 rooms for 3 nights at 4,500 per night").
    const quotedIn = price ? perAfter(price)?.unit : null;
    unit = quantities.find((q) => q.unit && q.unit === quotedIn)?.unit ?? quantities.find((q) => q.unit)?.unit ?? '';
    if (!exact) doubt(`A quantity has more than three decimals; read it as ${milliToText(quantityMilli)}`);
    if (quantities.length > 1) doubt((item) => `Read the quantity${item} as ${quantities.map((q) => q.text).join(' × ')}`);
    if (quantityMilli === 0) {
      doubt('The quantity is 0; read it as 1');
      quantityMilli = 1000;
    }
  }

  if (price) {
    const per = perAfter(price);
    if (per) use(per.first, per.last);
    // "3,500 per person per day": later per-phrases are read too, so they do not end up in the description.
    for (let next = per ? perAt(per.last + 1) : null; next; next = perAt(next.last + 1)) use(next.first, next.last);
    const before = beforeOf(price);
    // "at", "@", "x", "=", ":" and "for" are read; "fee" or "price" before an amount stay words of the description.
    if (before && before !== 'of') use(price.first - 1, price.first - 1);
    const rawAmount = text.slice(tokens[price.first]!.start, tokens[price.last]!.end);
    // "15,000 for 3 months": the price covers the count that follows.
    const forAfterIndex = (per ? per.last : price.last) + 1;
    const forAfter = tokens[forAfterIndex]?.lower === 'for' && quantities.some((q) => q.amount && q.amount.first === forAfterIndex + 1);
    if (forAfter) used[forAfterIndex] = true;

    const minor = toMinor(price.token.digits, price.scale, MINOR_DIGITS[ctx.currency]);
    if (!minor) {
      doubt(`The amount ${rawAmount} is too large to be right`);
      unitPriceMinor = 0;
    } else {
      if (!minor.exact) doubt(`${rawAmount} has more decimals than ${ctx.currency} allows; rounded`);
      const perUnit = per?.unit ?? null;
      const months = (text.slice(start, end).match(new RegExp(`\\b${MONTH_SOURCE}`, 'gi')) ?? []).length;
      if (perUnit === 'months' && !explicitQuantity && months > 1) {
        doubt((item) => `Could not tell how many months the price per month is for${item}`);
      } else if (perUnit && !explicitQuantity && isMeasure(perUnit) && !isPeriod(perUnit)) {
        doubt((item) => `No number of ${perUnit} found${item}; read it as 1 ${singular(perUnit)}`);
      }
      if (perUnit && unit && perUnit !== unit && isMeasure(perUnit) && isMeasure(unit)) {
        doubt((item) => `The price${item} is per ${singular(perUnit)} but the quantity is in ${unit}`);
      }
      if (perUnit && !unit) {
        unit = perUnit;
        // "Letterheads 2 reams at 1,200 per ream": the word after the count is that unit.
        for (const q of quantities) {
          const w = q.amount ? tokens[q.amount.last + 1] : undefined;
          if (w?.kind === 'word' && !used[q.amount!.last + 1] && unitOf(w.lower) === perUnit) used[q.amount!.last + 1] = true;
        }
      }

      let mode: 'unit' | 'total' | 'plain' | 'unclear';
      if (per || priceFromTimes.has(price)) mode = 'unit';
      else if (before === 'at') mode = forAfter ? 'unclear' : 'unit';
      else if (before === 'for' || before === 'eq' || forAfter) mode = 'total';
      else mode = 'plain';

      const each = unit ? `per ${singular(unit)}` : 'each';
      if (mode === 'total' && quantityMilli !== 1000) {
        const numerator = BigInt(minor.value) * 1000n;
        if (numerator % BigInt(quantityMilli) === 0n) unitPriceMinor = Number(numerator / BigInt(quantityMilli));
        else {
          // The total does not split evenly: keep it whole on one line, so the amount stays what was written.
          descriptionSuffix = ` (${milliToText(quantityMilli)}${unit ? ` ${unit}` : ''})`;
          quantityMilli = 1000;
          unit = '';
          unitPriceMinor = minor.value;
        }
      } else {
        unitPriceMinor = minor.value;
        if ((mode === 'plain' || mode === 'unclear') && quantityMilli !== 1000) {
          eachOrTotal = true;
          doubt((item) => `Could not tell whether ${rawAmount} is the price ${each} or the total${item}`);
        }
      }
      const bare = !price.currency && price.scale === 1 && !price.token.separators;
      if (bare && !per && before !== 'at' && before !== 'x' && /^(19|20)\d\d$/.test(price.token.text)) {
        weakPrice = true;
        doubt(`${price.token.text} may be a year, not a price`);
      } else if (mode !== 'unit' && bare) {
        const next = tokens[price.last + 1];
        const small = valueOf(price) < 100 && !explicitQuantity;
        if (small || (next?.kind === 'word' && !used[price.last + 1] && price.first === firstContent)) {
          weakPrice = true;
          doubt(`Could not tell whether ${price.token.text} is a quantity or a price`);
        }
      }
    }
    for (const other of others) {
      const otherMinor = toMinor(other.token.digits, other.scale, MINOR_DIGITS[ctx.currency]);
      if (!check && otherMinor && unitPriceMinor !== null && otherMinor.value === Number(divideHalfUp(BigInt(quantityMilli) * BigInt(unitPriceMinor), 1000n))) {
        // "15,000 per month, 45,000 for 3 months": the second amount is the line's total and agrees.
        use(other.first - (beforeOf(other) ? 1 : 0), other.last);
        continue;
      }
      const otherText = text.slice(tokens[other.first]!.start, tokens[other.last]!.end);
      doubt((item) => `Found more than one amount${item} (${rawAmount} and ${otherText})`);
    }
  } else if (FREE_WORDS.test(text.slice(start, end))) {
    unitPriceMinor = 0;
  }

  let checkMinor: number | null = null;
  let checkText = '';
  if (check) {
    use(check.first - 1, check.last);
    checkMinor = toMinor(check.token.digits, check.scale, MINOR_DIGITS[ctx.currency])?.value ?? null;
    checkText = text.slice(tokens[check.first]!.start, tokens[check.last]!.end);
  }
  // A bare number beside the price ("consulting 10 2,500") is something the reader could not place;
  // so is a number left over when the price is per item but no count was found ("training 20 staff ...").
  if (price) {
    const perItem = perAfter(price) !== null;
    for (const n of descriptionNumbers) {
      const prev = tokens[n.first - 1];
      const inName = prev?.kind === 'word' && /^[A-Z]/.test(prev.text);
      if (n.last + 1 === price.first || price.last + 1 === n.first) doubt(`Could not tell what ${n.token.text} means next to ${tokens[price.index]!.text}`);
      else if (perItem && !explicitQuantity) doubt((item) => `Could not tell whether ${n.token.text} is how many${item}`);
      // "3 water tanks 5000L @ 28,500": two numbers that could each be the count.
      // "Sodas 24 50 = 1,200": numbers left over beside a stated amount were not used.
      else if (beforeOf(price) === 'eq' && !inName) doubt((item) => `Could not tell what ${n.token.text} means${item}; it was not used`);
      else if (explicitQuantity && !inName) doubt((item) => `Could not tell whether ${n.token.text} or ${quantities.map((q) => q.text).join(' × ')} is the quantity${item}`);
    }
  }

  // The description: what is left, in the person's words.
  const runs: string[] = [];
  let runStart = -1;
  for (let k = 0; k <= tokens.length; k++) {
    if (k < tokens.length && !used[k]) {
      if (runStart < 0) runStart = k;
    } else if (runStart >= 0) {
      runs.push(text.slice(tokens[runStart]!.start, tokens[k - 1]!.end));
      runStart = -1;
    }
  }
  let description = cleanDescription(runs.join(' '));
  if (descriptionSuffix) description = `${description}${descriptionSuffix}`.trim();
  const item = description ? ` for '${description}'` : '';
  const messages = [...new Set(issues.map((f) => f(item)))];

  return {
    start,
    end,
    description,
    quantityMilli,
    unit,
    unitPriceMinor,
    explicitQuantity,
    uncertain,
    issues: messages,
    weakPrice,
    eachOrTotal: eachOrTotal && issues.length === 1,
    checkMinor,
    checkText,
    currencies,
    unread,
  };
}
