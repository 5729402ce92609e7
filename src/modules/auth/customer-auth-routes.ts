import type { FastifyReply, FastifyRequest } from 'fastify';
import { activeSessionOf, customerAccessOf, requireCustomerSession } from '../../http/authorization.ts';
import { AppError } from '../../http/errors.ts';
import { languageFromHeader, localize } from '../../http/language.ts';
import {
  clearPendingSignInCookie,
  clearSessionCookie,
  PENDING_SIGN_IN_COOKIE,
  sessionTokenOf,
  setPendingSignInCookie,
  setSessionCookie,
} from '../../http/session-cookie.ts';
import { polishDate } from './calendar.ts';
import type { AuthContext } from './context.ts';
import {
  checkCustomerPassword,
  checkCustomerTotp,
  openCustomerSession,
  PENDING_SIGN_IN_MINUTES,
} from './customer-sign-in.ts';
import { confirmEmailChange } from './email-change.ts';
import { verifyEmail } from './email-verification.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { registerCustomerLogin } from './registration.ts';
import {
  acceptTermsBody,
  customerSessionAnswer,
  emailBody,
  emailChangeAnswer,
  loginAnswer,
  loginBody,
  messageAnswer,
  registerBody,
  resetConfirmBody,
  tokenBody,
  totpBody,
  type ZodApp,
} from './schemas.ts';
import { revokeSession, revokeSessionByTokenHash } from './session-store.ts';
import { customerSessionView } from './session-view.ts';
import { currentTerms, recordAcceptance } from './terms-store.ts';
import { sha256Hex } from './tokens.ts';

const headerLanguage = (request: FastifyRequest) => languageFromHeader(request.headers['accept-language']);
export const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** Ends the session an old cookie names, so signing in never leaves two live sessions behind one browser. */
export async function retirePreviousSession(context: AuthContext, request: FastifyRequest): Promise<void> {
  const previous = sessionTokenOf(request);
  if (previous !== undefined) await revokeSessionByTokenHash(context.db, sha256Hex(previous), context.now());
}

