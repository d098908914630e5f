// A history line's entity and action (audit_log.entity, audit_log.action, migration 29) kept as a
// small number instead of their words (issue 17, smaller books): "customer", "recorded" and
// "finalized" are 7 to 9 bytes of text on each of the 100,000-invoice book's 630,000 lines, and a
// number below 128 is one byte (0 and 1 none: SQLite keeps them in the row's header).
//
// Only the words below are numbered; any other word (another computer's, a newer Billbook's) is
// kept as its text, so every line reads back exactly as it was written. Books store this form: a
// word's number never changes, and a word is added (at the end) only with a new migration, so a
// Billbook that can open a book reads every number in it (tests/unit/history-words.test.ts).
import type { SqliteDatabase } from './open';

/** The words numbered, in their numbers' order. */
export const HISTORY_WORDS: readonly string[] = [
  // 0 and 1: the two most written, stored in no bytes at all.
  'customer', 'invoice',
  'payment', 'recorded', 'paid', 'created', 'invoiced', 'finalized', 'updated', 'voided', 'credited', 'item', 'quote', 'quoted',
  'refund', 'refunded', 'reversed', 'unapplied', 'shared', 'saved', 'issued', 'imported', 'etims_signed', 'ended', 'dismissed',
  'discarded', 'deleted', 'converted', 'assigned', 'viewed', 'settings', 'settings.update', 'saved_report', 'recurring_schedule',
  'incoming_payment', 'statement', 'credit_note', 'payment reversed', 'payment unapplied', 'refund reversed', 'schedule created',
  'quote accepted', 'quote declined', 'quote converted', 'credit applied', 'left unmatched', 'payment_received',
];

const NUMBER_OF = new Map(HISTORY_WORDS.map((word, i) => [word, BigInt(i)]));

/** The number the customer's lines are kept under, for SQL that must name it (the partial index of customers' lines). */
export const CUSTOMER_WORD = 0;

/**
 * The stored form of an entity or action: its number for a word above, else the text. The number
 * is a bigint: better-sqlite3 binds a JS number as an 8-byte REAL.
 */
export function storedHistoryWord(word: string): bigint | string {
  return NUMBER_OF.get(word) ?? word;
}

/**
 * SQL: the stored form of the entity or action `value` (a column or a bound parameter), in SQL
 * itself rather than through JS, so any text, valid UTF-8 or not, that is not one of the words
 * stays exactly as it was.
 */
export function historyWordKey(value: string): string {
  return `(CASE ${value} ${HISTORY_WORDS.map((word, i) => `WHEN '${word}' THEN ${i}`).join(' ')} ELSE ${value} END)`;
}

/** An entity or action as its word, however it is kept. A number this version has no word for (a newer Billbook's) reads as that number. */
export function historyWordText(stored: unknown): string {
  if (typeof stored === 'bigint' || typeof stored === 'number') return HISTORY_WORDS[Number(stored)] ?? String(stored);
  return String(stored);
}

/**
 * `history_word(stored)` in SQL: the word, however it is kept. Registered on every connection the
 * app opens, beside the sentences' (db/summaryPack.ts).
 */
export function registerHistoryWordFunctions(db: SqliteDatabase): void {
  db.function('history_word', { deterministic: true }, (stored: unknown) => (stored === null ? null : historyWordText(stored)));
}
