// A line's description from the words left once quantity, unit and price are taken out:
// "of web hosting at" -> "Web hosting". Filler at the ends goes; the person's words in between stay.

const LEADING = new Set(['of', 'for', 'a', 'an', 'the', 'on', 'x', 'with', 'to', 'and', 'plus', 'per', 'at', 'also', 'then', 'being', 'is', 'in', 'by', 'worth', 'price', 'cost', 'qty', 'quantity']);
const TRAILING = new Set([
  'at', 'for', 'of', 'and', 'plus', 'each', 'per', 'a', 'an', 'the', 'with', 'on', 'in', 'to', 'x', 'is', 'are', 'was', 'costs', 'cost',
  'costing', 'priced', 'price', 'worth', 'rate', 'charged', 'charge', 'totalling', 'totaling', 'only', 'by', 'from', 'qty', 'quantity',
  'amount', 'all', 'approx', 'about', 'around', 'be', 'will',
]);
const EDGE_PUNCTUATION = /^[\s,;:.\-=+&/@|#*~]+|[\s,;:\-=+&/@|#*~(]+$/g;

function balance(text: string): string {
  let out = text;
  const opens = (out.match(/\(/g) ?? []).length;
  const closes = (out.match(/\)/g) ?? []).length;
  if (opens > closes) out = out.replace(/\((?![^(]*\))/g, '').trim();
  if (closes > opens) out = out.replace(/^([^(]*)\)/, '$1').trim();
  return out;
}

/** Strips filler and capitalises the first letter. "iPhone" and "CCTV" keep their case; "LOGO DESIGN" becomes "Logo design". */
export function cleanDescription(raw: string): string {
  let text = raw.replace(/\s+/g, ' ').replace(/\s+([,;:)])/g, '$1').replace(/\s+\.(?=\s|$)/g, '.').replace(/\(\s+/g, '(').trim();
  for (let pass = 0; pass < 12; pass++) {
    const before = text;
    text = text.replace(EDGE_PUNCTUATION, '').trim();
    const words = text.split(' ');
    let first = 0;
    let last = words.length;
    while (first < last && LEADING.has(words[first]!.toLowerCase())) first++;
    while (last > first && TRAILING.has(words[last - 1]!.toLowerCase().replace(/[.,]$/, ''))) last--;
    text = balance(words.slice(first, last).join(' '));
    if (text === before) break;
  }
  text = text.replace(/[.]+$/, '').trim();
  if (!text) return '';
  const letters = text.replace(/[^a-z]/gi, '');
  if (letters.length > 3 && letters === letters.toUpperCase() && text.includes(' ')) text = text.toLowerCase();
  const firstWord = text.split(' ')[0]!;
  if (/[A-Z]/.test(firstWord.slice(1)) && /[a-z]/.test(firstWord[0]!)) return text;
  return text[0]!.toUpperCase() + text.slice(1);
}
