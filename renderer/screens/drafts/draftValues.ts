// The draft editor's text-based values, and how they become the contract's draft content, with an
// error per field (keyed by schema path, as the backend names fields) and the live totals.
import type { Customer, INVOICE_TEMPLATES } from '../../../shared/domain/customer';
import { defaultTerms, draftContentSchema, type DraftContentInput, type Invoice, type InvoiceLineInput } from '../../../shared/domain/invoice';
import { formatMoney, MINOR_DIGITS, parseMoney, type CurrencyCode } from '../../../shared/money';
import { computeTotals, type Discount, type InvoiceTotals, type TaxRateBp, type TotalsLine } from '../../../shared/totals';
import { isCurrency } from '../../lib/format';
import { todayLocal } from '../../lib/clock';
import { useBusinessDefaults } from '../../stores/business';

export type InvoiceTemplate = (typeof INVOICE_TEMPLATES)[number];

/** What the editor needs to know about the customer it bills. */
export interface CustomerChoice {
  id: string;
  code: string;
  name: string;
  email: string;
  currency: CurrencyCode;
  paymentTermsDays: number;
  template: InvoiceTemplate;
  /** The customer's prices include VAT (their "Prices include VAT"): new drafts start so. Absent: false. */
  pricesIncludeTax?: boolean;
}

export interface LineValues {
  /** A stable key for React and for remembering which inputs a person has left. */
  key: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  /** "1600", "0" … or "exempt". */
  taxRate: string;
  /** This line's price includes VAT (or not) whatever the invoice's switch says; null: as the switch says. */
  priceIncludesTax: boolean | null;
  /** The catalog item the line was filled from; null: typed freely. */
  itemId: string | null;
}

export type DiscountKind = 'none' | 'percent' | 'amount';

export interface DraftValues {
  customer: CustomerChoice | null;
  /** The invoice bills in the customer's currency; kept apart so a loaded draft keeps its own. */
  currency: CurrencyCode;
  issueDate: string;
  followTerms: boolean;
  /** Used when followTerms is off. */
  dueDate: string;
  pricesIncludeTax: boolean;
  discountKind: DiscountKind;
  discountValue: string;
  lines: LineValues[];
  notes: string;
  terms: string;
  /** '': the customer's template. */
  template: InvoiceTemplate | '';
}

