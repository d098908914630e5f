// Lists of numbers that SQLite hands over as one comma-joined text.

/**
 * Numbers SQLite joined with commas (group_concat), read back in one pass: one text per group or
 * search instead of one row per value, which was most of those reads' time. Whole numbers (keys,
 * minor units) are read digit by digit; anything else falls back to Number.
 */
export function numbersFromList(list: string): Float64Array {
  const amounts = new Float64Array(commas(list) + 1);
  numbersInto(list, amounts);
  return amounts;
}

/**
 * numbersFromList written into `into` (room for every value) instead of a new array: for a read
 * that goes through many lists one at a time. Returns how many values were read.
 */
export function numbersInto(list: string, into: Float64Array): number {
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
      into[n++] = negative ? -value : value;
      value = 0;
      digits = 0;
      negative = false;
    } else {
      const values = list.split(',');
      for (let v = 0; v < values.length; v++) into[v] = Number(values[v]);
      return values.length;
    }
  }
  return n;
}

/** How many commas `list` holds: one fewer than the values joined. */
export function commas(list: string): number {
  let count = 0;
  for (let at = list.indexOf(','); at !== -1; at = list.indexOf(',', at + 1)) count++;
  return count;
}

/**
 * The day number (days since 1970-01-01) of the YYYY-MM-DD at `at` in `text`: what SQLite's
 * julianday gives, worked out here (days from the civil calendar, H. Hinnant), because julianday
 * and the number it makes cost more per row than the read itself.
 */
export function dayAt(text: string, at: number): number {
  const month = text.charCodeAt(at + 5) * 10 + text.charCodeAt(at + 6) - 528;
  // Years start in March, so the leap day is the last day of the year before.
  const year = text.charCodeAt(at) * 1000 + text.charCodeAt(at + 1) * 100 + text.charCodeAt(at + 2) * 10 + text.charCodeAt(at + 3) - 53_328 - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + text.charCodeAt(at + 8) * 10 + text.charCodeAt(at + 9) - 529;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Day numbers of YYYY-MM-DD dates SQLite joined with no separator (group_concat(date, '')). */
export function daysFromDates(text: string): Float64Array {
  const days = new Float64Array(text.length / 10);
  daysInto(text, days);
  return days;
}

/** daysFromDates written into `into` (room for every date); returns how many. */
export function daysInto(text: string, into: Float64Array): number {
  const n = text.length / 10;
  for (let i = 0; i < n; i++) into[i] = dayAt(text, 10 * i);
  return n;
}
