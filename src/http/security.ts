import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.ts';
import { activeSessionOf, type CustomerAccess, type StaffAccess } from './authorization.ts';
import { AppError } from './errors.ts';
import { languageFromHeader, localize } from './language.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import {
  clearSessionCookie,
  CSRF_HEADER,
  isValidCsrfToken,
  SESSION_COOKIE,
  sessionTokenOf,
  SIGNED_IN_HINT_COOKIE,
} from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireCustomer: who is signed in and which customers they may see. */
    customerAccess: CustomerAccess | null;
    /** Set by requireStaff / requireStaffRole. */
    staffAccess: StaffAccess | null;
  }
  interface FastifyContextConfig {
    /**
     * 'json-only': a sign-in, registration or reset endpoint used without a session: no CSRF token is asked
     * (a stale cookie must not block signing in again), but the body must be application/json, which a
     * cross-site form cannot send without the browser asking this server first (CORS preflight).
     */
    csrf?: 'json-only';
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookies, rate limiting and CSRF protection for the whole application. Registered once on the root
 * instance (it opts out of encapsulation), so every module's routes are covered.
 */
export async function securityPlugin(app: App): Promise<void> {
  const { config } = app.dependencies;
  await app.register(fastifyCookie);
  // Only routes that ask for it (config.rateLimit) are limited: sign-in, registration, resets. The counters are
  // in the database, shared by every process of the application.
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(app.dependencies.database.db),
    errorResponseBuilder: (request, context) =>
      new AppError(
        'rate_limited',
        localize(
          {
            pl: `Zbyt wiele prób. Spróbuj ponownie za ${Math.ceil(context.ttl / 1000)} s.`,
            en: `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
          },
          languageFromHeader(request.headers['accept-language']),
        ),
      ),
  });
  app.decorateRequest('customerAccess', null);
  app.decorateRequest('staffAccess', null);

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const language = languageFromHeader(request.headers['accept-language']);
    if (request.routeOptions.config.csrf === 'json-only') {
      const contentType = request.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;|$)/i.test(contentType)) {
        throw new AppError(
          'unsupported_media_type',
          localize(
            {
              pl: 'Wymagany jest nagłówek Content-Type: application/json.',
              en: 'Content-Type: application/json is required.',
            },
            language,
          ),
        );
      }
      return;
    }
    const sessionToken = sessionTokenOf(request);
    if (sessionToken === undefined) return;
    const presented = request.headers[CSRF_HEADER];
    if (!isValidCsrfToken(sessionToken, typeof presented === 'string' ? presented : undefined, config)) {
      throw new AppError(
        'forbidden',
        localize(
          {
            pl: 'Brak lub nieprawidłowy token CSRF (nagłówek X-CSRF-Token). Odśwież stronę i spróbuj ponownie.',
            en: 'Missing or invalid CSRF token (X-CSRF-Token header). Reload the page and try again.',
          },
          language,
        ),
      );
    }
  });

  // A session that ended on the server (idle, expired, revoked) leaves its cookie and the signed-in hint in the
  // browser; the first 401 they meet removes both, so the client stops checking a session that is gone. A live
  // session of the other realm (staff on a portal route) keeps them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 401) return payload;
    if (!request.cookies[SESSION_COOKIE] && !request.cookies[SIGNED_IN_HINT_COOKIE]) return payload;
    if (!(await activeSessionOf(request))) clearSessionCookie(reply, config);
    return payload;
  });
}

// Hooks, decorators and the plugins registered here must apply to the root instance, not to a child scope.
Object.assign(securityPlugin, { [Symbol.for('skip-override')]: true });
