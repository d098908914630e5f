import type { CloudMigration } from '../migrate';
import { migration0001 } from './0001_accounts';
import { migration0002 } from './0002_sync';
import { migration0003 } from './0003_payments';

export const CLOUD_MIGRATIONS: readonly CloudMigration[] = [migration0001, migration0002, migration0003];
