// Line and invoice totals: the one function the editor, the backend, the PDF and the AI checks all use.
// Integers only: quantities in thousandths, prices and amounts in minor units, rates in basis points.
// Products are taken in BigInt so that no intermediate value loses a digit, then rounded half-up.

/** A tax rate in basis points (1600 = 16%), or null for an exempt supply (no VAT, reported apart from 0%). */
export type TaxRateBp = number | null;

export interface TotalsLine {
  quantityMilli: number;
  unitPriceMinor: number;
  taxRateBp: TaxRateBp;
  /** This line's price already includes its tax; null or absent: as the invoice says. */
  priceIncludesTax?: boolean | null;
}

export type Discount = { kind: 'percent'; bp: number } | { kind: 'amount'; minor: number } | null;

export interface TotalsInput {
  lines: readonly TotalsLine[];
  /** true: prices already include their tax (a VAT-inclusive quote); false: tax is added on top. A line may say otherwise. */
  pricesIncludeTax: boolean;
  discount: Discount;
}

export interface LineTotals {
  /** quantity × unit price, rounded half-up: what the line shows (tax included when prices include tax). */
  amountMinor: number;
  /** This line's share of the invoice discount, in the same terms as amountMinor. */
  discountMinor: number;
  /** Taxable value after the discount, tax excluded. */
  netMinor: number;
  taxMinor: number;
}

export interface TaxSummaryRow {
  taxRateBp: TaxRateBp;
  /** Taxable value at this rate after the discount, tax excluded. */
  netMinor: number;
  taxMinor: number;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  /** Sum of the lines before the discount, tax excluded. */
  subtotalMinor: number;
  /** The discount, tax excluded. subtotal − discount + tax = total, always. */
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** The discount as the person sees it: in the same terms as the line amounts. */
  discountShownMinor: number;
  /** One row per rate, standard rates first, exempt last. */
  taxSummary: TaxSummaryRow[];
}

const TEN_THOUSAND = 10_000n;

/** round(numerator / denominator) half-up, for non-negative numerator and positive denominator. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('Amount is too large to keep exactly');
  return Number(value);
}

/** quantity × price, half-up to the minor unit. */
export function lineAmountMinor(quantityMilli: number, unitPriceMinor: number): number {
  return toSafeNumber(divideHalfUp(BigInt(quantityMilli) * BigInt(unitPriceMinor), 1000n));
}

/** The tax contained in a tax-inclusive amount: amount × r / (1 + r), half-up. */
export function taxIncludedIn(amountMinor: number, rateBp: TaxRateBp): number {
  if (rateBp === null || rateBp === 0) return 0;
  return toSafeNumber(divideHalfUp(BigInt(amountMinor) * BigInt(rateBp), TEN_THOUSAND + BigInt(rateBp)));
}

/** The tax on a tax-exclusive amount: amount × r, half-up. */
export function taxOn(amountMinor: number, rateBp: TaxRateBp): number {
  if (rateBp === null || rateBp === 0) return 0;
  return toSafeNumber(divideHalfUp(BigInt(amountMinor) * BigInt(rateBp), TEN_THOUSAND));
}

/**
 * Splits `total` across `weights` in proportion, in whole minor units that add up to exactly
 * `total`: each share is floored, and the units left over go to the largest remainders (earlier
 * lines first on a tie). No share exceeds its weight when total ≤ the sum of the weights.
 */
export function spreadProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const big = BigInt(total);
  const bigSum = BigInt(sum);
  const shares = weights.map((w) => (big * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigSum }));
  let left = total - shares.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] = shares[i]! + 1n;
    left -= 1;
  }
  return shares.map(Number);
}

/** The discount in line terms, never more than the lines add up to. */
function discountTotal(discount: Discount, linesSum: number): number {
  if (!discount) return 0;
  const wanted = discount.kind === 'percent'
    ? toSafeNumber(divideHalfUp(BigInt(linesSum) * BigInt(Math.min(Math.max(discount.bp, 0), 10_000)), TEN_THOUSAND))
    : Math.max(discount.minor, 0);
  return Math.min(wanted, linesSum);
}

const rateOrder = (rate: TaxRateBp) => (rate === null ? -1 : rate);

export function computeTotals(input: TotalsInput): InvoiceTotals {
  const amounts = input.lines.map((l) => lineAmountMinor(l.quantityMilli, l.unitPriceMinor));
  const linesSum = amounts.reduce((a, b) => a + b, 0);
  const discountShown = discountTotal(input.discount, linesSum);
  const discounts = spreadProportionally(discountShown, amounts);

  let subtotal = 0;
  const lines: LineTotals[] = input.lines.map((line, i) => {
    const amount = amounts[i]!;
    const discount = discounts[i]!;
    const afterDiscount = amount - discount;
    if (line.priceIncludesTax ?? input.pricesIncludeTax) {
      const tax = taxIncludedIn(afterDiscount, line.taxRateBp);
      subtotal += amount - taxIncludedIn(amount, line.taxRateBp);
      return { amountMinor: amount, discountMinor: discount, netMinor: afterDiscount - tax, taxMinor: tax };
    }
    subtotal += amount;
    return { amountMinor: amount, discountMinor: discount, netMinor: afterDiscount, taxMinor: taxOn(afterDiscount, line.taxRateBp) };
  });

  const byRate = new Map<string, TaxSummaryRow>();
  let net = 0;
  let tax = 0;
  lines.forEach((line, i) => {
    const rate = input.lines[i]!.taxRateBp;
    const key = String(rate);
    const row = byRate.get(key) ?? { taxRateBp: rate, netMinor: 0, taxMinor: 0 };
    row.netMinor += line.netMinor;
    row.taxMinor += line.taxMinor;
    byRate.set(key, row);
    net += line.netMinor;
    tax += line.taxMinor;
  });
  const taxSummary = [...byRate.values()].sort((a, b) => rateOrder(b.taxRateBp) - rateOrder(a.taxRateBp));

  // Tax-inclusive: the discount excluding tax is what is left between the pre- and post-discount nets,
  // so the identity holds to the unit whatever the rounding did.
  const discountExTax = subtotal - net;
  return {
    lines,
    subtotalMinor: subtotal,
    discountMinor: discountExTax,
    taxMinor: tax,
    totalMinor: net + tax,
    discountShownMinor: discountShown,
    taxSummary,
  };
}

/** "16%", "8%", "0%", "Exempt". */
export function taxRateLabel(rate: TaxRateBp): string {
  if (rate === null) return 'Exempt';
  const whole = Math.trunc(rate / 100);
  const fraction = rate % 100;
  return fraction === 0 ? `${whole}%` : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}%`;
}