export const LINE_FIELDS = ['description', 'quantityMilli', 'unit', 'unitPriceMinor', 'taxRateBp', 'priceIncludesTax', 'itemId'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export const lineErrorKey = (index: number, field: LineField) => `lines.${index}.${field}`;

let lineCounter = 0;
export function newLineKey(): string {
  lineCounter += 1;
  return `line-${Date.now().toString(36)}-${lineCounter}`;
}

/** A blank line at the business's default rate (no VAT for a business that is not registered). */
export function emptyLine(rate: TaxRateBp = useBusinessDefaults.getState().lineTaxRateBp): LineValues {
  return { key: newLineKey(), description: '', quantity: '1', unit: '', unitPrice: '', taxRate: taxRateValue(rate), priceIncludesTax: null, itemId: null };
}

/** Where a line picked from the catalog goes: in place of an untouched empty last line, else after the last. */
export function filledLineIndex(lines: readonly LineValues[]): number {
  const last = lines[lines.length - 1];
  const untouched = last && last.description.trim() === '' && last.unitPrice.trim() === '' && last.unit.trim() === '' && last.itemId === null;
  return untouched ? lines.length - 1 : lines.length;
}

export function taxRateValue(rate: TaxRateBp): string {
  return rate === null ? 'exempt' : String(rate);
}

export function taxRateOf(value: string): TaxRateBp {
  return value === 'exempt' ? null : Number(value);
}


const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-01-31" + 30 -> "2026-03-02"; null when the date is not a real date. */
export function addDays(date: string, days: number): string | null {
  if (!DATE.test(date)) return null;
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return null;
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The terms printed when none are typed: the customer's, or those the picked due date gives. */
export function termsShown(v: DraftValues): string | null {
  if (!v.customer) return null;
  return defaultTerms(v.issueDate, v.followTerms ? null : v.dueDate || null, v.customer.paymentTermsDays);
}

/** The due date the editor shows: issue date + terms, or the date picked. */
export function effectiveDueDate(v: DraftValues): string | null {
  if (!v.followTerms) return v.dueDate || null;
  if (!v.customer) return null;
  return addDays(v.issueDate, v.customer.paymentTermsDays);
}

export function customerChoiceOf(c: Customer): CustomerChoice {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    email: c.email,
    currency: isCurrency(c.currency) ? c.currency : 'KES',
    paymentTermsDays: c.paymentTermsDays,
    template: c.aiPreferences.template,
    pricesIncludeTax: c.aiPreferences.includeTax,
  };
}

// ---- Text <-> integers, never through floats ----

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_QUANTITY_MILLI = 1_000_000_000n;

/** "1.5" -> 1500 thousandths; "1,000" -> 1,000,000. At most three decimals. */
export function parseQuantity(text: string): Parsed<number> {
  let t = text.trim().replace(/\s/g, '');
  if (t === '') return { ok: false, error: 'Enter a quantity, like 1 or 2.5' };
  // "-5" is a number, just not one an invoice can bill: say that, not "enter a number".
  if (/^[-−–]\s*[\d.,]+$/.test(t)) return { ok: false, error: 'Quantity must be above zero. To take something off, use a discount or a credit note.' };
  if (t.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return { ok: false, error: 'Use a point for decimals, like 1.5' };
    t = t.replace(/,/g, '');
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: 'Enter a number, like 2 or 1.5' };
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 3) return { ok: false, error: 'At most 3 decimals, like 1.125' };
  const milli = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
  if (milli === 0n) return { ok: false, error: 'Quantity must be above zero' };
  if (milli > MAX_QUANTITY_MILLI) return { ok: false, error: 'Quantity is too large' };
  return { ok: true, value: Number(milli) };
}

/** 1500 -> "1.5". */
export function quantityText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const fraction = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** "12.5" or "12.5%" -> 1250 basis points; at most two decimals, at most 100. */
export function parsePercent(text: string): Parsed<number> {
  const t = text.trim().replace(/\s/g, '').replace(/%$/, '');
  if (t === '') return { ok: false, error: 'Enter a percent, like 10 or 12.5' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: 'Enter a percent, like 10 or 12.5' };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: 'At most 2 decimals, like 12.25' };
  if ((match[1] ?? '').length > 4) return { ok: false, error: 'A discount is at most 100%' };
  const bp = Number(match[1] || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > 10_000) return { ok: false, error: 'A discount is at most 100%' };
  return { ok: true, value: bp };
}

