// Gemini's answer is untrusted input: parsed with zod, turned into integer money, recomputed with
// shared/totals.ts, and every disagreement becomes a warning the person sees.
import { z } from 'zod';
import { businessDateSchema, type InvoiceLineFields } from '../../../shared/domain/invoice';
import { formatMoney, MAX_AMOUNT_MINOR, MINOR_DIGITS, type CurrencyCode } from '../../../shared/money';
import { computeTotals, lineAmountMinor, type Discount } from '../../../shared/totals';
import { JobFailure } from '../jobs/failure';

const replySchema = z.object({
  items: z
    .array(
      z.object({
        // A line is one line: a model's stray line break or tab becomes a space, not a refused draft.
        description: z.string().transform((v) => v.replace(/\s+/g, ' ').trim().slice(0, 500)),
        quantity: z.number().finite(),
        unit: z.string().default('').transform((v) => v.replace(/\s+/g, ' ').trim().slice(0, 20)),
        unitPrice: z.number().finite(),
        amount: z.number().finite(),
        taxRatePercent: z.number().finite().nullable(),
      }),
    )
    .max(300),
  pricesIncludeTax: z.boolean(),
  discount: z.object({ kind: z.enum(['none', 'percent', 'amount']), value: z.number().finite() }),
  dueDate: z.string(),
  notes: z.string().default('').transform((v) => v.trim().slice(0, 4000)),
  subtotal: z.number().finite(),
  tax: z.number().finite(),
  total: z.number().finite(),
  confidence: z.number().finite(),
  missing: z.array(z.string()).default([]).transform((v) => v.slice(0, 5).map((m) => m.slice(0, 200))),
});
export type InvoiceReply = z.output<typeof replySchema>;

export interface RefinedContent {
  lines: InvoiceLineFields[];
  pricesIncludeTax: boolean;
  discount: Discount;
  /** null: leave the draft's due date as it is. */
  dueDate: string | null;
  notes: string;
  confidence: number;
  warnings: string[];
}

export interface ReplyContext {
  currency: CurrencyCode;
  issueDate: string;
  /** The customer's usual invoice total (median) and how many invoices that is over; null when too few. */
  usualTotal: { medianMinor: number; invoices: number } | null;
}

/** How far from the customer's usual total an amount must be before it is flagged. */
const FAR_FROM_USUAL = 5;

export function parseReply(text: string): InvoiceReply {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JobFailure('transient', `Gemini's answer was not valid JSON (it began "${text.slice(0, 40)}").`);
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new JobFailure('transient', `Gemini's answer did not have the invoice shape (${first?.path.join('.') || 'reply'}: ${first?.message}).`);
  }
  return parsed.data;
}

/** The most a line's quantity may be, as the draft schema allows (a price: one amount's cap). */
const MAX_QUANTITY_MILLI = 1_000_000_000;

/**
 * A JSON number in major units → integer minor units, or null when it is not a plain amount.
 * Rounded through 15 significant digits first, so 1.005 (1.00499999… as a double) is 1.01.
 */
function scaled(value: number, digits: number, max: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const result = Math.round(Number((value * 10 ** digits).toPrecision(15)));
  return Number.isSafeInteger(result) && result <= max ? result : null;
}

function toMinor(value: number, currency: CurrencyCode): number | null {
  return scaled(value, MINOR_DIGITS[currency], MAX_AMOUNT_MINOR);
}

