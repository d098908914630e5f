import { z } from 'zod';

export const idSchema = z.uuid({ error: 'Not a valid id' });

/** Paging for lists: rows from `offset`, at most `limit`. */
export const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
