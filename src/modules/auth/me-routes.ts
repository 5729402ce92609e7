import { customerAccessOf, requireCustomer } from '../../http/authorization.ts';
import { notFound } from '../../http/errors.ts';
import { localize } from '../../http/language.ts';
import type { AuthContext } from './context.ts';
import { EMAIL_CHANGE_HOURS, requestEmailChange } from './email-change.ts';
import {
  emailChangeAnswer,
  emailChangeBody,
  passwordBody,
  sessionIdParams,
  sessionsAnswer,
  totpBody,
  totpSetupAnswer,
  twoFactorAnswer,
  type ZodApp,
} from './schemas.ts';
import { listCustomerSessions, revokeCustomerSession } from './session-store.ts';
import { confirmTotpSetup, disableTotp, startTotpSetup } from './two-factor.ts';

/** The signed-in customer's own security settings: two-step sign-in and open sessions. */
export function meSecurityRoutes(app: ZodApp, context: AuthContext): void {
  const tags = ['me'];
  const security = [{ session: [] }];
  const limited = { rateLimit: { max: context.config.authRateLimitPerMinute, timeWindow: 60_000 } };

  app.post(
    '/api/v1/me/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start two-step sign-in: a new secret for the authenticator app, as text, link and QR code',
        security,
        response: { 200: totpSetupAnswer },
      },
      preHandler: requireCustomer,
    },
    async (request) => {
      const access = customerAccessOf(request);
      return startTotpSetup(context, access.loginId, access.language);
    },
  );

  app.post(
    '/api/v1/me/totp/enable',
    {
      schema: {
        tags,
        summary: 'Turn two-step sign-in on with a code from the app',
        security,
        body: totpBody,
        response: { 200: twoFactorAnswer },
      },
      preHandler: requireCustomer,
      config: limited,
    },
    async (request) => {
      const access = customerAccessOf(request);
      await confirmTotpSetup(context, access.loginId, request.body.code, access.language, request.ip);
      return { twoFactorEnabled: true };
    },
  );

  app.post(
    '/api/v1/me/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-step sign-in off (asks for the password)',
        security,
        body: passwordBody,
        response: { 200: twoFactorAnswer },
      },
      preHandler: requireCustomer,
      config: limited,
    },
    async (request) => {
      const access = customerAccessOf(request);
      await disableTotp(context, access.loginId, request.body.password, access.language, request.ip);
      return { twoFactorEnabled: false };
    },
  );

  app.post(
    '/api/v1/me/email-change',
    {
      schema: {
        tags,
        summary:
          'Change the sign-in e-mail: asks for the password and sends a confirmation link to the new address',
        description:
          'The address changes only when the link is opened (POST /api/v1/auth/confirm-email-change). The ' +
          'answer is the same whether or not the new address already has an account.',
        security,
        body: emailChangeBody,
        response: { 202: emailChangeAnswer },
      },
      preHandler: requireCustomer,
      config: limited,
    },
    async (request, reply) => {
      const access = customerAccessOf(request);
      await requestEmailChange(context, access.loginId, request.body, access.language, request.ip);
      return reply.code(202).send({
        email: request.body.newEmail,
        message: localize(
          {
            pl: `Wysłaliśmy link na adres ${request.body.newEmail}. Adres logowania zmieni się po jego otwarciu (link jest ważny ${EMAIL_CHANGE_HOURS} godz.).`,
            en: `We sent a link to ${request.body.newEmail}. The sign-in address changes when it is opened (the link is valid for ${EMAIL_CHANGE_HOURS} hours).`,
          },
          access.language,
        ),
      });
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags,
        summary: 'Open sessions of the signed-in login',
        security,
        response: { 200: sessionsAnswer },
      },
      preHandler: requireCustomer,
    },
    async (request) => {
      const access = customerAccessOf(request);
      const sessions = await listCustomerSessions(context.db, access.loginId, context.now());
      return {
        sessions: sessions.map((session) => ({
          id: session.id,
          createdAt: session.createdAt.toISOString(),
          lastSeenAt: session.lastSeenAt.toISOString(),
          ip: session.ip,
          userAgent: session.userAgent,
          current: session.id === access.sessionId,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sign out one of your sessions (e.g. a lost phone)',
        security,
        params: sessionIdParams,
      },
      preHandler: requireCustomer,
    },
    async (request, reply) => {
      const access = customerAccessOf(request);
      // Scoped by the login: another login's session id is answered exactly like one that does not exist.
      if (!(await revokeCustomerSession(context.db, access.loginId, request.params.id, context.now()))) {
        throw notFound(
          localize({ pl: 'Nie znaleziono takiej sesji.', en: 'No such session.' }, access.language),
        );
      }
      return reply.code(204).send();
    },
  );
}
