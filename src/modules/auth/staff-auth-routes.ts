import type { FastifyRequest } from 'fastify';
import { activeSessionOf, requireStaff, staffAccessOf } from '../../http/authorization.ts';
import { languageFromHeader } from '../../http/language.ts';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../http/session-cookie.ts';
import type { AuthContext } from './context.ts';
import { clientOf, retirePreviousSession } from './customer-auth-routes.ts';
import { staffLoginBody, staffSessionAnswer, type ZodApp } from './schemas.ts';
import { revokeSession } from './session-store.ts';
import { staffSessionView } from './session-view.ts';
import { signInStaff } from './staff-sign-in.ts';

const headerLanguage = (request: FastifyRequest) => languageFromHeader(request.headers['accept-language']);

/** Back-office sign-in: a separate endpoint against staff_users; the session it opens is a staff session. */
export function staffAuthRoutes(app: ZodApp, context: AuthContext): void {
  const { config } = context;
  const tags = ['staff auth'];
  const security = [{ session: [] }];

  app.post(
    '/api/v1/staff/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in a staff member (e-mail, password and, when set up, the authenticator code)',
        body: staffLoginBody,
        response: { 200: staffSessionAnswer },
      },
      config: { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: 60_000 }, csrf: 'json-only' },
    },
    async (request, reply) => {
      const { staffUserId, token } = await signInStaff(
        context,
        request.body,
        clientOf(request),
        headerLanguage(request),
      );
      await retirePreviousSession(context, request);
      setSessionCookie(reply, token, config);
      return staffSessionView(context, staffUserId, token);
    },
  );

  app.post(
    '/api/v1/staff/auth/logout',
    { schema: { tags, summary: 'Sign a staff member out', security } },
    async (request, reply) => {
      const active = await activeSessionOf(request);
      if (active?.staffUserId != null) await revokeSession(context.db, active.id, context.now());
      if (!active || active.staffUserId != null) clearSessionCookie(reply, config);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/staff/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member and the CSRF token',
        security,
        response: { 200: staffSessionAnswer },
      },
      preHandler: requireStaff(),
    },
    async (request) =>
      staffSessionView(context, staffAccessOf(request).staffUserId, sessionTokenOf(request) ?? ''),
  );
}
