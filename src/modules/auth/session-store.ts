import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMinutes } from './calendar.ts';

export type SessionOwner = { customerLoginId: number } | { staffUserId: number };

export interface SessionLifetime {
  idleMinutes: number;
  maxHours: number;
}

export interface ActiveSession {
  id: number;
  customerLoginId: number | null;
  staffUserId: number | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A session ends after the idle time, and never later than the maximum lifetime counted from sign-in. */
function expiryAt(createdAt: Date, lastSeenAt: Date, lifetime: SessionLifetime): Date {
  const idleEnd = addMinutes(lastSeenAt, lifetime.idleMinutes);
  const hardEnd = addMinutes(createdAt, lifetime.maxHours * 60);
  return idleEnd < hardEnd ? idleEnd : hardEnd;
}

export async function insertSession(
  db: Kysely<DB>,
  owner: SessionOwner,
  tokenHash: string,
  now: Date,
  lifetime: SessionLifetime,
  client: { ip: string; userAgent: string | undefined },
): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash,
      customer_login_id: 'customerLoginId' in owner ? owner.customerLoginId : null,
      staff_user_id: 'staffUserId' in owner ? owner.staffUserId : null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiryAt(now, now, lifetime),
      ip: client.ip,
      // Bounded: the header is the caller's to choose.
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findActiveSession(
  db: Kysely<DB>,
  tokenHash: string,
  now: Date,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'customer_login_id', 'staff_user_id', 'created_at', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    customerLoginId: row.customer_login_id,
    staffUserId: row.staff_user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Slides the idle expiry forward. Written at most once a minute per session, so a page that fires many
 * requests does not turn every read into a write.
 */
export async function touchSession(
  db: Kysely<DB>,
  session: ActiveSession,
  now: Date,
  lifetime: SessionLifetime,
): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiryAt(session.createdAt, now, lifetime) })
    .where('id', '=', session.id)
    .execute();
}

export async function revokeSession(db: Kysely<DB>, sessionId: number, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsOfCustomerLogin(
  db: Kysely<DB>,
  loginId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('customer_login_id', '=', loginId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsOfStaffUser(
  db: Kysely<DB>,
  staffUserId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('staff_user_id', '=', staffUserId)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface SessionListing {
  id: number;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function listCustomerSessions(
  db: Kysely<DB>,
  loginId: number,
  now: Date,
): Promise<SessionListing[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('customer_login_id', '=', loginId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
  }));
}

/** Revokes one of the login's own sessions; another login's session id matches nothing (false). */
export async function revokeCustomerSession(
  db: Kysely<DB>,
  loginId: number,
  sessionId: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('customer_login_id', '=', loginId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Signing in again from the same browser ends the session its old cookie still named. */
export async function revokeSessionByTokenHash(db: Kysely<DB>, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}
