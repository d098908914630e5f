// Document numbers from a format such as "INV-{YYYY}-{seq:4}". A series is the format with every
// token but the sequence filled in, so "INV-2026-…" and "INV-2027-…" count separately, and a
// per-device code keeps two laptops' offline numbers apart. Shared: Settings previews the next number.

const TOKEN = /\{(YYYY|YY|MM|DEVICE|seq(?::(\d{1,2}))?)\}/g;

export interface NumberParts {
  /** The issue date the number belongs to. */
  date: string;
  deviceCode: string;
}

/** What is wrong with a format, or null. */
export function numberFormatProblem(format: string): string | null {
  if (format.length === 0 || format.length > 60) return 'A number format has 1 to 60 characters';
  const seqTokens = [...format.matchAll(TOKEN)].filter((m) => m[1]!.startsWith('seq'));
  if (seqTokens.length !== 1) return 'A number format needs exactly one {seq} or {seq:N}, e.g. INV-{YYYY}-{seq:4}';
  const width = Number(seqTokens[0]![2] ?? 1);
  if (width < 1 || width > 12) return 'The {seq:N} width is 1 to 12 digits';
  if (/\{DEVICE\}\{seq/.test(format)) return 'Put a separator between {DEVICE} and {seq}, e.g. {DEVICE}-{seq:4}, so that device codes of different lengths never give the same number';
  const outside = format.replace(TOKEN, '');
  if (/[{}]/.test(outside)) return 'Unknown token in the number format; use {YYYY} {YY} {MM} {DEVICE} {seq:N}';
  return null;
}

function fill(format: string, parts: NumberParts, seq: number | null): string {
  const [year, month] = parts.date.split('-') as [string, string];
  return format.replace(TOKEN, (_all, token: string, width?: string) => {
    switch (token) {
      case 'YYYY': return year;
      case 'YY': return year.slice(2);
      case 'MM': return month;
      case 'DEVICE': return parts.deviceCode;
      default: return seq === null ? '{seq}' : String(seq).padStart(Number(width ?? 1), '0');
    }
  });
}

/** The name of the sequence a number is taken from. */
export function seriesOf(kind: string, format: string, parts: NumberParts): string {
  return `${kind}:${fill(format, parts, null)}`;
}

export function formatNumber(format: string, parts: NumberParts, seq: number): string {
  return fill(format, parts, seq);
}