export function refineFromReply(reply: InvoiceReply, context: ReplyContext): RefinedContent {
  const { currency } = context;
  const money = (minor: number) => formatMoney(minor, currency);
  const warnings: string[] = [];
  if (reply.items.length === 0) {
    throw new JobFailure('permanent', 'Gemini found nothing to bill in the sentence. The offline draft stands; add the lines by hand.');
  }
  const lines: InvoiceLineFields[] = [];
  reply.items.forEach((item, index) => {
    const n = index + 1;
    const name = item.description.slice(0, 60) || `line ${n}`;
    const quantityMilli = scaled(item.quantity, 3, MAX_QUANTITY_MILLI) ?? 0;
    const unitPriceMinor = toMinor(item.unitPrice, currency);
    if (quantityMilli < 1) {
      warnings.push(`Line ${n} (${name}): Gemini gave a quantity of ${item.quantity}, which cannot be billed. It is set to 1; check it.`);
    }
    if (unitPriceMinor === null) {
      warnings.push(`Line ${n} (${name}): Gemini gave a price of ${item.unitPrice}, which cannot be billed. It is set to 0; enter the price.`);
    } else if (unitPriceMinor === 0) {
      warnings.push(`Line ${n} (${name}) has no price. Enter it before finalizing.`);
    }
    if (!item.description) warnings.push(`Line ${n} has no description.`);
    const line: InvoiceLineFields = {
      description: item.description,
      quantityMilli: quantityMilli >= 1 ? quantityMilli : 1000,
      unit: item.unit,
      unitPriceMinor: unitPriceMinor ?? 0,
      taxRateBp: item.taxRatePercent === null ? null : Math.round(item.taxRatePercent * 100),
      priceIncludesTax: null,
      // Linked to the catalog afterwards, by the words of the description (drafting/aiJob.ts).
      itemId: null,
    };
    if (line.taxRateBp !== null && (line.taxRateBp < 0 || line.taxRateBp > 10_000)) {
      warnings.push(`Line ${n} (${name}): a VAT rate of ${item.taxRatePercent}% is not possible; it is set to 16%.`);
      line.taxRateBp = 1600;
    } else if (line.taxRateBp !== null && ![0, 800, 1600].includes(line.taxRateBp)) {
      warnings.push(`Line ${n} (${name}) has VAT at ${item.taxRatePercent}%, not a Kenyan rate (16%, 8%, 0%). Check it.`);
    }
    const computed = lineAmountMinor(line.quantityMilli, line.unitPriceMinor);
    const stated = toMinor(item.amount, currency);
    if (stated === null || Math.abs(stated - computed) > 1) {
      warnings.push(
        `Line ${n} (${name}): Gemini's amount ${stated === null ? item.amount : money(stated)} is not ${line.quantityMilli / 1000} × ${money(line.unitPriceMinor)} = ${money(computed)}. The draft uses ${money(computed)}; check it.`,
      );
    }
    lines.push(line);
  });

  let discount: Discount = null;
  if (reply.discount.kind === 'percent' && reply.discount.value > 0) {
    const bp = Math.round(reply.discount.value * 100);
    if (bp > 10_000) warnings.push(`Gemini gave a discount of ${reply.discount.value}%, over 100%; it was left out.`);
    else discount = { kind: 'percent', bp };
  } else if (reply.discount.kind === 'amount' && reply.discount.value > 0) {
    const minor = toMinor(reply.discount.value, currency);
    if (minor === null) warnings.push(`Gemini gave a discount of ${reply.discount.value}, which cannot be used; it was left out.`);
    else discount = { kind: 'amount', minor };
  }
  const gross = lines.reduce((sum, l) => sum + lineAmountMinor(l.quantityMilli, l.unitPriceMinor), 0);
  if (discount?.kind === 'amount' && discount.minor > gross) {
    warnings.push(`Gemini's discount ${money(discount.minor)} is more than the lines add up to; it was left out.`);
    discount = null;
  }

  let dueDate: string | null = null;
  if (reply.dueDate.trim()) {
    const parsed = businessDateSchema.safeParse(reply.dueDate.trim());
    if (!parsed.success) warnings.push(`Gemini gave a due date "${reply.dueDate}" that is not a date; the customer's terms apply.`);
    else if (parsed.data < context.issueDate) warnings.push(`Gemini gave a due date ${parsed.data} before the issue date; the customer's terms apply.`);
    else dueDate = parsed.data;
  }

  let totals;
  try {
    totals = computeTotals({ lines, pricesIncludeTax: reply.pricesIncludeTax, discount });
    if (totals.totalMinor > MAX_AMOUNT_MINOR) throw new RangeError('too large');
  } catch {
    throw new JobFailure('permanent', 'Gemini\'s amounts are too large for one invoice. The offline draft stands; check the sentence.');
  }
  const statedTotal = toMinor(reply.total, currency);
  if (statedTotal === null || Math.abs(statedTotal - totals.totalMinor) > lines.length) {
    warnings.push(`Gemini's total ${statedTotal === null ? reply.total : money(statedTotal)} does not match the lines: they come to ${money(totals.totalMinor)}, which the draft uses.`);
  }
  if (context.usualTotal && context.usualTotal.medianMinor > 0) {
    const ratio = totals.totalMinor / context.usualTotal.medianMinor;
    if (ratio >= FAR_FROM_USUAL || ratio <= 1 / FAR_FROM_USUAL) {
      const times = ratio >= 1 ? `${Math.round(ratio)}× more than` : `${Math.round(1 / ratio)}× less than`;
      warnings.push(`The total ${money(totals.totalMinor)} is ${times} this customer's usual invoice (${money(context.usualTotal.medianMinor)}, the median of ${context.usualTotal.invoices}). Check the amounts.`);
    }
  }
  for (const gap of reply.missing) if (gap.trim()) warnings.push(`Gemini could not tell: ${gap.trim()}.`);
  const confidence = Math.min(1, Math.max(0, reply.confidence));
  if (confidence < 0.6) warnings.push(`Gemini is not sure of this draft (confidence ${Math.round(confidence * 100)}%). Check every line.`);

  // The draft keeps at most 50 warnings of 500 characters; the first are the ones that matter most.
  const kept = warnings.slice(0, 50).map((w) => (w.length > 500 ? `${w.slice(0, 497)}…` : w));
  return { lines, pricesIncludeTax: reply.pricesIncludeTax, discount, dueDate, notes: reply.notes, confidence, warnings: kept };
}
