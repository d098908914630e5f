// Text the embedded font (DejaVu Sans) can draw. It has Latin, Greek, Cyrillic, currency signs and
// the common symbols, but no colour emoji: those would print as empty boxes or garbage. They are
// taken out (with the joiners, skin tones, flags and variation selectors that build them), and the
// spaces around them tidied, so "Mama Mboga 🥬 Stores" prints as "Mama Mboga Stores".
//
// Pictographs outside the Basic Multilingual Plane are the emoji DejaVu lacks; the older symbols
// inside it (☎ ★ ✓ ♥) it draws, so those stay.
const UNDRAWABLE = /(?=\p{Extended_Pictographic})[\u{10000}-\u{10FFFF}]|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;
const MAYBE_UNDRAWABLE = /\u{200D}|\u{20E3}|\u{FE0E}|\u{FE0F}|[\u{10000}-\u{10FFFF}]/u;

export function printable(text: string): string {
  if (!MAYBE_UNDRAWABLE.test(text)) return text;
  return text
    .replace(UNDRAWABLE, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:)])/g, '$1')
    .trim();
}
