import { auditAccountEvent } from './account-audit.ts';
import { qrCodeSvg } from './qr-code.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import type { AuthContext } from './context.ts';
import { findLoginById } from './login-store.ts';
import { invalidTotpCode } from './messages.ts';
import { verifyPassword } from './passwords.ts';
import { openSecret, sealSecret } from './sealed-secret.ts';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.ts';

const TOTP_ISSUER = 'iBOK';

async function loginOf(context: AuthContext, loginId: number) {
  const login = await findLoginById(context.db, loginId);
  if (!login) throw new AppError('unauthorized', 'Zaloguj się, aby kontynuować.');
  return login;
}

/** Step one: a new secret for the authenticator app; it takes effect only once a code from it is confirmed. */
export async function startTotpSetup(context: AuthContext, loginId: number, language: Language) {
  const login = await loginOf(context, loginId);
  if (login.totpSecret !== null) {
    throw new AppError(
      'conflict',
      localize(
        {
          pl: 'Logowanie dwuetapowe jest już włączone. Aby zmienić aplikację, najpierw je wyłącz.',
          en: 'Two-step sign-in is already on. To change the app, turn it off first.',
        },
        language,
      ),
    );
  }
  const secret = newTotpSecret();
  await context.db
    .updateTable('customer_logins')
    .set({ totp_pending_secret: sealSecret(context.config.encryptionKey, secret) })
    .where('id', '=', login.id)
    .execute();
  const link = otpauthUrl(secret, login.email, TOTP_ISSUER);
  return { secret, otpauthUrl: link, qrCodeSvg: qrCodeSvg(link) };
}

/** Step two: a correct code proves the app holds the secret; from now on sign-in asks for a code. */
export async function confirmTotpSetup(
  context: AuthContext,
  loginId: number,
  code: string,
  language: Language,
  ip: string,
): Promise<void> {
  const login = await loginOf(context, loginId);
  if (login.totpPendingSecret === null) {
    throw new AppError(
      'conflict',
      localize(
        {
          pl: 'Najpierw rozpocznij konfigurację logowania dwuetapowego.',
          en: 'Start the two-step sign-in setup first.',
        },
        language,
      ),
    );
  }
  const secret = openSecret(context.config.encryptionKey, login.totpPendingSecret);
  const timeStep = await verifyTotp(secret, code, context.now(), null);
  if (timeStep === undefined) {
    throw new AppError('validation_failed', localize(invalidTotpCode, language), {
      code: localize(invalidTotpCode, language),
    });
  }
  await context.db.transaction().execute(async (transaction) => {
    await transaction
      .updateTable('customer_logins')
      .set({
        totp_secret: sealSecret(context.config.encryptionKey, secret),
        totp_pending_secret: null,
        totp_last_time_step: timeStep,
      })
      .where('id', '=', login.id)
      .execute();
    await auditAccountEvent(transaction, 'two_factor_enabled', { loginId: login.id, ip }, context.now());
  });
}

/** Turning the second step off asks for the password: a session left open on a shared computer is not enough. */
export async function disableTotp(
  context: AuthContext,
  loginId: number,
  password: string,
  language: Language,
  ip: string,
): Promise<void> {
  const login = await loginOf(context, loginId);
  if (!(await verifyPassword(login.passwordHash, password))) {
    const message = localize({ pl: 'Nieprawidłowe hasło.', en: 'Incorrect password.' }, language);
    throw new AppError('validation_failed', message, { password: message });
  }
  await context.db.transaction().execute(async (transaction) => {
    await transaction
      .updateTable('customer_logins')
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_time_step: null })
      .where('id', '=', login.id)
      .execute();
    await auditAccountEvent(transaction, 'two_factor_disabled', { loginId: login.id, ip }, context.now());
  });
}
