// A VAT rate as other tools export it: "16", "16.00", "16%", "VAT (16%)", "Standard Rated 16%",
// "Zero Rated", "Exempt", "Tax Exempt (0%)", or a yes/no "Taxable" column.
import type { TaxRateBp } from '../../../shared/totals';

export type TaxRateReading = { ok: true; rateBp: TaxRateBp } | { ok: false; reason: string };

/** Reads a rate cell; `standardBp` is what "taxable: yes" means. */
export function readTaxRate(text: string, standardBp: number): TaxRateReading {
  const t = text.trim().toLowerCase();
  if (/exempt|non[- ]?taxable|not taxable|^non$|^no$|^n$|^false$|^none$|^e$/.test(t)) return { ok: true, rateBp: null };
  if (/zero[- ]?rated/.test(t)) return { ok: true, rateBp: 0 };
  if (/^(yes|y|true|tax|taxable|standard|standard rated|vat)$/.test(t)) return { ok: true, rateBp: standardBp };
  const number = /(\d{1,3})(?:\.(\d+))?\s*%?/.exec(t);
  if (!number) return { ok: false, reason: 'not a VAT rate (write it like 16%, 0% or Exempt)' };
  const fraction = (number[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return { ok: false, reason: 'a rate has at most two decimals' };
  const bp = Number(number[1]) * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > 10_000) return { ok: false, reason: 'a rate is at most 100%' };
  return { ok: true, rateBp: bp };
}
