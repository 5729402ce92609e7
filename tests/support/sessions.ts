import type { App } from '../../src/app.ts';

/** What a signed-in client sends: the session cookie, and the CSRF header for state-changing requests. */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: cookie plus X-CSRF-Token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export function sessionCookieOf(response: {
  cookies: { name: string; value: string }[];
}): string | undefined {
  return response.cookies.find((cookie) => cookie.name === 'ibok_session')?.value;
}

async function signIn(app: App, url: string, payload: Record<string, string>): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url, payload });
  if (response.statusCode !== 200)
    throw new Error(`sign-in at ${url} failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ csrfToken?: string; twoFactorRequired?: boolean }>();
  const token = sessionCookieOf(response);
  if (!token || !body.csrfToken) throw new Error(`sign-in at ${url} opened no session: ${response.body}`);
  const cookie = `ibok_session=${token}`;
  return { cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** Signs a customer login in through the real endpoint (e.g. one made by createCustomerLogin). */
export function signInCustomer(
  app: App,
  credentials: { email: string; password: string },
): Promise<SignedIn> {
  return signIn(app, '/api/v1/auth/login', credentials);
}

/** Signs a staff member in through the real endpoint (e.g. one made by createStaffUser). */
export function signInStaff(
  app: App,
  credentials: { email: string; password: string; totpCode?: string },
): Promise<SignedIn> {
  return signIn(app, '/api/v1/staff/auth/login', credentials);
}
