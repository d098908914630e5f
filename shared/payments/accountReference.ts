// An invoice number as an M-Pesa account reference, and an account a customer typed read back to an
// invoice. Daraja takes at most 12 letters and digits (INV-2026-0001 is 13 characters); people
// typing a Paybill account drop dashes, the prefix and leading zeros, and mix cases.

/** The number's letters and digits, upper case: "INV-2026-0001" -> "INV20260001". */
export const alnumKey = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Every digit, leading zeros dropped: "INV-2026-0001" -> "20260001". */
export const digitsKey = (text: string) => text.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '');

/** Each group of digits without its leading zeros: "INV-2026-0001" -> "2026-1". */
export const groupsKey = (text: string) => (text.match(/[0-9]+/g) ?? []).map((g) => g.replace(/^0+(?=\d)/, '')).join('-');

/**
 * The account reference Billbook sends with an STK request for this invoice number: its letters and
 * digits when they fit in 12, else without the leading letters, else the last 12 — always read back
 * by `matchesInvoiceNumber`.
 */
export function accountReferenceFor(number: string): string {
  const alnum = alnumKey(number);
  if (alnum.length <= 12) return alnum;
  const withoutPrefix = alnum.replace(/^[A-Z]+/, '');
  return withoutPrefix.length <= 12 ? withoutPrefix : withoutPrefix.slice(-12);
}

/** How sure a typed account names this invoice number: 1 exact, 0.9 forgiving, 0 not at all. */
export function accountMatch(typed: string, number: string): number {
  const t = alnumKey(typed);
  if (t === '') return 0;
  if (t === alnumKey(number) || t === accountReferenceFor(number)) return 1;
  if (digitsKey(typed) !== '' && digitsKey(typed) === digitsKey(number)) return 0.9;
  if (groupsKey(typed) !== '' && groupsKey(typed) === groupsKey(number) && /[0-9]/.test(typed)) return 0.9;
  // A reference cut to its last 12 characters.
  if (t.length === 12 && alnumKey(number).endsWith(t)) return 0.9;
  return 0;
}
