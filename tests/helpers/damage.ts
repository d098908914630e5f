// Real damage to real SQLite files: pages overwritten on disk, as a failing disk or a stray write
// would leave them. No mocks: the app finds it the way it would on a person's machine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Overwrites the last `count` leaf pages of `table` (in key order, so the first rows stay readable)
 * with bytes no b-tree page can hold. The books must be closed; the WAL is folded in first.
 * Returns the damaged page numbers.
 */
export function damageLeafPages(dbFile: string, table: string, count: number): number[] {
  const db = new Database(dbFile);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path").all(table) as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  if (leaves.length <= count) throw new Error(`${table} has ${leaves.length} leaf pages; damaging ${count} would leave none intact`);
  const damaged = leaves.slice(-count);
  const fd = fs.openSync(dbFile, 'r+');
  try {
    for (const page of damaged) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  return damaged;
}

/** A file that was never a database: what another program writing over the books leaves. */
export function writeNotADatabase(file: string): void {
  fs.writeFileSync(file, 'Quarterly plan\n'.repeat(2000));
}

/** A consistent copy, as Billbook's own backups are made. */
export function copyBooks(dbFile: string, to: string): void {
  const db = new Database(dbFile, { readonly: true });
  db.prepare('VACUUM INTO ?').run(to);
  db.close();
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
