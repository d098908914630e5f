// The offline sentence-to-invoice parser. Reads the phrases about the whole invoice first (VAT,
// due date, discount, stated total, period), takes them out, then reads what is left as items.
// Pure and deterministic: the same sentence and options always give the same draft.
import { MAX_AMOUNT_MINOR } from '../money';
import { lineAmountMinor } from '../totals';
import { amountText } from './amounts';
import { countBeforeSize, farFromCatalog, sameUnit, type CatalogMatch } from './catalog';
import { currencyProblems, statedTotalProblem, totalsOf } from './checks';
import type { ClauseResult, Span } from './clause';
import { confidenceOf } from './confidence';
import { currenciesIn } from './currency';
import { readDiscount } from './discount';
import { readDueDate } from './due';
import { readFiller } from './filler';
import { readItems } from './items';
import type { LineReading } from './line';
import { normalize } from './normalize';
import { milliToText, spelledNumbersToDigits } from './numbers';
import { readPeriod } from './period';
import { splitItems } from './split';
import { readTax } from './tax';
import { blank, MappedText, tidy } from './text';
import { readStatedTotal } from './total';
import type { ParsedLine, ParsedPrompt, ParseOptions } from './types';
import type { TaxRateBp } from '../totals';

/** What a draft keeps of its prompt (shared/domain/invoice.ts draftOriginSchema). */
export const MAX_PROMPT_CHARS = 4000;

function checkAt(n: number): string {
  return ` — check line ${n}`;
}

/** quantity × price, or null when it is over one amount's cap (shared/money.ts). */
function safeAmount(quantityMilli: number, unitPriceMinor: number): number | null {
  if ((BigInt(quantityMilli) * BigInt(unitPriceMinor)) / 1000n > BigInt(MAX_AMOUNT_MINOR)) return null;
  return lineAmountMinor(quantityMilli, unitPriceMinor);
}