/** Sign-in, registration, e-mail confirmation, password reset and terms acceptance of portal customers. */
export function customerAuthRoutes(app: ZodApp, context: AuthContext): void {
  const { config } = context;
  const limited = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 } };
  const publicJson = { ...limited, csrf: 'json-only' as const };
  const tags = ['auth'];
  const session = [{ session: [] }];

  async function signIn(request: FastifyRequest, reply: FastifyReply, loginId: number) {
    await retirePreviousSession(context, request);
    const token = await openCustomerSession(context, { id: loginId }, clientOf(request));
    setSessionCookie(reply, token, config);
    return { twoFactorRequired: false as const, ...(await customerSessionView(context, loginId, token)) };
  }

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in a customer with e-mail and password',
        description:
          'Sets the ibok_session cookie, or answers {twoFactorRequired: true} when an authenticator code is due next.',
        body: loginBody,
        response: { 200: loginAnswer },
      },
      config: publicJson,
    },
    async (request, reply) => {
      const step = await checkCustomerPassword(context, request.body, headerLanguage(request));
      if (step.kind === 'totp_required') {
        setPendingSignInCookie(reply, step.pending, PENDING_SIGN_IN_MINUTES * 60, config);
        return { twoFactorRequired: true as const };
      }
      return signIn(request, reply, step.loginId);
    },
  );

  app.post(
    '/api/v1/auth/login/totp',
    {
      schema: {
        tags,
        summary: 'Second sign-in step: the authenticator code',
        body: totpBody,
        response: { 200: loginAnswer },
      },
      config: publicJson,
    },
    async (request, reply) => {
      const pending = request.cookies[PENDING_SIGN_IN_COOKIE];
      const loginId = await checkCustomerTotp(context, pending, request.body.code, headerLanguage(request));
      clearPendingSignInCookie(reply, config);
      return signIn(request, reply, loginId);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out: ends the session and clears the cookie', security: session } },
    async (request, reply) => {
      const active = await activeSessionOf(request);
      if (active?.customerLoginId != null) await revokeSession(context.db, active.id, context.now());
      if (!active || active.customerLoginId != null) clearSessionCookie(reply, config);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in customer and the CSRF token',
        security: session,
        response: { 200: customerSessionAnswer },
      },
      preHandler: requireCustomerSession,
    },
    async (request) =>
      customerSessionView(context, customerAccessOf(request).loginId, sessionTokenOf(request) ?? ''),
  );

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags,
        summary: 'Register a portal login for a contract holder',
        description:
          'Proof of being the holder: activationCode, or invoiceNumber with invoiceAmount. The answer is the same whether or not the e-mail address already has a login.',
        body: registerBody,
        response: { 202: messageAnswer },
      },
      config: { ...publicJson, rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 10 * 60_000 } },
    },
    async (request, reply) => {
      const language = request.body.language ?? headerLanguage(request);
      await registerCustomerLogin(context, { ...request.body, language }, request.ip);
      return reply.code(202).send({
        message: localize(
          {
            pl: 'Wysłaliśmy wiadomość na podany adres e-mail. Otwórz link z wiadomości, aby dokończyć rejestrację.',
            en: 'We sent a message to the e-mail address. Open the link in it to finish registering.',
          },
          language,
        ),
      });
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      schema: {
        tags,
        summary: 'Confirm the e-mail address with the token from the link',
        body: tokenBody,
        response: { 200: messageAnswer },
      },
      config: publicJson,
    },
    async (request) => {
      const language = headerLanguage(request);
      await verifyEmail(context, request.body.token, language);
      return {
        message: localize(
          {
            pl: 'Adres e-mail został potwierdzony. Możesz się zalogować.',
            en: 'The e-mail address is confirmed. You can sign in now.',
          },
          language,
        ),
      };
    },
  );

  app.post(
    '/api/v1/auth/confirm-email-change',
    {
      schema: {
        tags,
        summary: 'Make the new sign-in address current, with the token from the link sent to it',
        body: tokenBody,
        response: { 200: emailChangeAnswer },
      },
      config: publicJson,
    },
    async (request) => {
      const language = headerLanguage(request);
      const { email } = await confirmEmailChange(context, request.body.token, language, request.ip);
      return {
        email,
        message: localize(
          {
            pl: `Adres e-mail został zmieniony. Od teraz logujesz się adresem ${email}.`,
            en: `The e-mail address was changed. From now on you sign in with ${email}.`,
          },
          language,
        ),
      };
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags,
        summary: 'Send a link to set a new password',
        body: emailBody,
        response: { 202: messageAnswer },
      },
      config: publicJson,
    },
    async (request, reply) => {
      await requestPasswordReset(context, request.body.email);
      return reply.code(202).send({
        message: localize(
          {
            pl: 'Jeśli ten adres ma konto w iBOK, wysłaliśmy na niego link do ustawienia nowego hasła.',
            en: 'If this address has an iBOK account, we sent it a link to set a new password.',
          },
          headerLanguage(request),
        ),
      });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token from the link; signs out every session',
        body: resetConfirmBody,
        response: { 200: messageAnswer },
      },
      config: publicJson,
    },
    async (request) => {
      const language = headerLanguage(request);
      await confirmPasswordReset(context, request.body, language, request.ip);
      return {
        message: localize(
          {
            pl: 'Hasło zostało zmienione. Zaloguj się nowym hasłem.',
            en: 'The password was changed. Sign in with the new password.',
          },
          language,
        ),
      };
    },
  );

  app.post(
    '/api/v1/auth/accept-terms',
    {
      schema: {
        tags,
        summary: 'Accept the current iBOK terms',
        security: session,
        body: acceptTermsBody,
        response: { 200: customerSessionAnswer },
      },
      preHandler: requireCustomerSession,
    },
    async (request) => {
      const access = customerAccessOf(request);
      const terms = await currentTerms(context.db, 'ibok', polishDate(context.now()));
      if (!terms || terms.version !== request.body.version) {
        const message = localize(
          {
            pl: 'To nie jest aktualna wersja regulaminu. Odśwież stronę.',
            en: 'This is not the current version of the terms. Reload the page.',
          },
          access.language,
        );
        throw new AppError('validation_failed', message, { version: message });
      }
      await recordAcceptance(context.db, {
        loginId: access.loginId,
        termsVersionId: terms.id,
        now: context.now(),
        ip: request.ip,
      });
      return customerSessionView(context, access.loginId, sessionTokenOf(request) ?? '');
    },
  );
}
