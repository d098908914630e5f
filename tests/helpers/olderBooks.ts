// Books as an older Billbook left them: takes a books file written by this version back to the
// schema of `version` by removing whatever later migrations added (tables, columns, indexes,
// triggers, meta keys, rewritten definitions), so an upgrade test keeps working as new migrations are appended.
import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { instantText } from '../../electron/core/db/instant';
import { uuidText } from '../../electron/core/db/uuidKey';

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

const objectsOf = (db: Database.Database): SchemaObject[] =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as SchemaObject[];

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function rewindBooks(dbFile: string, version: number): void {
  // The app's own connection: later migrations call the SQL functions it registers (summary_key).
  const older = openDatabase(':memory:');
  migrate(older, MIGRATIONS.filter((m) => m.version <= version), null, '2000-01-01T00:00:00.000Z');
  const wanted = objectsOf(older);
  const wantedByName = new Map(wanted.map((o) => [o.name, o]));
  const metaKeys = new Set((older.prepare('SELECT key FROM meta').all() as { key: string }[]).map((r) => r.key));

  const db = openDatabase(dbFile);
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const present = objectsOf(db);
    for (const o of present.filter((o) => o.type === 'trigger' || o.type === 'view')) db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS ${quoted(o.name)}`);
    // Invoices' bill-to and tax summary kept as arrays (migration 28, db/invoiceForms.ts) go back to their objects.
    if (version < 28 && columnsOf(db, 'invoices').includes('bill_to')) {
      db.exec('UPDATE invoices SET bill_to = bill_to_text(bill_to), tax_summary = tax_summary_text(tax_summary)');
    }
    for (const o of present.filter((o) => o.type === 'index' && o.sql && wantedByName.get(o.name)?.sql !== o.sql)) db.exec(`DROP INDEX IF EXISTS ${quoted(o.name)}`);
    // Virtual tables first: dropping one drops its shadow tables with it.
    const extraTables = present.filter((o) => o.type === 'table' && !wantedByName.has(o.name));
    for (const o of extraTables.sort((a, b) => Number(b.sql?.startsWith('CREATE VIRTUAL') ?? false) - Number(a.sql?.startsWith('CREATE VIRTUAL') ?? false))) {
      db.exec(`DROP TABLE IF EXISTS ${quoted(o.name)}`);
    }
    // A virtual table made again with other options (migration 15's search index) goes back to the
    // older definition, empty: a contentless index keeps no text to carry over.
    for (const o of wanted.filter((o) => o.type === 'table' && o.sql?.startsWith('CREATE VIRTUAL'))) {
      const presentSql = present.find((p) => p.name === o.name)?.sql;
      if (presentSql === undefined || presentSql === o.sql) continue;
      db.exec(`DROP TABLE IF EXISTS ${quoted(o.name)}`);
      db.exec(o.sql!);
    }
    // Packed values (migration 11, db/pack.ts) go back into their plain column before the packed one goes.
    for (const o of wanted.filter((o) => o.type === 'table' && !o.sql?.startsWith('CREATE VIRTUAL'))) {
      const keep = new Set(columnsOf(older, o.name));
      for (const column of columnsOf(db, o.name).filter((c) => !keep.has(c) && c.endsWith('_packed') && keep.has(c.slice(0, -'_packed'.length)))) {
        const plain = quoted(column.slice(0, -'_packed'.length));
        db.exec(`UPDATE ${quoted(o.name)} SET ${plain} = unpacked(${plain}, ${quoted(column)}) WHERE ${quoted(column)} IS NOT NULL`);
      }
    }
    // History entities and actions kept as numbers, details left out (migration 29, db/historyWords.ts) go back to their text.
    if (/\bentity TEXT NOT NULL\b/.test(wanted.find((o) => o.name === 'audit_log')?.sql ?? '') && /\bentity ANY NOT NULL\b/.test(objectsOf(db).find((o) => o.name === 'audit_log')?.sql ?? '')) {
      db.exec(`UPDATE audit_log SET entity = history_word(entity), action = history_word(action), details = coalesce(details, '{}')`);
    }
    // History ids kept as 16 bytes (migration 18, db/uuidKey.ts) go back to their text.
    if (!/\bsync_id ANY\b/.test(wanted.find((o) => o.name === 'audit_log')?.sql ?? '') && /\bsync_id ANY\b/.test(objectsOf(db).find((o) => o.name === 'audit_log')?.sql ?? '')) {
      db.exec(`UPDATE audit_log SET sync_id = ${uuidText('sync_id')}, entity_id = ${uuidText('entity_id')}`);
    }
    // History times kept as milliseconds and packed sentences (migration 22, db/instant.ts, db/summaryPack.ts) go back to their text.
    if (/\bat TEXT NOT NULL\b/.test(wanted.find((o) => o.name === 'audit_log')?.sql ?? '') && /\bat ANY NOT NULL\b/.test(objectsOf(db).find((o) => o.name === 'audit_log')?.sql ?? '')) {
      db.exec(`UPDATE audit_log SET at = ${instantText('at')}, summary = summary_text(summary)`);
    }
    // Draft version ids kept as 16 bytes (migration 24) go back to their text.
    if (/\binvoice_id TEXT NOT NULL\b/.test(wanted.find((o) => o.name === 'draft_versions')?.sql ?? '') && /\binvoice_id ANY\b/.test(objectsOf(db).find((o) => o.name === 'draft_versions')?.sql ?? '')) {
      db.exec(`UPDATE draft_versions SET sync_id = ${uuidText('sync_id')}, invoice_id = ${uuidText('invoice_id')}`);
    }
    // Lines keyed by their invoice's seq (migration 20) name the invoice by its id again.
    if (/\binvoice_id TEXT NOT NULL\b/.test(wanted.find((o) => o.name === 'invoice_lines')?.sql ?? '') && columnsOf(db, 'invoice_lines').includes('invoice_seq')) {
      db.exec('ALTER TABLE invoice_lines ADD COLUMN invoice_id TEXT');
      db.exec('UPDATE invoice_lines SET invoice_id = (SELECT id FROM invoices WHERE seq = invoice_seq)');
    }
    // A table whose definition changed (columns added, a CHECK rewritten) is written again from the older one.
    const presentSql = new Map(objectsOf(db).map((o) => [o.name, o.sql]));
    for (const o of wanted.filter((o) => o.type === 'table' && o.sql && !o.sql.startsWith('CREATE VIRTUAL') && presentSql.get(o.name) !== o.sql)) {
      if (!presentSql.has(o.name)) continue;
      const keep = new Set(columnsOf(db, o.name));
      const columns = columnsOf(older, o.name).filter((c) => keep.has(c)).map(quoted).join(', ');
      const temporary = quoted(`${o.name}_older`);
      db.exec(o.sql!.replace(/^CREATE TABLE ("[^"]+"|\S+)/, `CREATE TABLE ${temporary}`));
      db.exec(`INSERT INTO ${temporary} (${columns}) SELECT ${columns} FROM ${quoted(o.name)}; DROP TABLE ${quoted(o.name)}; ALTER TABLE ${temporary} RENAME TO ${quoted(o.name)};`);
    }
    const now = new Set(objectsOf(db).map((o) => o.name));
    for (const o of wanted.filter((o) => (o.type === 'index' || o.type === 'trigger' || o.type === 'view') && o.sql && !now.has(o.name))) db.exec(o.sql!);
    for (const { key } of db.prepare('SELECT key FROM meta').all() as { key: string }[]) {
      if (!metaKeys.has(key)) db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    }
  })();
  db.pragma(`user_version = ${version}`);
  db.close();
  older.close();
}
