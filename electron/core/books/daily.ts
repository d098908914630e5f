// The daily backup: once per business day while the app runs (Settings → Backups), the newest N kept.
import type { BackupKind, BackupView } from '../../../shared/domain/books';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { readSettings } from '../settings/service';
import { copyBooks, lastDailyDate, pruneDaily } from './copies';
import type { BooksFiles } from './open';

/** Makes today's daily backup unless there is one (or daily backups are off); prunes to the number kept. */
export function dailyBackupIfDue(ctx: CoreContext, files: BooksFiles): (BackupView & { kind: BackupKind }) | null {
  const settings = readSettings(ctx).backups;
  if (!settings.daily) return null;
  const today = businessDate(ctx.clock.now());
  if (lastDailyDate(files.backupsDir, (iso) => businessDate(new Date(iso))) === today) {
    pruneDaily(files.backupsDir, settings.keep);
    return null;
  }
  const made = copyBooks(files.dbFile, files.backupsDir, 'daily', ctx.clock.now().toISOString());
  pruneDaily(files.backupsDir, settings.keep);
  return made;
}

/**
 * Checks soon after start, then every `intervalMs` (a day turns over while the app runs in the tray),
 * and prunes when the backup settings change. Returns a stop function.
 */
export function startDailyBackups(ctx: CoreContext, files: BooksFiles, timing: { firstMs: number; intervalMs: number }, log: (message: string, error?: unknown) => void): () => void {
  const tick = () => {
    try {
      dailyBackupIfDue(ctx, files);
    } catch (error) {
      log('The daily backup could not be made; it is tried again later', error);
    }
  };
  const first = setTimeout(tick, timing.firstMs);
  const timer = setInterval(tick, timing.intervalMs);
  first.unref();
  timer.unref();
  // Fewer backups kept takes effect at once; a new one waits for the schedule.
  const stopListening = ctx.events.onAny((event) => {
    if (event !== 'settings.changed') return;
    try {
      pruneDaily(files.backupsDir, readSettings(ctx).backups.keep);
    } catch (error) {
      log('Old daily backups could not be deleted', error);
    }
  });
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    stopListening();
  };
}
