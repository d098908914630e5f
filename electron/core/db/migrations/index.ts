import type { Migration } from '../migrate';
import { migration0001 } from './0001_customers';

/** Numbered, forward-only. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
