import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { auditAccountEvent } from './account-audit.ts';
import { emailContext, type AuthContext } from './context.ts';
import { passwordChangedEmail, passwordResetEmail } from './emails.ts';
import { invalidLink } from './email-verification.ts';
import { consumeLoginToken, findLoginByEmail, findLoginById, replaceLoginToken } from './login-store.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import { revokeSessionsOfCustomerLogin } from './session-store.ts';
import { sha256Hex } from './tokens.ts';

export const RESET_MINUTES = 60;

/** Sends a reset link when the address has a login; the caller answers the same either way. */
export async function requestPasswordReset(context: AuthContext, email: string): Promise<void> {
  const now = context.now();
  const login = await findLoginByEmail(context.db, email);
  if (!login || login.disabledAt !== null) return;
  const token = await replaceLoginToken(context.db, {
    loginId: login.id,
    purpose: 'reset_password',
    validMinutes: RESET_MINUTES,
    now,
  });
  context.outbox.deliver(
    { to: login.email, ...passwordResetEmail(emailContext(context, login.language), token, RESET_MINUTES) },
    'reset-password',
  );
}

/**
 * Sets the new password, signs out every session (whoever knew the old password is out) and lifts a lock.
 * The link reached the mailbox, so it also confirms the address.
 */
export async function confirmPasswordReset(
  context: AuthContext,
  input: { token: string; password: string },
  language: Language,
  ip: string,
): Promise<void> {
  const now = context.now();
  const tokenHash = sha256Hex(input.token);
  const owner = await context.db
    .selectFrom('login_tokens')
    .innerJoin('customer_logins', 'customer_logins.id', 'login_tokens.customer_login_id')
    .select(['customer_logins.email'])
    .where('login_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  const problem = passwordProblem(input.password, owner?.email);
  if (problem)
    throw new AppError('validation_failed', localize(problem, language), {
      password: localize(problem, language),
    });
  const passwordHash = await hashPassword(input.password);
  const loginId = await context.db.transaction().execute(async (transaction) => {
    const consumed = await consumeLoginToken(transaction, 'reset_password', tokenHash, now);
    if (consumed === undefined) throw invalidLink(language);
    await transaction
      .updateTable('customer_logins')
      .set({ password_hash: passwordHash, failed_login_count: 0, locked_until: null })
      .where('id', '=', consumed)
      .execute();
    await transaction
      .updateTable('customer_logins')
      .set({ email_verified_at: now })
      .where('id', '=', consumed)
      .where('email_verified_at', 'is', null)
      .execute();
    await revokeSessionsOfCustomerLogin(transaction, consumed, now);
    await auditAccountEvent(transaction, 'password_reset', { loginId: consumed, ip }, now);
    return consumed;
  });
  const login = await findLoginById(context.db, loginId);
  if (login) {
    context.outbox.deliver(
      { to: login.email, ...passwordChangedEmail(emailContext(context, login.language)) },
      'password-changed',
    );
  }
}
