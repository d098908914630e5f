// Run by tsx before a host starts (the core does not load in Playwright's own module loader):
// fills a data folder with books Billbook made, a backup of them, and real damage.
//   tsx tests/e2e/seed/damagedBooks.ts <dataDir> <backupFileName>
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../../electron/core/app';
import { fixedClock } from '../../../electron/core/clock';
import { copyBooks, damageLeafPages } from '../../helpers/damage';

async function addCustomers(dataDir: string, names: string[]): Promise<void> {
  const core = createCore({ dataDir, clock: fixedClock('2026-10-01T09:00:00.000Z'), log: () => undefined, jobs: { autoStart: false }, pdfWorkers: 0, reminderScanMs: 0 });
  for (const name of names) {
    const envelope = await core.api['customers.create']({ name });
    if (!envelope.ok) throw new Error(envelope.error.message);
  }
  core.close();
}

const [dataDir, backupName] = process.argv.slice(2);
if (!dataDir || !backupName) throw new Error('usage: damagedBooks.ts <dataDir> <backupFileName>');
// 150 customers, a backup of them, one customer more, then four leaf pages of customers damaged.
await addCustomers(dataDir, Array.from({ length: 150 }, (_, i) => `Customer ${String(i).padStart(3, '0')} ${'x'.repeat(100)}`));
fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
copyBooks(path.join(dataDir, 'billbook.db'), path.join(dataDir, 'backups', backupName));
await addCustomers(dataDir, ['After The Backup Ltd']);
damageLeafPages(path.join(dataDir, 'billbook.db'), 'customers', 4);
