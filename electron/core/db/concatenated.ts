// Lists of numbers that SQLite hands over as one comma-joined text.

/**
 * Numbers SQLite joined with commas (group_concat), read back in one pass: one text per group or
 * search instead of one row per value, which was most of those reads' time. Whole numbers (keys,
 * minor units) are read digit by digit; anything else falls back to Number.
 */
export function numbersFromList(list: string): Float64Array {
  const amounts = new Float64Array(commas(list) + 1);
  let n = 0;
  let value = 0;
  let digits = 0;
  let negative = false;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57 && digits < 15) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 45 && digits === 0 && !negative) negative = true;
    else if (c === 44 && digits > 0) {
      amounts[n++] = negative ? -value : value;
      value = 0;
      digits = 0;
      negative = false;
    } else return Float64Array.from(list.split(','), Number);
  }
  return amounts;
}

function commas(list: string): number {
  let count = 0;
  for (let at = list.indexOf(','); at !== -1; at = list.indexOf(',', at + 1)) count++;
  return count;
}
