// The sync API's shapes (server/PROTOCOL.md): the Cloud parses pushes and claims with these schemas;
// the desktop reads the answers by these types.
import { z } from 'zod';
import { SYNCED_TABLE_NAMES, type SyncRow } from './tables';
import type { Refusal } from './merge';

/** An HLC stamp: ISO time, a 4-hex counter, the device id. Sorts as text in causal order. */
export const stampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[\w-]{1,64}$/, 'Not a clock stamp');

const scalar = z.union([z.string().max(2_000_000), z.number().finite(), z.null()]);
const line = z.record(z.string().max(64), scalar);
const value = z.union([scalar, z.array(line).max(2_000)]);

export const syncRowSchema = z.object({
  table: z.enum(SYNCED_TABLE_NAMES),
  id: z.string().min(1).max(100),
  data: z.record(z.string().max(64), value),
  stamps: z.record(z.string().max(64), stampSchema).refine((s) => Object.keys(s).length > 0, 'A row needs at least one stamp'),
});

export const mutationSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(80),
  stamp: stampSchema,
  rows: z.array(syncRowSchema).max(5_000),
});

export const MAX_PUSH_MUTATIONS = 1_000;

export const pushSchema = z.object({
  schemaVersion: z.number().int().min(0),
  clientTime: z.iso.datetime().optional(),
  mutations: z.array(mutationSchema).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.output<typeof pushSchema>;
export type PushMutation = z.output<typeof mutationSchema>;

export interface PushRefusal extends Refusal {
  id: number;
  /** The Cloud's rows as they stand, for the device to put back in place of its own. */
  rows: SyncRow[];
}

export interface PushAnswer {
  lastMutationId: number;
  refused: PushRefusal[];
  /** Mutations whose stamps the Cloud moved back to its own time (a clock far ahead). */
  restamped: { id: number; from: string; to: string }[];
  /** How far ahead of the Cloud this device's clock is (0 when within bounds). */
  clockSkewMs: number;
  version: number;
}

export interface PulledRow extends SyncRow {
  version: number;
}

export interface PullAnswer {
  rows: PulledRow[];
  cursor: number;
  more: boolean;
  /** The newest version the organisation has, so a device can tell how much is left to fetch. */
  version: number;
  lastMutationId: number;
}

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5_000).default(2_000),
});

export const claimsSchema = z.object({ keys: z.array(z.string().min(1).max(200)).min(1).max(500) });
export interface ClaimsAnswer {
  /** Keys this device holds now (claimed now or before). */
  granted: string[];
  /** Keys another device claimed first. */
  taken: string[];
}

/** The oldest desktop schema the Cloud takes pushes from. */
export const MIN_SCHEMA_VERSION = 6;
/** How far ahead of the Cloud's clock a stamp may be before it is brought back. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
