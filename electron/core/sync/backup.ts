// A copy of the books taken before sync replaces or removes them, beside the other backups.
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../context';
import { createOwnerOnlyFile, ownerOnlyDir } from '../db/files';

export function backupBooks(ctx: CoreContext, dataDir: string, reason: string): string {
  const dir = path.join(dataDir, 'backups');
  ownerOnlyDir(dir);
  const file = path.join(dir, `billbook-${reason}-${ctx.clock.now().toISOString().replace(/[:.]/g, '-')}.db`);
  // VACUUM INTO fills an empty file and keeps its mode: made owner-only first.
  if (fs.existsSync(file)) fs.rmSync(file);
  createOwnerOnlyFile(file);
  ctx.sql.prepare('VACUUM INTO ?').run(file);
  return file;
}
