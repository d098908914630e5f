// Units of quantity, in the plural forms shared/domain/invoice.ts COMMON_UNITS uses ("hours", "kg").

const ALIASES: Record<string, string> = {};
function alias(canonical: string, ...forms: string[]): void {
  for (const form of [canonical, ...forms]) ALIASES[form] = canonical;
}
alias('hours', 'hour', 'hr', 'hrs', 'h', 'hrz');
alias('minutes', 'minute', 'min', 'mins');
alias('days', 'day', 'dys');
alias('nights', 'night');
alias('weeks', 'week', 'wk', 'wks');
alias('months', 'month', 'mo', 'mos', 'mth', 'mths', 'mnth', 'mnths');
alias('years', 'year', 'yr', 'yrs', 'annum');
alias('pieces', 'piece', 'pc', 'pcs', 'pce', 'pces');
alias('items', 'item');
alias('units', 'unit');
alias('kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes');
alias('g', 'gram', 'grams', 'gm', 'gms');
alias('tonnes', 'tonne', 'ton', 'tons');
alias('litres', 'litre', 'liter', 'liters', 'ltr', 'ltrs', 'l');
alias('km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers');
alias('m', 'metre', 'metres', 'meter', 'meters', 'mtrs');
alias('sqm', 'm2', 'm²');
alias('words', 'word');
alias('sessions', 'session');
alias('lessons', 'lesson');
alias('classes', 'class');
alias('pages', 'page', 'pg', 'pgs');
alias('licenses', 'license', 'licence', 'licences');
alias('seats', 'seat');
alias('users', 'user');
alias('visits', 'visit');
alias('trips', 'trip');
alias('people', 'person', 'persons', 'pax', 'head', 'heads', 'staff', 'employees', 'employee', 'workers', 'attendees', 'delegates');
alias('guests', 'guest');
alias('students', 'student', 'pupil', 'pupils');
alias('participants', 'participant');
alias('plates', 'plate');
alias('meals', 'meal');
alias('cups', 'cup');
alias('copies', 'copy');
alias('rooms', 'room');
alias('acres', 'acre');
alias('posts', 'post');
alias('videos', 'video');
alias('photos', 'photo');
alias('articles', 'article');
// Containers: a unit only in "5 bags of cement"; "5 bags at 300" names the goods themselves.
alias('bags', 'bag');
alias('boxes', 'box');
alias('cartons', 'carton');
alias('crates', 'crate');
alias('sacks', 'sack');
alias('bales', 'bale');
alias('rolls', 'roll');
alias('reams', 'ream');
alias('packets', 'packet');
alias('bottles', 'bottle');
alias('trays', 'tray');
alias('tins', 'tin');
alias('loads', 'load');
alias('jerrycans', 'jerrycan');
alias('sets', 'set');
alias('pairs', 'pair');

const CONTAINERS = new Set(['bags', 'boxes', 'cartons', 'crates', 'sacks', 'bales', 'rolls', 'reams', 'packets', 'bottles', 'trays', 'tins', 'loads', 'jerrycans', 'sets', 'pairs']);

/** Units a price is naturally quoted per, where a missing count matters ("2,500 per hour" for how many hours?). */
const MEASURES = new Set(['hours', 'minutes', 'days', 'nights', 'weeks', 'months', 'years', 'kg', 'g', 'tonnes', 'litres', 'km', 'm', 'sqm', 'words', 'sessions', 'lessons', 'pages']);

/** Words that mean "per unit" on their own. */
const PER_WORDS: Record<string, string> = {
  hourly: 'hours', daily: 'days', nightly: 'nights', weekly: 'weeks', monthly: 'months', yearly: 'years', annually: 'years',
  pm: 'months', pa: 'years', ph: 'hours', pd: 'days', pw: 'weeks',
};

/** The canonical unit a word names ("hrs" -> "hours"), or null. */
export function unitOf(word: string): string | null {
  const key = word.toLowerCase().replace(/\.$/, '');
  return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key]! : null;
}

/**
 * A unit written with one letter missing, doubled or two swapped ("hous", "moths", "sesions", "huors");
 * long words only, the first letter right, and never one letter changed: "wards" and "lights" are goods.
 */
export function unitWithTypo(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 4) return null;
  for (const canonical of ['hours', 'days', 'weeks', 'months', 'years', 'pieces', 'sessions', 'lessons', 'nights', 'words', 'pages', 'items', 'units']) {
    for (const form of [canonical, canonical.slice(0, -1)]) {
      if (form.length >= 4 && lower[0] === form[0] && nearlyEqual(lower, form)) return canonical;
    }
  }
  return null;
}

/** Equal but for one letter added, dropped, or two neighbours swapped. */
function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function isContainer(unit: string): boolean {
  return CONTAINERS.has(unit);
}

export function isMeasure(unit: string): boolean {
  return MEASURES.has(unit);
}

/** Billing periods: "hosting 10k/yr" is for one year unless a count says otherwise. */
export function isPeriod(unit: string): boolean {
  return unit === 'weeks' || unit === 'months' || unit === 'years';
}

/** "hourly" -> "hours", "p.m." (as "pm") -> "months", or null. */
export function perWordUnit(word: string): string | null {
  const key = word.toLowerCase();
  return Object.prototype.hasOwnProperty.call(PER_WORDS, key) ? PER_WORDS[key]! : null;
}

/** "hours" -> "hour", for messages ("the price per hour"). */
export function singular(unit: string): string {
  if (unit === 'people') return 'person';
  if (unit === 'copies') return 'copy';
  if (unit === 'classes' || unit === 'boxes') return unit.slice(0, -2);
  return unit.endsWith('s') ? unit.slice(0, -1) : unit;
}
