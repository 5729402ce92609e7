import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { addMinutes } from './calendar.ts';
import { emailContext, type AuthContext } from './context.ts';
import { verificationEmail } from './emails.ts';
import {
  consumeLoginToken,
  insertLoginToken,
  latestTokenCreatedAt,
  type CustomerLoginRow,
} from './login-store.ts';
import { newToken, sha256Hex } from './tokens.ts';

export const VERIFICATION_HOURS = 48;
// A customer who keeps trying to sign in before confirming gets a new link at most this often.
const RESEND_AFTER_MINUTES = 10;

export const invalidLink = (language: Language) =>
  new AppError(
    'invalid_token',
    localize(
      {
        pl: 'Link jest nieprawidłowy, został już użyty lub wygasł. Poproś o nowy.',
        en: 'The link is invalid, was already used or has expired. Please request a new one.',
      },
      language,
    ),
  );

/** Stores a new single-use link (its hash) and returns the token for the e-mail. */
export async function issueVerificationToken(db: Kysely<DB>, loginId: number, now: Date): Promise<string> {
  const token = newToken();
  await insertLoginToken(db, {
    loginId,
    purpose: 'verify_email',
    tokenHash: sha256Hex(token),
    expiresAt: addMinutes(now, VERIFICATION_HOURS * 60),
    now,
  });
  return token;
}

export function deliverVerificationEmail(
  context: AuthContext,
  login: Pick<CustomerLoginRow, 'email' | 'language'>,
  token: string,
) {
  context.outbox.deliver(
    {
      to: login.email,
      ...verificationEmail(emailContext(context, login.language), token, VERIFICATION_HOURS),
    },
    'verify-email',
  );
}

export async function sendVerificationLink(
  context: AuthContext,
  login: Pick<CustomerLoginRow, 'id' | 'email' | 'language'>,
  options: { onlyIfNoneRecent: boolean },
): Promise<void> {
  const now = context.now();
  if (options.onlyIfNoneRecent) {
    const latest = await latestTokenCreatedAt(context.db, login.id, 'verify_email');
    if (latest && addMinutes(latest, RESEND_AFTER_MINUTES) > now) return;
  }
  deliverVerificationEmail(context, login, await issueVerificationToken(context.db, login.id, now));
}

/** Confirms the address behind a link; the link works once. */
export async function verifyEmail(context: AuthContext, token: string, language: Language): Promise<void> {
  const now = context.now();
  await context.db.transaction().execute(async (transaction) => {
    const loginId = await consumeLoginToken(transaction, 'verify_email', sha256Hex(token), now);
    if (loginId === undefined) throw invalidLink(language);
    await transaction
      .updateTable('customer_logins')
      .set({ email_verified_at: now })
      .where('id', '=', loginId)
      .where('email_verified_at', 'is', null)
      .execute();
  });
}
