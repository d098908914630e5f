import { openCloudDatabase } from '../../server/db/connect';
import { migrateCloud } from '../../server/db/migrate';
import { CLOUD_MIGRATIONS } from '../../server/db/migrations';

/** An embedded database folder with every migration applied: starting PGlite from nothing takes seconds. */
export async function makePgliteTemplate(dir: string): Promise<void> {
  const database = await openCloudDatabase({ url: null, dataDir: dir });
  await migrateCloud(database.db, CLOUD_MIGRATIONS);
  await database.close();
}
