import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMinutes } from './calendar.ts';

/** After this many wrong passwords or codes in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

type AccountTable = 'customer_logins' | 'staff_users';

/**
 * Counts a failed sign-in in one statement (concurrent guesses cannot slip past the limit) and returns the
 * lock's end when this failure locked the account (the count is back at 0 only then). Locking restarts the
 * count, so after the lock ends the owner again has the full number of attempts.
 */
export async function recordFailedSignIn(
  db: Kysely<DB>,
  table: AccountTable,
  id: number,
  now: Date,
): Promise<Date | undefined> {
  const lockEnd = addMinutes(now, LOCK_MINUTES);
  const result = await sql<{ locked: boolean }>`
    update ${sql.table(table)}
    set failed_login_count = case when failed_login_count + 1 >= ${MAX_FAILED_SIGN_INS} then 0 else failed_login_count + 1 end,
        locked_until = case when failed_login_count + 1 >= ${MAX_FAILED_SIGN_INS} then ${lockEnd} else locked_until end
    where id = ${id}
    returning failed_login_count = 0 as locked`.execute(db);
  return result.rows[0]?.locked ? lockEnd : undefined;
}

export async function recordSuccessfulSignIn(
  db: Kysely<DB>,
  table: AccountTable,
  id: number,
  now: Date,
): Promise<void> {
  await sql`
    update ${sql.table(table)} set failed_login_count = 0, locked_until = null, last_login_at = ${now}
    where id = ${id}`.execute(db);
}

export function isLocked(lockedUntil: Date | null, now: Date): lockedUntil is Date {
  return lockedUntil !== null && lockedUntil > now;
}
