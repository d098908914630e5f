// A history line's entity and action (audit_log.entity, audit_log.action, migration 29) kept as a
// small number instead of their words (issue 17, smaller books): "customer", "recorded" and
// "finalized" are 7 to 9 bytes of text on each of the 100,000-invoice book's 630,000 lines, and a
// number below 128 is one byte (0 and 1 none: SQLite keeps them in the row's header).
//
// Only the words below are numbered; any other word (one a newer Billbook or another computer
// writes) is kept as its text, so every line reads back exactly as it was written. Books store
// this form: a word's number never changes, and new words are only ever added at the end.
import type { SqliteDatabase } from './open';

const WORDS: readonly string[] = [
  // 0 and 1: the two most written, stored in no bytes at all.
  'customer', 'invoice',
  'payment', 'recorded', 'paid', 'created', 'invoiced', 'finalized', 'updated', 'voided', 'credited', 'item', 'quote', 'quoted',
  'refund', 'refunded', 'reversed', 'unapplied', 'shared', 'saved', 'issued', 'imported', 'etims_signed', 'ended', 'dismissed',
  'discarded', 'deleted', 'converted', 'assigned', 'viewed', 'settings', 'settings.update', 'saved_report', 'recurring_schedule',
  'incoming_payment', 'statement', 'credit_note', 'payment reversed', 'payment unapplied', 'refund reversed', 'schedule created',
  'quote accepted', 'quote declined', 'quote converted', 'credit applied', 'left unmatched', 'payment_received',
];

const NUMBER_OF = new Map(WORDS.map((word, i) => [word, BigInt(i)]));

/** The number the customer's lines are kept under, for SQL that must name it (the partial index of customers' lines). */
export const CUSTOMER_WORD = 0;

/**
 * The stored form of an entity or action: its number for a word above, a bigint because
 * better-sqlite3 binds a JS number as REAL (8 bytes, and not what `entity = 0` finds); else the text.
 */
export function storedHistoryWord(word: string): bigint | string {
  return NUMBER_OF.get(word) ?? word;
}

/** An entity or action as its word, however it is kept. A number this version has no word for (a newer Billbook's) reads as that number. */
export function historyWordText(stored: unknown): string {
  if (typeof stored === 'bigint' || typeof stored === 'number') return WORDS[Number(stored)] ?? String(stored);
  return typeof stored === 'string' ? stored : String(stored);
}

/**
 * `history_word(stored)` in SQL: the word, however it is kept; `history_word_key(word)`: the form to
 * store. Registered on every connection the app opens, beside the sentences' (db/summaryPack.ts).
 */
export function registerHistoryWordFunctions(db: SqliteDatabase): void {
  db.function('history_word', { deterministic: true }, (stored: unknown) => (stored === null ? null : historyWordText(stored)));
  db.function('history_word_key', { deterministic: true, safeIntegers: true }, (word: unknown) => (typeof word === 'string' ? storedHistoryWord(word) : (word as null)));
}
