import type { CloudMigration } from '../migrate';
import { migration0001 } from './0001_accounts';

export const CLOUD_MIGRATIONS: readonly CloudMigration[] = [migration0001];
