import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { addMinutes } from './calendar.ts';
import type { AuthContext, ClientInfo } from './context.ts';
import { sendVerificationLink } from './email-verification.ts';
import { isLocked, recordFailedSignIn, recordSuccessfulSignIn } from './lockout.ts';
import { findLoginByEmail, findLoginById, type CustomerLoginRow } from './login-store.ts';
import { accountDisabled, accountLocked, invalidCredentials, invalidTotpCode } from './messages.ts';
import { verifyAgainstDummyHash, verifyPassword } from './passwords.ts';
import { isSealed, openSecret, sealSecret } from './sealed-secret.ts';
import { insertSession } from './session-store.ts';
import { newToken, safeEqual, sha256Hex, signature } from './tokens.ts';
import { verifyTotp } from './totp.ts';

/** How long the password step stays valid while the customer opens the authenticator app. */
export const PENDING_SIGN_IN_MINUTES = 5;

export type PasswordStep =
  { kind: 'signed_in'; loginId: number } | { kind: 'totp_required'; pending: string };

/** Step one: e-mail and password. Unknown address and wrong password give the same answer. */
export async function checkCustomerPassword(
  context: AuthContext,
  credentials: { email: string; password: string },
  language: Language,
): Promise<PasswordStep> {
  const now = context.now();
  const login = await findLoginByEmail(context.db, credentials.email);
  if (!login) {
    await verifyAgainstDummyHash(credentials.password);
    throw new AppError('unauthorized', localize(invalidCredentials, language));
  }
  if (isLocked(login.lockedUntil, now))
    throw new AppError('account_locked', accountLocked(login.lockedUntil, language));
  if (!(await verifyPassword(login.passwordHash, credentials.password))) {
    await failSignIn(context, login.id, now, invalidCredentials, language);
  }
  if (login.disabledAt !== null) throw new AppError('forbidden', localize(accountDisabled, language));
  if (login.emailVerifiedAt === null) {
    await sendVerificationLink(context, login, { onlyIfNoneRecent: true });
    throw new AppError(
      'email_not_verified',
      localize(
        {
          pl: 'Adres e-mail nie został jeszcze potwierdzony. Wysłaliśmy link potwierdzający — sprawdź skrzynkę (także folder spam).',
          en: 'The e-mail address is not confirmed yet. We sent a confirmation link; please check your mailbox (and the spam folder).',
        },
        language,
      ),
    );
  }
  if (login.totpSecret !== null)
    return { kind: 'totp_required', pending: pendingSignIn(context, login.id, now) };
  return { kind: 'signed_in', loginId: login.id };
}

/** Step two, when two-factor sign-in is on: the code from the authenticator app. */
export async function checkCustomerTotp(
  context: AuthContext,
  pending: string | undefined,
  code: string,
  language: Language,
): Promise<number> {
  const now = context.now();
  const loginId = pending === undefined ? undefined : pendingLoginId(context, pending, now);
  const login = loginId === undefined ? undefined : await findLoginById(context.db, loginId);
  if (!login || login.totpSecret === null) {
    throw new AppError(
      'unauthorized',
      localize(
        {
          pl: 'Logowanie wygasło. Podaj ponownie e-mail i hasło.',
          en: 'The sign-in expired. Enter your e-mail and password again.',
        },
        language,
      ),
    );
  }
  if (isLocked(login.lockedUntil, now))
    throw new AppError('account_locked', accountLocked(login.lockedUntil, language));
  const secret = openSecret(context.config.encryptionKey, login.totpSecret);
  const timeStep = await verifyTotp(secret, code, now, login.totpLastTimeStep);
  if (timeStep === undefined) await failSignIn(context, login.id, now, invalidTotpCode, language);
  else
    await context.db
      .updateTable('customer_logins')
      .set({
        totp_last_time_step: timeStep,
        // A secret saved before sealing existed is sealed now that its owner has proved to hold it.
        ...(isSealed(login.totpSecret)
          ? {}
          : { totp_secret: sealSecret(context.config.encryptionKey, secret) }),
      })
      .where('id', '=', login.id)
      .execute();
  return login.id;
}

async function failSignIn(
  context: AuthContext,
  loginId: number,
  now: Date,
  message: { pl: string; en: string },
  language: Language,
): Promise<never> {
  const lockedUntil = await recordFailedSignIn(context.db, 'customer_logins', loginId, now);
  if (lockedUntil) throw new AppError('account_locked', accountLocked(lockedUntil, language));
  throw new AppError('unauthorized', localize(message, language));
}

/** Opens the session after all steps passed; returns the cookie's token (only its hash is stored). */
export async function openCustomerSession(
  context: AuthContext,
  login: Pick<CustomerLoginRow, 'id'>,
  client: ClientInfo,
): Promise<string> {
  const now = context.now();
  const token = newToken();
  await recordSuccessfulSignIn(context.db, 'customer_logins', login.id, now);
  await insertSession(
    context.db,
    { customerLoginId: login.id },
    sha256Hex(token),
    now,
    context.config.sessions,
    client,
  );
  return token;
}

// The pending step is a signed note (login id and expiry), not a session: it opens nothing by itself.
function pendingSignIn(context: AuthContext, loginId: number, now: Date): string {
  const payload = `${loginId}.${addMinutes(now, PENDING_SIGN_IN_MINUTES).getTime()}`;
  return `${payload}.${signature(context.config.sessionSecret, 'sign-in-pending', payload)}`;
}

function pendingLoginId(context: AuthContext, pending: string, now: Date): number | undefined {
  const match = /^(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(pending);
  if (!match) return undefined;
  const [, loginId, expiresAt, presented] = match;
  const expected = signature(context.config.sessionSecret, 'sign-in-pending', `${loginId}.${expiresAt}`);
  if (!safeEqual(expected, presented!) || Number(expiresAt) <= now.getTime()) return undefined;
  return Number(loginId);
}
