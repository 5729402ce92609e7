import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../http/language.ts';
import { newToken, sha256Hex } from './tokens.ts';

export interface CustomerLoginRow {
  id: number;
  email: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastTimeStep: number | null;
  language: Language;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

/** E-mail addresses are compared without regard to case, as mail systems do (and the unique index does). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const loginColumns = [
  'id',
  'email',
  'password_hash',
  'email_verified_at',
  'totp_secret',
  'totp_pending_secret',
  'totp_last_time_step',
  'language',
  'locked_until',
  'disabled_at',
] as const;

function toLogin(row: {
  id: number;
  email: string;
  password_hash: string;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_time_step: number | null;
  language: string;
  locked_until: Date | null;
  disabled_at: Date | null;
}): CustomerLoginRow {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    emailVerifiedAt: row.email_verified_at,
    totpSecret: row.totp_secret,
    totpPendingSecret: row.totp_pending_secret,
    totpLastTimeStep: row.totp_last_time_step,
    language: row.language === 'en' ? 'en' : 'pl',
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
  };
}

export async function findLoginByEmail(db: Kysely<DB>, email: string): Promise<CustomerLoginRow | undefined> {
  const row = await db
    .selectFrom('customer_logins')
    .select(loginColumns)
    .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
    .executeTakeFirst();
  return row && toLogin(row);
}

export async function findLoginById(db: Kysely<DB>, id: number): Promise<CustomerLoginRow | undefined> {
  const row = await db
    .selectFrom('customer_logins')
    .select(loginColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLogin(row);
}

export async function insertLogin(
  db: Kysely<DB>,
  values: { email: string; passwordHash: string; language: Language; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('customer_logins')
    .values({
      email: normalizeEmail(values.email),
      password_hash: values.passwordHash,
      language: values.language,
      created_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CustomerAccessEntry {
  customerId: number;
  customerNumber: string;
  role: 'holder' | 'manager';
  name: string;
}

/** The customers a login may act for: the scope every customer query is limited to. */
export async function accessOf(db: Kysely<DB>, loginId: number): Promise<CustomerAccessEntry[]> {
  const rows = await db
    .selectFrom('customer_login_access as access')
    .innerJoin('customers', 'customers.id', 'access.customer_id')
    .select([
      'customers.id',
      'customers.customer_number',
      'customers.kind',
      'customers.first_name',
      'customers.last_name',
      'customers.company_name',
      'access.role',
    ])
    .where('access.login_id', '=', loginId)
    .orderBy('customers.id')
    .execute();
  return rows.map((row) => ({
    customerId: row.id,
    customerNumber: row.customer_number,
    role: row.role === 'manager' ? 'manager' : 'holder',
    name:
      row.kind === 'company'
        ? (row.company_name ?? '')
        : `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim(),
  }));
}

export async function grantAccess(
  db: Kysely<DB>,
  loginId: number,
  customerId: number,
  role: 'holder' | 'manager',
  now: Date,
) {
  await db
    .insertInto('customer_login_access')
    .values({ login_id: loginId, customer_id: customerId, role, granted_at: now })
    .onConflict((conflict) => conflict.columns(['login_id', 'customer_id']).doNothing())
    .execute();
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export async function insertLoginToken(
  db: Kysely<DB>,
  values: {
    loginId: number;
    purpose: TokenPurpose;
    tokenHash: string;
    expiresAt: Date;
    now: Date;
    /** For 'change_email': the address the login moves to once the link is opened. */
    newEmail?: string;
  },
): Promise<void> {
  await db
    .insertInto('login_tokens')
    .values({
      customer_login_id: values.loginId,
      purpose: values.purpose,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
      created_at: values.now,
      new_email: values.newEmail ?? null,
    })
    .execute();
}

/** Marks a link used and returns its login, in one statement: two clicks cannot both succeed. */
export async function consumeLoginToken(
  db: Kysely<DB>,
  purpose: TokenPurpose,
  tokenHash: string,
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .updateTable('login_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('customer_login_id')
    .executeTakeFirst();
  return row?.customer_login_id;
}

/**
 * A new single-use link for the purpose, stored as its hash; the earlier links of that purpose stop working.
 * Both in one transaction, so there is never a moment with two valid links or none.
 */
export async function replaceLoginToken(
  db: Kysely<DB>,
  values: { loginId: number; purpose: TokenPurpose; validMinutes: number; now: Date; newEmail?: string },
): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (transaction) => {
    await retireLoginTokens(transaction, values.loginId, values.purpose, values.now);
    await insertLoginToken(transaction, {
      loginId: values.loginId,
      purpose: values.purpose,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(values.now.getTime() + values.validMinutes * 60_000),
      now: values.now,
      ...(values.newEmail === undefined ? {} : { newEmail: values.newEmail }),
    });
  });
  return token;
}

/** Older links stop working when a new one is sent. */
export async function retireLoginTokens(
  db: Kysely<DB>,
  loginId: number,
  purpose: TokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .updateTable('login_tokens')
    .set({ used_at: now })
    .where('customer_login_id', '=', loginId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export async function latestTokenCreatedAt(
  db: Kysely<DB>,
  loginId: number,
  purpose: TokenPurpose,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom('login_tokens')
    .select((builder) => builder.fn.max('created_at').as('created_at'))
    .where('customer_login_id', '=', loginId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row?.created_at ?? undefined;
}
