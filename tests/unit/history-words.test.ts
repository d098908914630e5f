import { describe, expect, it } from 'vitest';
import { HISTORY_WORDS, historyWordKey, historyWordText, storedHistoryWord } from '../../electron/core/db/historyWords';
import { NEWEST_SCHEMA } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';

/** Anything another computer may send as an entity or action: each must read back exactly as it came. */
const ODD = ['', 'Customer', 'CUSTOMER', ' customer', 'customer ', '0', '1', '00', '1.5', '-1', '47', '__proto__', 'constructor', 'a\u0000b', 'café', 'quote accepted ', 'payment.recorded', '😀'];

describe('history words (migration 29)', () => {
  it('reads back every word and every other text exactly as written, from JS and from SQL', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, word ANY) STRICT');
    const insertJs = db.prepare('INSERT INTO t (word) VALUES (?)');
    const insertSql = db.prepare(`INSERT INTO t (word) VALUES (${historyWordKey('CAST(@word AS TEXT)')})`);
    const read = db.prepare('SELECT history_word(word) AS word, typeof(word) AS type FROM t WHERE id = ?');
    for (const word of [...HISTORY_WORDS, ...ODD]) {
      const fromJs = Number(insertJs.run(storedHistoryWord(word)).lastInsertRowid);
      const fromSql = Number(insertSql.run({ word }).lastInsertRowid);
      const numbered = HISTORY_WORDS.includes(word);
      for (const id of [fromJs, fromSql]) expect(read.get(id), JSON.stringify(word)).toEqual({ word, type: numbered ? 'integer' : 'text' });
      expect(historyWordText(storedHistoryWord(word))).toBe(word);
    }
    // The two most written are kept in no bytes; every other number in one.
    expect(db.prepare("SELECT word FROM t WHERE typeof(word) = 'integer' AND word < 2 GROUP BY word").pluck().all()).toEqual([0, 1]);
    expect(HISTORY_WORDS.slice(0, 2)).toEqual(['customer', 'invoice']);
    expect(HISTORY_WORDS.length).toBeLessThan(128);
    db.close();
  });

  it('numbers no word twice, and a number this version has no word for reads as that number', () => {
    expect(new Set(HISTORY_WORDS).size).toBe(HISTORY_WORDS.length);
    expect(historyWordText(HISTORY_WORDS.length)).toBe(String(HISTORY_WORDS.length));
    expect(historyWordText(BigInt(HISTORY_WORDS.length + 3))).toBe(String(HISTORY_WORDS.length + 3));
  });

  it('changes its words only with a migration', () => {
    // A book an older Billbook can open must hold no number it cannot read: a word added here needs
    // a new migration (so an older Billbook refuses the newer books), and this entry beside it.
    const wordsAtSchema: Record<number, number> = { 29: 47 };
    const newest = Math.max(...Object.keys(wordsAtSchema).map(Number));
    expect(newest, 'a migration since the words were last counted: add it here with their count').toBe(NEWEST_SCHEMA);
    expect(HISTORY_WORDS.length, 'words numbered without a migration').toBe(wordsAtSchema[newest]);
  });
});
