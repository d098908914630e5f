// Fixed-window counters kept in the database, so every instance behind the proxy counts together.
import { sql } from 'kysely';
import { AppError } from '../../shared/errors';
import type { CloudContext } from '../context';

/** Counts one hit on `bucket`; refuses with 429 once `limit` hits fall in one window. */
export async function hit(ctx: Pick<CloudContext, 'db' | 'clock'>, bucket: string, limit: number, windowMs: number, what: string): Promise<void> {
  const now = ctx.clock.now();
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const { rows } = await sql<{ hits: number }>`
    INSERT INTO rate_limits (bucket, window_start, hits) VALUES (${bucket}, ${windowStart}, 1)
    ON CONFLICT (bucket) DO UPDATE SET
      hits = CASE WHEN rate_limits.window_start = EXCLUDED.window_start THEN rate_limits.hits + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
    RETURNING hits`.execute(ctx.db);
  if ((rows[0]?.hits ?? 0) > limit) {
    const seconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new AppError('rate_limited', `Too many ${what} from here. Wait ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`} and try again.`);
  }
}
