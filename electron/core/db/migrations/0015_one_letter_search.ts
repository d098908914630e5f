import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';
import { searchDocumentOfRow, type IndexedCustomerRow } from '../../customers/search';

type IndexedCustomer = IndexedCustomerRow & { seq: number };

/** Fills `customer_search` from every customer, archived ones included, as the app writes each entry. */
export function indexEveryCustomer(db: SqliteDatabase): void {
  const insert = db.prepare('INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const customers = db.prepare('SELECT seq, name, email, secondary_email, phone, secondary_phone, code, tax_id, status, deleted_at FROM customers WHERE seq > ? ORDER BY seq LIMIT 5000');
  // In pages: the connection cannot write while a read is open on it.
  for (let after = 0, page: IndexedCustomer[]; (page = customers.all(after) as IndexedCustomer[]).length > 0; after = page.at(-1)!.seq) {
    for (const row of page) {
      const doc = searchDocumentOfRow(row);
      insert.run(row.seq, doc.name, doc.email, doc.phone, doc.code, doc.tax_id, doc.state);
    }
  }
}

// Customer search (issue 17): a one-letter term ("k", or the "c" of "atieno.c" typed from an email)
// merged the lists of every word starting with that letter, thousands of them: 10–14 ms at 100,000
// customers. A one-letter prefix index holds that list ready (2–5 ms), for about 15% more index
// (47 → 55 MB at 100,000 customers). FTS5 fixes its prefixes when the table is made, so the index
// is made again and refilled from the customers, as the app writes each entry today.
export const migration0015: Migration = {
  version: 15,
  name: 'one-letter customer search',
  up: (db: SqliteDatabase) => {
    db.exec(`
      DROP TABLE customer_search;
      CREATE VIRTUAL TABLE customer_search USING fts5 (
        name, email, phone, code, tax_id, state,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3 4'
      );
    `);
    indexEveryCustomer(db);
  },
};
