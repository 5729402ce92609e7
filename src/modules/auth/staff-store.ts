import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeEmail } from './login-store.ts';

export const staffRoles = ['read_only', 'operator', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const isStaffRole = (value: string): value is StaffRole =>
  (staffRoles as readonly string[]).includes(value);

/** Roles are ordered: each includes what the ones before it may do. */
export const roleRank = (role: StaffRole): number => staffRoles.indexOf(role);

export interface StaffUserRow {
  id: number;
  email: string;
  fullName: string;
  passwordHash: string;
  role: StaffRole;
  totpSecret: string | null;
  totpLastTimeStep: number | null;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

const columns = [
  'id',
  'email',
  'full_name',
  'password_hash',
  'role',
  'totp_secret',
  'totp_last_time_step',
  'locked_until',
  'disabled_at',
] as const;

function toStaffUser(row: {
  id: number;
  email: string;
  full_name: string;
  password_hash: string;
  role: string;
  totp_secret: string | null;
  totp_last_time_step: number | null;
  locked_until: Date | null;
  disabled_at: Date | null;
}): StaffUserRow {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    passwordHash: row.password_hash,
    // The table's check constraint allows only these; anything else gets the least power.
    role: isStaffRole(row.role) ? row.role : 'read_only',
    totpSecret: row.totp_secret,
    totpLastTimeStep: row.totp_last_time_step,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
  };
}

export async function findStaffByEmail(db: Kysely<DB>, email: string): Promise<StaffUserRow | undefined> {
  const row = await db
    .selectFrom('staff_users')
    .select(columns)
    .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
    .executeTakeFirst();
  return row && toStaffUser(row);
}

export async function findStaffById(db: Kysely<DB>, id: number): Promise<StaffUserRow | undefined> {
  const row = await db.selectFrom('staff_users').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toStaffUser(row);
}

export async function insertStaffUser(
  db: Kysely<DB>,
  values: { email: string; fullName: string; passwordHash: string; role: StaffRole; totpSecret?: string },
): Promise<number> {
  const row = await db
    .insertInto('staff_users')
    .values({
      email: normalizeEmail(values.email),
      full_name: values.fullName,
      password_hash: values.passwordHash,
      role: values.role,
      totp_secret: values.totpSecret ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function recordStaffTotpStep(
  db: Kysely<DB>,
  id: number,
  timeStep: number,
  sealedSecret?: string,
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ totp_last_time_step: timeStep, ...(sealedSecret ? { totp_secret: sealedSecret } : {}) })
    .where('id', '=', id)
    .execute();
}
