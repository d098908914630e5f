import type { Migration } from '../migrate';

// The customer list filtered by a tag (issue 17): the list by name walked every customer in name
// order and looked up each one's tag, about 700 customers read for a first page of 100 when one
// customer in seven has the tag. Each tag row now carries its customer's seq and name, and an index
// (tag, name, seq) gives a tag's customers in the list's order, so a page reads its own rows only.
//
// Tags stay local: sync carries them inside the customer row, and this table is written from it
// (customers/repo.ts replaceTags). Whoever writes a tag row gives the name and seq (NOT NULL makes a
// writer that forgets fail), and a rename reaches the customer's tag rows by trigger, whatever wrote it.
// Tag rows whose customer is not in the books could never be listed, and are not carried over.
export const migration0023: Migration = {
  version: 23,
  name: 'customer tags in name order',
  up: `
    CREATE TABLE customer_tags_new (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      tag TEXT NOT NULL,
      customer_seq INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (tag, customer_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO customer_tags_new (customer_id, tag, customer_seq, name)
      SELECT t.customer_id, t.tag, c.seq, c.name FROM customer_tags t JOIN customers c ON c.id = t.customer_id;
    DROP TABLE customer_tags;
    ALTER TABLE customer_tags_new RENAME TO customer_tags;
    CREATE INDEX customer_tags_by_customer ON customer_tags (customer_id);
    CREATE INDEX customer_tags_by_name ON customer_tags (tag, name COLLATE NOCASE, customer_seq);
    CREATE TRIGGER customer_tags_name AFTER UPDATE OF name ON customers WHEN NEW.name IS NOT OLD.name BEGIN
      UPDATE customer_tags SET name = NEW.name WHERE customer_id = NEW.id;
    END;
  `,
};
