import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Counts failures per key (e.g. a customer number) within a window, in the database table the per-IP limits use
 * (rate_limit_counters), so every application process sees the same count. Complements the per-IP rate limit:
 * guessing one customer's activation code from many addresses is slowed down as well. The window starts at the
 * first failure; times come from the application's clock, which tests control.
 */
export class AttemptLimiter {
  constructor(
    private readonly db: Kysely<DB>,
    /** Names this limiter's keys in the shared table, e.g. "registration". */
    private readonly name: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  async isBlocked(key: string, now: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('rate_limit_counters')
      .select('hits')
      .where('key', '=', this.keyOf(key))
      .where('window_ends_at', '>', now)
      .executeTakeFirst();
    return (row?.hits ?? 0) >= this.maxFailures;
  }

  async recordFailure(key: string, now: Date): Promise<void> {
    const windowEnds = new Date(now.getTime() + this.windowMs);
    await sql`
      insert into rate_limit_counters (key, hits, window_ends_at)
      values (${this.keyOf(key)}, 1, ${windowEnds})
      on conflict (key) do update set
        hits = case when rate_limit_counters.window_ends_at <= ${now} then 1
                    else rate_limit_counters.hits + 1 end,
        window_ends_at = case when rate_limit_counters.window_ends_at <= ${now} then excluded.window_ends_at
                              else rate_limit_counters.window_ends_at end`.execute(this.db);
  }

  private keyOf(key: string): string {
    return `${this.name}|${key}`;
  }
}
