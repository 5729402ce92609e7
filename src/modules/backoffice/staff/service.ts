import { randomBytes } from 'node:crypto';

import { normalizeEmail } from '../../auth/login-store.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { insertStaffUser, type StaffRole } from '../../auth/staff-store.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { conflictError, notFoundError, notFoundText, refusedAsConflict } from '../shared/errors.ts';

function presentStaff(
  row: {
    id: number;
    email: string;
    full_name: string;
    role: string;
    totp_secret: string | null;
    disabled_at: Date | null;
    locked_until: Date | null;
    last_login_at: Date | null;
    created_at: Date;
  },
  now: Date,
) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role as StaffRole,
    twoFactor: row.totp_secret !== null,
    disabled: row.disabled_at !== null,
    locked: row.locked_until !== null && row.locked_until > now,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

const columns = [
  'id',
  'email',
  'full_name',
  'role',
  'totp_secret',
  'disabled_at',
  'locked_until',
  'last_login_at',
  'created_at',
] as const;

export async function listStaff(db: Executor, now: Date) {
  const rows = await db
    .selectFrom('staff_users')
    .select(columns)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  return { items: rows.map((row) => presentStaff(row, now)) };
}

/**
 * Creates a back-office account with a generated password, shown once in the answer for the admin to hand over;
 * only its hash is stored. Admin accounts must then set up their authenticator (enforced at sign-in).
 */
export async function createStaff(
  context: StaffContext,
  input: { email: string; fullName: string; role: StaffRole },
) {
  const { database, actor, now, language } = context;
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const id = await insertStaffUser(trx, {
          email: input.email,
          fullName: input.fullName,
          passwordHash,
          role: input.role,
        });
        await writeAudit(
          trx,
          actor,
          {
            action: 'staff_user.created',
            entity: 'staff_user',
            entityId: id,
            after: { email: normalizeEmail(input.email), fullName: input.fullName, role: input.role },
          },
          now,
        );
        const row = await trx
          .selectFrom('staff_users')
          .select(columns)
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return { user: presentStaff(row, now), temporaryPassword: password };
      }),
    (code) =>
      code === '23505'
        ? {
            pl: 'Pracownik z tym adresem e-mail już istnieje.',
            en: 'A staff member with this e-mail already exists.',
          }
        : undefined,
    language,
  );
}

/** Changes a colleague's role, name or access; disabling ends their sessions at once. Nobody changes their own role or access. */
export async function updateStaff(
  context: StaffContext,
  staffUserId: number,
  input: { role?: StaffRole | undefined; fullName?: string | undefined; disabled?: boolean | undefined },
) {
  const { database, actor, now, language } = context;
  if (staffUserId === actor.staffUserId && (input.role !== undefined || input.disabled !== undefined)) {
    throw conflictError(
      {
        pl: 'Nie można zmienić własnej roli ani zablokować własnego konta.',
        en: 'You cannot change your own role or disable your own account.',
      },
      language,
    );
  }
  return database.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('staff_users')
      .select(columns)
      .where('id', '=', staffUserId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFoundError(notFoundText.staffUser, language);
    const change = {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
      ...(input.disabled !== undefined && input.disabled !== (current.disabled_at !== null)
        ? { disabled_at: input.disabled ? now : null }
        : {}),
    };
    const difference = changedFields(
      { role: current.role, full_name: current.full_name, disabled_at: current.disabled_at },
      change,
    );
    if (!difference) return presentStaff(current, now);
    const row = await trx
      .updateTable('staff_users')
      .set(change)
      .where('id', '=', staffUserId)
      .returning(columns)
      .executeTakeFirstOrThrow();
    if (input.disabled === true || input.role !== undefined) {
      // A new role or a disabled account takes effect now, not when the old session expires.
      await trx
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('staff_user_id', '=', staffUserId)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await writeAudit(
      trx,
      actor,
      { action: 'staff_user.updated', entity: 'staff_user', entityId: staffUserId, ...difference },
      now,
    );
    return presentStaff(row, now);
  });
}
