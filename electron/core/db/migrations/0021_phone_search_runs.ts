import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';
import { withSearchMergedOnce } from '../bulkIndexes';
import { indexEveryCustomer } from './0015_one_letter_search';

// Customer search (issue 17): a phone number was indexed as every suffix of its digits, about a
// million distinct terms at 100,000 customers and the largest part of writing an import's search
// entries. It is now indexed as whole suffixes for its first three digits and runs of three digits
// after them (shared/domain/phone.ts phoneSearchTokens); a search finds the same customers. The
// searches also find the older entries, but they are written again here so the index is the
// smaller one, and an older Billbook (which searches suffixes only) does not open these books.
export const migration0021: Migration = {
  version: 21,
  name: 'phone numbers searched by runs of digits',
  up: (db: SqliteDatabase) => {
    db.exec("INSERT INTO customer_search (customer_search) VALUES ('delete-all')");
    withSearchMergedOnce(db, 'customer_search', () => indexEveryCustomer(db));
  },
};
