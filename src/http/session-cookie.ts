import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { safeEqual, signature } from '../modules/auth/tokens.ts';

/** The one session cookie, for customers and staff alike: the session row says which kind it is. */
export const SESSION_COOKIE = 'ibok_session';
/** Password accepted, TOTP code still due: a short-lived signed note, never a session. */
export const PENDING_SIGN_IN_COOKIE = 'ibok_sign_in_pending';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * Set and cleared with the session cookie, readable by the page, holding nothing secret: without it the web
 * client knows nobody is signed in and does not ask the server (whose 401 would be a console error on every
 * first visit). It grants nothing: every request is still judged by the httpOnly session cookie alone.
 */
export const SIGNED_IN_HINT_COOKIE = 'ibok_signed_in';
/**
 * The hint outlives the session on purpose: as long as the service worker keeps the customer's data for offline
 * reading (7 days, vite.config.ts), the installed app opened offline shows it instead of the sign-in form.
 * Online, the first 401 after the session ended clears the hint (security.ts).
 */
const SIGNED_IN_HINT_MAX_AGE_SECONDS = 7 * 24 * 3600;

const secure = (config: Config) => config.publicUrl.startsWith('https:');

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config),
    // The server ends idle sessions much sooner; this only bounds how long the browser keeps the cookie.
    maxAge: config.sessions.maxHours * 3600,
  });
  reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
    sameSite: 'lax',
    path: '/',
    secure: secure(config),
    maxAge: SIGNED_IN_HINT_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(config) });
  reply.clearCookie(SIGNED_IN_HINT_COOKIE, { sameSite: 'lax', path: '/', secure: secure(config) });
}

/** The CSRF token of a session: derived, so nothing more is stored, and useless without the cookie. */
export function csrfTokenFor(sessionToken: string, config: Config): string {
  return signature(config.sessionSecret, 'csrf', sessionToken);
}

export function isValidCsrfToken(
  sessionToken: string,
  presented: string | undefined,
  config: Config,
): boolean {
  return presented !== undefined && safeEqual(csrfTokenFor(sessionToken, config), presented);
}

const PENDING_PATH = '/api/v1/auth/login';

export function setPendingSignInCookie(
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
  config: Config,
): void {
  reply.setCookie(PENDING_SIGN_IN_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: PENDING_PATH,
    secure: secure(config),
    maxAge: maxAgeSeconds,
  });
}

export function clearPendingSignInCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(PENDING_SIGN_IN_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: PENDING_PATH,
    secure: secure(config),
  });
}