export function parseInvoicePrompt(prompt: string, options: ParseOptions): ParsedPrompt {
  const raw = typeof prompt === 'string' ? prompt : '';
  const sentenceWarnings: string[] = [];
  if (raw.length > MAX_PROMPT_CHARS) sentenceWarnings.push(`Only the first ${MAX_PROMPT_CHARS.toLocaleString('en')} characters were read`);
  const mapped = spelledNumbersToDigits(normalize(MappedText.of(raw.slice(0, MAX_PROMPT_CHARS))));
  let working = mapped.text;
  const unparsedSpans: Span[] = [];
  const apply = <T>(result: ClauseResult<T>): T => {
    for (const span of result.used) working = blank(working, span.start, span.end);
    for (const span of result.unread) {
      working = blank(working, span.start, span.end);
      unparsedSpans.push(span);
    }
    sentenceWarnings.push(...result.warnings);
    return result.value;
  };

  const customer = options.currency;
  apply(readFiller(working));
  const named = currenciesIn(working, customer);
  const currency = named[0] ?? customer;
  const tax = apply(readTax(working, {
    rateBp: options.defaultTaxRateBp,
    pricesIncludeTax: options.defaultPricesIncludeTax ?? false,
    vatRegistered: options.vatRegistered ?? true,
  }));
  const dueDate = apply(readDueDate(working, options.today));
  const discount = apply(readDiscount(working, currency));
  let statedTotalMinor = apply(readStatedTotal(working, currency));
  const periodLabel = apply(readPeriod(working, options.today));

  const { items, stray } = readItems(working, splitItems(working), { currency, customer });
  for (const span of stray) {
    unparsedSpans.push(span);
    sentenceWarnings.push(`Could not tell what "${mapped.originalSlice(span.start, span.end)}" refers to`);
  }

  const lineWarnings: string[] = [];
  const notes: string[] = [];
  const lines: ParsedLine[] = [];
  let withoutPrice = 0;
  let withoutDescription = 0;
  const taxAddedOnTop = !tax.pricesIncludeTax && tax.rateBp !== null && tax.rateBp > 0;

  items.forEach((item: LineReading, index) => {
    const n = index + 1;
    const label = item.description ? `'${item.description}'` : `line ${n}`;
    const messages = item.issues.map((issue) => `${issue}${checkAt(n)}`);
    let { quantityMilli, unit, description } = item;
    let uncertain = item.uncertain;
    let unitPriceMinor = item.unitPriceMinor;
    let priceFrom: ParsedLine['priceFrom'] = unitPriceMinor === null ? 'none' : 'sentence';
    let lineRate: TaxRateBp = tax.rateBp;
    let itemId: string | null = null;
    // The sentence's own price wins; the catalog fills what it left out and checks what it gave.
    let matched: CatalogMatch | null = options.catalog && description ? options.catalog.match(description) : null;
    if (options.catalog && matched?.kind !== 'item') {
      // The parser may have read a size in the item's name as the quantity ("3 cement 50kg"): the
      // line's own words, size included, can still name one item.
      const whole = options.catalog.match(mapped.originalSlice(item.start, item.end));
      if (whole?.kind === 'item') matched = whole;
    }
    const count = matched?.kind === 'item' ? countBeforeSize(matched.entry.name, mapped.originalSlice(item.start, item.end)) : null;
    if (matched?.kind === 'item' && count !== null) {
      quantityMilli = count;
      if (!sameUnit(unit, matched.entry.unit)) unit = '';
      // The quantity the parser doubted ("3 × 50 kg?") is settled by the item's name.
      const doubts = messages.length;
      for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.startsWith('Read the quantity for')) messages.splice(i, 1);
      if (messages.length < doubts && messages.length === 0) uncertain = false;
    }
    const statedIsPrice = unitPriceMinor === null && items.length === 1 && statedTotalMinor !== null;
    if (matched?.kind === 'ambiguous') {
      const names = matched.entries.slice(0, 3).map((e) => `'${e.name}'`);
      messages.push(`'${description}' could be ${names.join(' or ')} in the catalog; choose the item in the editor${checkAt(n)}`);
    } else if (matched?.kind === 'item') {
      const entry = matched.entry;
      itemId = entry.id;
      description = entry.name;
      if (!tax.stated) lineRate = entry.taxRateBp;
      const per = entry.unit ? `per ${entry.unit}` : 'each';
      const usable = entry.priceMinor !== null && entry.currency === currency && sameUnit(unit, entry.unit);
      if (unitPriceMinor === null && !statedIsPrice && entry.priceMinor !== null) {
        if (entry.currency !== currency) {
          messages.push(`The catalog price of '${entry.name}' is in ${entry.currency}, but this invoice is in ${currency}: add the price${checkAt(n)}`);
        } else if (!usable) {
          messages.push(`'${entry.name}' is priced ${per} in the catalog, not per ${unit}: add the price${checkAt(n)}`);
        } else {
          unitPriceMinor = entry.priceMinor;
          unit = unit || entry.unit;
          priceFrom = 'catalog';
          notes.push(`'${entry.name}': ${currency} ${amountText(entry.priceMinor, currency)} ${per}, from the catalog`);
        }
      }
    }

    if (unitPriceMinor === null && items.length === 1 && statedTotalMinor !== null) {
      // "3 months of hosting, total 45,000": the stated total is this line's price.
      const numerator = BigInt(statedTotalMinor) * 1000n;
      priceFrom = 'sentence';
      if (numerator % BigInt(quantityMilli) === 0n) unitPriceMinor = Number(numerator / BigInt(quantityMilli));
      else {
        description = `${description} (${milliToText(quantityMilli)}${unit ? ` ${unit}` : ''})`.trim();
        quantityMilli = 1000;
        unit = '';
        unitPriceMinor = statedTotalMinor;
      }
      if (taxAddedOnTop) {
        uncertain = true;
        messages.push(`Read ${amountText(statedTotalMinor, currency)} as the total for ${label} before VAT; check whether it already includes VAT${checkAt(n)}`);
      }
    }
    if (matched?.kind === 'item' && priceFrom === 'sentence' && unitPriceMinor !== null) {
      const entry = matched.entry;
      if (entry.priceMinor !== null && entry.currency === currency && sameUnit(unit, entry.unit) && farFromCatalog(unitPriceMinor, entry.priceMinor)) {
        uncertain = true;
        messages.push(
          `'${entry.name}' at ${currency} ${amountText(unitPriceMinor, currency)} is far from its catalog price of ${currency} ${amountText(entry.priceMinor, currency)} ${entry.unit ? `per ${entry.unit}` : 'each'}${checkAt(n)}`,
        );
      }
    }
    if (unitPriceMinor === null) {
      withoutPrice++;
      uncertain = true;
      unitPriceMinor = 0;
      messages.push(`No price found for ${label}${checkAt(n)}`);
    }
    // "500 flyers 30, total 15,000": a stated total settles whether 30 is the price each or the line's total.
    const settleWith = item.checkMinor ?? (items.length === 1 ? statedTotalMinor : null);
    if (item.eachOrTotal && settleWith !== null && quantityMilli > 0 && priceFrom === 'sentence') {
      const each = safeAmount(quantityMilli, unitPriceMinor);
      const agrees = (amount: number) => amount === settleWith
        || (item.checkMinor === null && statedTotalProblem(settleWith, totalsOf([{ quantityMilli: 1000, unitPriceMinor: amount, taxRateBp: lineRate }], tax.rateBp, tax.pricesIncludeTax, discount)!, currency) === null);
      const asTotal = (BigInt(unitPriceMinor) * 1000n) % BigInt(quantityMilli) === 0n && unitPriceMinor !== each && agrees(unitPriceMinor);
      const asEach = each !== null && agrees(each);
      if (asEach !== asTotal) {
        if (asTotal) unitPriceMinor = Number((BigInt(unitPriceMinor) * 1000n) / BigInt(quantityMilli));
        const doubts = messages.length;
        for (let i = messages.length - 1; i >= 0; i--) if (/^Could not tell whether .* is the price .* or the total/.test(messages[i]!)) messages.splice(i, 1);
        if (messages.length < doubts && messages.length === 0) uncertain = false;
        notes.push(`Read ${label} from the total the sentence states: ${milliToText(quantityMilli)} × ${amountText(unitPriceMinor, currency)}`);
      }
    }
    let amountMinor = safeAmount(quantityMilli, unitPriceMinor);
    if (amountMinor === null) {
      uncertain = true;
      messages.push(`The amount for ${label} is too large to be right${checkAt(n)}`);
      unitPriceMinor = 0;
      amountMinor = 0;
    }
    if (item.currencies.some((c) => c !== currency)) uncertain = true;

    if (item.checkMinor !== null && item.checkMinor !== amountMinor) {
      const last = index === items.length - 1;
      if (last && statedTotalMinor === null) statedTotalMinor = item.checkMinor;
      else {
        uncertain = true;
        messages.push(`"= ${item.checkText}" does not match ${milliToText(quantityMilli)} × ${amountText(unitPriceMinor, currency)} = ${amountText(amountMinor, currency)} for ${label}${checkAt(n)}`);
      }
    } else if (item.checkMinor !== null && items.length === 1 && statedTotalMinor === null) {
      statedTotalMinor = item.checkMinor;
    }
    if (!description) {
      withoutDescription++;
      messages.push(`Line ${n} has no description — add one`);
    }
    lineWarnings.push(...messages);
    lines.push({
      description, quantityMilli, unit, unitPriceMinor, amountMinor, source: mapped.originalSlice(item.start, item.end), uncertain,
      itemId, priceFrom: unitPriceMinor === 0 && priceFrom === 'none' ? 'none' : priceFrom, taxRateBp: lineRate,
    });
  });

  const checks: string[] = [...currencyProblems(named.concat(items.flatMap((i) => i.currencies)), customer)];
  if (lines.length === 0) checks.push(raw.trim() ? 'Found nothing to bill in the sentence — add the items by hand' : 'The sentence is empty');
  const totals = totalsOf(lines, tax.rateBp, tax.pricesIncludeTax, discount);
  if (lines.length && !totals) checks.push('These amounts are too large for one invoice — check them');
  if (totals && statedTotalMinor !== null) {
    const problem = statedTotalProblem(statedTotalMinor, totals, currency);
    if (problem) checks.push(problem);
  }
  if (discount?.kind === 'amount' && totals && discount.minor > totals.linesMinor) {
    checks.push(`The discount of ${amountText(discount.minor, currency)} is more than the lines add up to — check the discount`);
  }

  const unparsed = [...new Set(unparsedSpans.map((s) => tidy(mapped.originalSlice(s.start, s.end))).filter((s) => s.length > 0))];
  const warnings = [...checks, ...lineWarnings, ...sentenceWarnings];
  const confidence = confidenceOf({
    lineCount: lines.length,
    uncertainLines: lines.filter((l) => l.uncertain).length,
    linesWithoutPrice: withoutPrice,
    linesWithoutDescription: withoutDescription,
    unparsedCount: unparsed.length,
    sentenceWarnings: checks.length + sentenceWarnings.length,
  });

  return {
    currency,
    currencyStated: named.length > 0 || items.some((i) => i.currencies.length > 0),
    lines,
    taxRateBp: tax.rateBp,
    pricesIncludeTax: tax.pricesIncludeTax,
    pricesIncludeTaxStated: tax.inclusiveStated,
    discount,
    dueDate,
    periodLabel,
    statedTotalMinor,
    confidence,
    unparsed,
    warnings,
    notes,
  };
}
