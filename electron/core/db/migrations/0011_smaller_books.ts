import type { Migration } from '../migrate';

// Smaller books (issue 17). The outbox's arguments and saved draft versions are stored packed
// (db/pack.ts) in BLOB columns beside the TEXT ones, which a packed row leaves ''; rows written
// before stay as they were and read the same (unpacked(text, packed) in SQL).
export const migration0011: Migration = {
  version: 11,
  name: 'smaller books',
  up: `
    ALTER TABLE changes ADD COLUMN args_packed BLOB;
    ALTER TABLE draft_versions ADD COLUMN content_packed BLOB;
  `,
};
