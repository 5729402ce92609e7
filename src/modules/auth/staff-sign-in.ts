import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import type { AuthContext, ClientInfo } from './context.ts';
import { isLocked, recordFailedSignIn, recordSuccessfulSignIn } from './lockout.ts';
import {
  accountDisabled,
  accountLocked,
  adminNeedsTotp,
  invalidCredentials,
  invalidTotpCode,
} from './messages.ts';
import { verifyAgainstDummyHash, verifyPassword } from './passwords.ts';
import { isSealed, openSecret, sealSecret } from './sealed-secret.ts';
import { insertSession } from './session-store.ts';
import { findStaffByEmail, recordStaffTotpStep } from './staff-store.ts';
import { newToken, sha256Hex } from './tokens.ts';
import { verifyTotp } from './totp.ts';

/**
 * Staff sign in with e-mail, password and, when they have an authenticator set up, its code, in one request.
 * Staff accounts live in their own table: no customer credential can open a back-office session.
 */
export async function signInStaff(
  context: AuthContext,
  credentials: { email: string; password: string; totpCode?: string | undefined },
  client: ClientInfo,
  language: Language,
): Promise<{ staffUserId: number; token: string }> {
  const now = context.now();
  const staff = await findStaffByEmail(context.db, credentials.email);
  if (!staff) {
    await verifyAgainstDummyHash(credentials.password);
    throw new AppError('unauthorized', localize(invalidCredentials, language));
  }
  if (isLocked(staff.lockedUntil, now))
    throw new AppError('account_locked', accountLocked(staff.lockedUntil, language));
  const fail = async (message: { pl: string; en: string }): Promise<never> => {
    const lockedUntil = await recordFailedSignIn(context.db, 'staff_users', staff.id, now);
    if (lockedUntil) throw new AppError('account_locked', accountLocked(lockedUntil, language));
    throw new AppError('unauthorized', localize(message, language));
  };
  if (!(await verifyPassword(staff.passwordHash, credentials.password))) await fail(invalidCredentials);
  if (staff.disabledAt !== null) throw new AppError('forbidden', localize(accountDisabled, language));
  // In production an administrator signs in with a second factor or not at all (create-staff gives admins one).
  if (staff.role === 'admin' && staff.totpSecret === null && context.config.environment === 'production') {
    throw new AppError('forbidden', localize(adminNeedsTotp, language));
  }
  if (staff.totpSecret !== null) {
    if (!credentials.totpCode) {
      throw new AppError(
        'totp_required',
        localize(
          {
            pl: 'Podaj kod z aplikacji uwierzytelniającej.',
            en: 'Enter the code from your authenticator app.',
          },
          language,
        ),
      );
    }
    const secret = openSecret(context.config.encryptionKey, staff.totpSecret);
    const timeStep = await verifyTotp(secret, credentials.totpCode, now, staff.totpLastTimeStep);
    if (timeStep === undefined) await fail(invalidTotpCode);
    else {
      // A secret saved before sealing existed is sealed now that its owner has proved to hold it.
      const resealed = isSealed(staff.totpSecret)
        ? undefined
        : sealSecret(context.config.encryptionKey, secret);
      await recordStaffTotpStep(context.db, staff.id, timeStep, resealed);
    }
  }
  const token = newToken();
  await recordSuccessfulSignIn(context.db, 'staff_users', staff.id, now);
  await insertSession(
    context.db,
    { staffUserId: staff.id },
    sha256Hex(token),
    now,
    context.config.sessions,
    client,
  );
  return { staffUserId: staff.id, token };
}
