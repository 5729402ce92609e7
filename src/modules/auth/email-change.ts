import { sql } from 'kysely';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { auditAccountEvent } from './account-audit.ts';
import { emailContext, type AuthContext } from './context.ts';
import { invalidLink } from './email-verification.ts';
import {
  emailChangedEmail,
  emailChangeRequestedEmail,
  emailChangeTakenEmail,
  confirmEmailChangeEmail,
} from './emails.ts';
import { findLoginByEmail, findLoginById, normalizeEmail, replaceLoginToken } from './login-store.ts';
import { verifyPassword } from './passwords.ts';
import { sha256Hex } from './tokens.ts';

/*
 * Changing the sign-in address: the password confirms it is the owner asking, a link sent to the new address
 * proves it can receive mail, and the old address is told both when the change is asked for and when it is made
 * (the usual sign of a taken-over account). An address that already has an account gets a notice instead of a
 * link, and the answer is the same, so the form cannot be used to learn who has an account.
 */

/** How long the link sent to the new address works. */
export const EMAIL_CHANGE_HOURS = 24;

const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', message, { [field]: message });

export async function requestEmailChange(
  context: AuthContext,
  loginId: number,
  request: { newEmail: string; password: string },
  language: Language,
  ip: string,
): Promise<void> {
  const login = await findLoginById(context.db, loginId);
  if (!login)
    throw new AppError(
      'unauthorized',
      localize({ pl: 'Zaloguj się, aby kontynuować.', en: 'Please sign in.' }, language),
    );
  if (!(await verifyPassword(login.passwordHash, request.password))) {
    throw fieldError(
      'password',
      localize({ pl: 'Nieprawidłowe hasło.', en: 'Incorrect password.' }, language),
    );
  }
  const newEmail = normalizeEmail(request.newEmail);
  if (newEmail === normalizeEmail(login.email)) {
    throw fieldError(
      'newEmail',
      localize(
        { pl: 'To już jest adres Twojego konta.', en: 'This is already the address of your account.' },
        language,
      ),
    );
  }
  const mailContext = emailContext(context, login.language);
  if (await findLoginByEmail(context.db, newEmail)) {
    context.outbox.deliver({ to: newEmail, ...emailChangeTakenEmail(mailContext) }, 'email-change-taken');
    return;
  }
  // Only the latest link works: asking again for another address cancels the earlier request.
  const now = context.now();
  const token = await replaceLoginToken(context.db, {
    loginId: login.id,
    purpose: 'change_email',
    validMinutes: EMAIL_CHANGE_HOURS * 60,
    now,
    newEmail,
  });
  await auditAccountEvent(context.db, 'email_change_requested', { loginId: login.id, ip }, now);
  context.outbox.deliver(
    { to: newEmail, ...confirmEmailChangeEmail(mailContext, token, EMAIL_CHANGE_HOURS) },
    'email-change-confirm',
  );
  context.outbox.deliver(
    { to: login.email, ...emailChangeRequestedEmail(mailContext, newEmail) },
    'email-change-requested',
  );
}

/** Opens the link: the login's address becomes the new one (confirmed by this very link). Works once. */
export async function confirmEmailChange(
  context: AuthContext,
  token: string,
  language: Language,
  ip: string,
): Promise<{ email: string }> {
  const now = context.now();
  const changed = await context.db.transaction().execute(async (transaction) => {
    const used = await transaction
      .updateTable('login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', sha256Hex(token))
      .where('purpose', '=', 'change_email')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['customer_login_id', 'new_email'])
      .executeTakeFirst();
    if (!used?.new_email) throw invalidLink(language);
    const newEmail = used.new_email;
    const taken = await transaction
      .selectFrom('customer_logins')
      .select('id')
      .where(sql<string>`lower(email)`, '=', newEmail)
      .where('id', '!=', used.customer_login_id)
      .executeTakeFirst();
    if (taken) {
      // Someone registered the address between the request and the click; the unique index would refuse too.
      throw new AppError(
        'conflict',
        localize(
          {
            pl: 'Ten adres e-mail ma już konto w iBOK. Adres logowania nie został zmieniony.',
            en: 'This e-mail address already has an iBOK account. The sign-in address was not changed.',
          },
          language,
        ),
      );
    }
    const before = await transaction
      .selectFrom('customer_logins')
      .select(['email', 'language'])
      .where('id', '=', used.customer_login_id)
      .executeTakeFirstOrThrow();
    await transaction
      .updateTable('customer_logins')
      .set({ email: newEmail, email_verified_at: now })
      .where('id', '=', used.customer_login_id)
      .execute();
    await auditAccountEvent(transaction, 'email_changed', { loginId: used.customer_login_id, ip }, now);
    return {
      oldEmail: before.email,
      newEmail,
      language: before.language === 'en' ? ('en' as const) : ('pl' as const),
    };
  });
  context.outbox.deliver(
    { to: changed.oldEmail, ...emailChangedEmail(emailContext(context, changed.language), changed.newEmail) },
    'email-changed',
  );
  return { email: changed.newEmail };
}