/** 1250 -> "12.5". */
export function percentText(bp: number): string {
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${Math.floor(bp / 100)}.${fraction}` : String(Math.floor(bp / 100));
}

function moneyExample(currency: CurrencyCode): string {
  return MINOR_DIGITS[currency] > 0 ? '1,500 or 1500.50' : '1,500';
}

export function parsePrice(text: string, currency: CurrencyCode, what = 'a unit price'): Parsed<number> {
  if (text.trim() === '') return { ok: false, error: `Enter ${what} (0 is allowed)` };
  const minor = parseMoney(text, currency);
  if (minor === null) return { ok: false, error: `Enter an amount in ${currency}, like ${moneyExample(currency)}` };
  return { ok: true, value: minor };
}

/** 123456700 KES -> "1,234,567.00": the amount as a person would type it. */
export function moneyText(minor: number, currency: CurrencyCode): string {
  return formatMoney(minor, currency).replace(`${currency} `, '');
}

// ---- Loading ----

/** The draft exactly as saved, in the invoice's own currency: the baseline for "unsaved changes". */
export function valuesFromInvoice(invoice: Invoice, customer: CustomerChoice): DraftValues {
  const currency = invoice.currency;
  const d = invoice.discount;
  return {
    customer,
    currency,
    issueDate: invoice.issueDate,
    followTerms: invoice.dueDateFromTerms,
    dueDate: invoice.dueDate,
    pricesIncludeTax: invoice.pricesIncludeTax,
    discountKind: d ? d.kind : 'none',
    discountValue: d ? (d.kind === 'percent' ? percentText(d.bp) : moneyText(d.minor, currency)) : '',
    lines: [...invoice.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        key: newLineKey(),
        description: l.description,
        quantity: quantityText(l.quantityMilli),
        unit: l.unit,
        unitPrice: moneyText(l.unitPriceMinor, currency),
        taxRate: taxRateValue(l.taxRateBp),
        priceIncludesTax: l.priceIncludesTax ?? null,
        itemId: l.itemId ?? null,
      })),
    notes: invoice.notes,
    // The invoice reads back the default terms when none were typed; keep that blank, so it follows the due date.
    terms: invoice.terms === defaultTerms(invoice.issueDate, invoice.dueDateFromTerms ? null : invoice.dueDate, customer.paymentTermsDays) ? '' : invoice.terms,
    template: invoice.template === customer.template ? '' : invoice.template,
  };
}

/**
 * What the editor shows for saved values: an invoice bills in its customer's currency, so when that
 * changed since the save, the amounts as typed are read in the new one, and the form has unsaved changes.
 */
export function editorValues(saved: DraftValues): DraftValues {
  const currency = saved.customer?.currency ?? saved.currency;
  return currency === saved.currency ? saved : { ...saved, currency };
}

/** A new draft's "prices include VAT": the customer's, when the business charges VAT at all. */
export function pricesIncludeTaxFor(customer: CustomerChoice | null): boolean {
  return useBusinessDefaults.getState().vatRegistered && (customer?.pricesIncludeTax ?? false);
}

export function newDraftValues(customer: CustomerChoice | null): DraftValues {
  return {
    customer,
    currency: customer?.currency ?? 'KES',
    issueDate: todayLocal(),
    followTerms: true,
    dueDate: '',
    pricesIncludeTax: pricesIncludeTaxFor(customer),
    discountKind: 'none',
    discountValue: '',
    lines: [emptyLine()],
    notes: '',
    terms: '',
    template: '',
  };
}

/**
 * What decides "unsaved changes": everything but the lines' React keys. Amounts count by what they
 * mean, so a price tidied on blur ("14,000" -> "14,000.00") is not an unsaved change.
 */
export function snapshotOf(v: DraftValues): string {
  const lines = v.lines.map(({ key: _key, ...rest }) => {
    const price = parsePrice(rest.unitPrice, v.currency);
    const quantity = parseQuantity(rest.quantity);
    return { ...rest, unitPrice: price.ok ? price.value : rest.unitPrice, quantity: quantity.ok ? quantity.value : rest.quantity };
  });
  return JSON.stringify({ ...v, customer: v.customer?.id ?? null, lines });
}

// ---- Checking ----

export interface LineCheck {
  quantityMilli: number | null;
  unitPriceMinor: number | null;
  ok: boolean;
}

export interface DraftCheck {
  /** The content to send; only meaningful when `errors` is empty. */
  content: DraftContentInput;
  /** Schema path -> message. */
  errors: Record<string, string>;
  lines: LineCheck[];
  discount: Discount;
  discountOk: boolean;
}

function discountOf(v: DraftValues): Parsed<Discount> {
  if (v.discountKind === 'none') return { ok: true, value: null };
  if (v.discountKind === 'percent') {
    const p = parsePercent(v.discountValue);
    return p.ok ? { ok: true, value: { kind: 'percent', bp: p.value } } : p;
  }
  const m = parsePrice(v.discountValue, v.currency, 'a discount amount');
  return m.ok ? { ok: true, value: { kind: 'amount', minor: m.value } } : m;
}

/** Builds the draft content and every error a person can fix before saving. */
export function checkDraft(v: DraftValues): DraftCheck {
  const errors: Record<string, string> = {};
  const lineChecks: LineCheck[] = [];
  const lines: InvoiceLineInput[] = v.lines.map((line, i) => {
    const q = parseQuantity(line.quantity);
    const p = parsePrice(line.unitPrice, v.currency);
    if (!q.ok) errors[lineErrorKey(i, 'quantityMilli')] = q.error;
    if (!p.ok) errors[lineErrorKey(i, 'unitPriceMinor')] = p.error;
    lineChecks.push({ quantityMilli: q.ok ? q.value : null, unitPriceMinor: p.ok ? p.value : null, ok: q.ok && p.ok });
    return {
      description: line.description,
      quantityMilli: q.ok ? q.value : 1000,
      unit: line.unit,
      unitPriceMinor: p.ok ? p.value : 0,
      taxRateBp: taxRateOf(line.taxRate),
      priceIncludesTax: line.priceIncludesTax,
      itemId: line.itemId,
    };
  });
  const discount = discountOf(v);
  if (!discount.ok) errors.discount = discount.error;
  const content: DraftContentInput = {
    customerId: v.customer?.id ?? '',
    currency: v.currency,
    issueDate: v.issueDate,
    dueDate: v.followTerms ? null : v.dueDate,
    pricesIncludeTax: v.pricesIncludeTax,
    discount: discount.ok ? discount.value : null,
    lines,
    notes: v.notes,
    terms: v.terms,
    template: v.template === '' ? null : v.template,
  };
  const linesOk = lineChecks.every((l) => l.ok);
  const result = draftContentSchema.safeParse(content);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.') || 'draft';
      // A placeholder stands in for a line that did not parse; do not blame the discount for it.
      if (key === 'discount' && !linesOk) continue;
      errors[key] ??= key === 'dueDate' && v.dueDate === '' ? 'Pick a due date, or follow the payment terms' : issue.message;
    }
  }
  return { content, errors, lines: lineChecks, discount: discount.ok ? discount.value : null, discountOk: discount.ok };
}

export interface LiveTotals {
  /** null when the amounts are too large to add up exactly. */
  totals: InvoiceTotals | null;
  /** Per line (same order as the editor): its amount, or null while it has an error. */
  lineAmounts: (number | null)[];
  /** 1-based numbers of lines left out until they are fixed. */
  uncounted: number[];
}

/** computeTotals over the lines that parse; the others are named, never silently dropped. */
export function liveTotals(v: DraftValues, check: DraftCheck): LiveTotals {
  const counted: { index: number; line: TotalsLine }[] = [];
  const uncounted: number[] = [];
  check.lines.forEach((l, i) => {
    if (l.ok && l.quantityMilli !== null && l.unitPriceMinor !== null) {
      const line = v.lines[i]!;
      counted.push({
        index: i,
        line: { quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, taxRateBp: taxRateOf(line.taxRate), priceIncludesTax: line.priceIncludesTax },
      });
    } else {
      uncounted.push(i + 1);
    }
  });
  const lineAmounts: (number | null)[] = v.lines.map(() => null);
  try {
    const totals = computeTotals({ lines: counted.map((c) => c.line), pricesIncludeTax: v.pricesIncludeTax, discount: check.discount });
    counted.forEach((c, j) => {
      lineAmounts[c.index] = totals.lines[j]!.amountMinor;
    });
    return { totals, lineAmounts, uncounted };
  } catch {
    return { totals: null, lineAmounts, uncounted };
  }
}

/** Backend field keys come as "draft.lines.0.unitPriceMinor" from the contract's check, or without the prefix. */
export function normalizeFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const k = key.replace(/^draft\./, '').replace(/^discount\.(bp|minor|kind)$/, 'discount');
    out[k] ??= message;
  }
  return out;
}
