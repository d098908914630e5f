// `npm run server`: reads the environment, opens the database, migrates, listens. Nothing else.
import { buildCloudApp } from './app';
import { systemClock } from './clock';
import { configFromEnv } from './config';
import { openCloudDatabase } from './db/connect';
import { migrateCloud } from './db/migrate';
import { CLOUD_MIGRATIONS } from './db/migrations';
import { smtpMailer } from './mail/mailer';
import { loadSecretKey, secretBox } from './secrets/sealed';

const migrateOnly = process.argv.includes('--migrate');

try {
  const config = configFromEnv();
  const database = await openCloudDatabase({ url: config.databaseUrl || null, dataDir: config.dataDir });
  if (config.migrateOnStart || migrateOnly) {
    const { from, to } = await migrateCloud(database.db, CLOUD_MIGRATIONS);
    if (to !== from) console.log(`Database migrated from version ${from} to ${to}.`);
  }
  if (migrateOnly) {
    await database.close();
    process.exit(0);
  }
  const secrets = secretBox(loadSecretKey(process.env.CLOUD_SECRET_KEY, config.databaseUrl ? null : config.dataDir));
  const cloud = await buildCloudApp({
    database, config, clock: systemClock, secrets, logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    mailer: smtpMailer(config.smtp, (message) => console.log(message)),
  });
  const address = await cloud.app.listen({ host: config.host, port: config.port });
  console.log(`Billbook Cloud is listening on ${address} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing the requests under way, then stopping.`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
