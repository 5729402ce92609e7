import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Expired counters are swept after this many counted requests of a process. */
const SWEEP_EVERY = 500;

/**
 * The rate limiter's counters in the database (table rate_limit_counters) instead of each process's memory, so
 * that several application processes share one limit. One statement per counted request: an upsert that starts
 * a new window when the old one has passed, timed by the database's clock, which all processes share.
 * Only the sign-in, registration and reset endpoints are limited, so the writes are few.
 */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  let counted = 0;

  async function increment(key: string, timeWindowMs: number): Promise<{ current: number; ttl: number }> {
    const { rows } = await sql<{ hits: number; window_ends_at: Date; now: Date }>`
      insert into rate_limit_counters (key, hits, window_ends_at)
      values (${key}, 1, now() + ${timeWindowMs} * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when rate_limit_counters.window_ends_at <= now() then 1
                    else rate_limit_counters.hits + 1 end,
        window_ends_at = case when rate_limit_counters.window_ends_at <= now() then excluded.window_ends_at
                              else rate_limit_counters.window_ends_at end
      returning hits, window_ends_at, now() as now`.execute(db);
    const row = rows[0];
    if (!row) throw new Error('the rate-limit counter was not written');
    counted += 1;
    if (counted % SWEEP_EVERY === 0) {
      await sql`delete from rate_limit_counters where window_ends_at < now() - interval '1 hour'`.execute(db);
    }
    return {
      current: Number(row.hits),
      ttl: Math.max(0, new Date(row.window_ends_at).getTime() - new Date(row.now).getTime()),
    };
  }

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** Each limited route counts on its own: "POST /api/v1/auth/login|127.0.0.1". */
    private readonly prefix: string;

    constructor(prefix: unknown) {
      // The plugin constructs the store with its options; routes get children with their own prefix.
      this.prefix = typeof prefix === 'string' ? prefix : '';
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      increment(`${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes its merged options, the route's own under routeInfo (its typings call them RouteOptions).
      const { routeInfo } = routeOptions as { routeInfo?: { method?: string | string[]; url?: string } };
      const method = [routeInfo?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore(`${method} ${routeInfo?.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore;
}
