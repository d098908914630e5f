import type { Migration } from '../migrate';

export const migration0007: Migration = {
  version: 7,
  name: 'item catalog',
  up: `
    -- The things a business sells. An archived item (deleted_at set) stays on the lines that used
    -- it but is no longer offered; nothing is ever deleted. Prices are in the item's currency,
    -- null when the item has no set price.
    CREATE TABLE items (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      code TEXT NOT NULL DEFAULT '',
      name TEXT NOT NULL,
      unit TEXT NOT NULL DEFAULT '',
      price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
      currency TEXT NOT NULL,
      tax_rate_bp INTEGER CHECK (tax_rate_bp IS NULL OR tax_rate_bp BETWEEN 0 AND 10000),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX items_by_name ON items (name COLLATE NOCASE, seq) WHERE deleted_at IS NULL;
    CREATE INDEX items_by_name_all ON items (name COLLATE NOCASE, seq);
    -- A code names one live item; the service refuses a second (two computers offline may still
    -- give one code twice, which the list shows rather than the books refusing the other's item).
    CREATE INDEX items_code_live ON items (code COLLATE NOCASE) WHERE code <> '' AND deleted_at IS NULL;

    -- Name and code words for search as you type; state is "live" or "archived". Contentless: the
    -- text lives in items.
    CREATE VIRTUAL TABLE item_search USING fts5 (
      name, code, state,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    );

    -- Bumped by every change to an item, whoever makes it (a person, an import, sync later), so the
    -- drafting catalog kept in memory knows when to read the items again.
    INSERT INTO meta (key, value) VALUES ('catalog_version', '0');
    CREATE TRIGGER items_bump_catalog_on_insert AFTER INSERT ON items
      BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'catalog_version'; END;
    CREATE TRIGGER items_bump_catalog_on_update AFTER UPDATE ON items
      BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'catalog_version'; END;

    -- Sync (migration 6): items are master data, merged per field.
    CREATE TRIGGER items_sync_insert AFTER INSERT ON items BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('items', NEW.id, '*') ON CONFLICT DO NOTHING;
    END;
    CREATE TRIGGER items_sync_update AFTER UPDATE ON items BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) SELECT * FROM (
        SELECT 'items', NEW.id, 'code' WHERE OLD.code IS NOT NEW.code
        UNION ALL SELECT 'items', NEW.id, 'name' WHERE OLD.name IS NOT NEW.name
        UNION ALL SELECT 'items', NEW.id, 'unit' WHERE OLD.unit IS NOT NEW.unit
        UNION ALL SELECT 'items', NEW.id, 'price_minor' WHERE OLD.price_minor IS NOT NEW.price_minor
        UNION ALL SELECT 'items', NEW.id, 'currency' WHERE OLD.currency IS NOT NEW.currency
        UNION ALL SELECT 'items', NEW.id, 'tax_rate_bp' WHERE OLD.tax_rate_bp IS NOT NEW.tax_rate_bp
        UNION ALL SELECT 'items', NEW.id, 'deleted_at' WHERE OLD.deleted_at IS NOT NEW.deleted_at
      ) WHERE true ON CONFLICT DO NOTHING;
    END;

    -- The catalog item a line was filled from, for revenue by item; null for lines typed freely.
    ALTER TABLE invoice_lines ADD COLUMN item_id TEXT;
    CREATE INDEX invoice_lines_by_item ON invoice_lines (item_id) WHERE item_id IS NOT NULL;
  `,
};
