import { afterEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf } from '../../../tests/support/http.ts';
import {
  createContractHolder,
  createCustomerLogin,
  createStaffUser,
  createTermsVersion,
} from '../../../tests/support/factories.ts';
import { sessionCookieOf, signInCustomer } from '../../../tests/support/sessions.ts';

describeEachDatabase('customer sign-in, sessions and CSRF', (context) => {
  let app: App;
  let clock: Date;
  const start = async (overrides: Record<string, string> = {}) => {
    clock = new Date('2025-03-10T09:00:00Z');
    app = await buildTestApp(context.database, { config: testConfig(overrides), now: () => clock });
  };
  const advanceMinutes = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  afterEach(async () => {
    await app.close();
  });

  const login = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

  async function customerLogin() {
    const { customer } = await createContractHolder(context.database.db);
    return createCustomerLogin(context.database.db, { customerIds: [customer.id] });
  }

  it('answers an unknown address exactly like a wrong password', async () => {
    await start();
    const known = await customerLogin();
    const wrongPassword = await login({ email: known.email, password: 'Not-The-Password-123' });
    const unknownAddress = await login({ email: 'nobody@example.pl', password: 'Not-The-Password-123' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownAddress.statusCode).toBe(401);
    expect(unknownAddress.body).toBe(wrongPassword.body);
    expect(errorOf(wrongPassword)).toEqual({
      code: 'unauthorized',
      message: 'Nieprawidłowy adres e-mail lub hasło.',
    });
    const english = await login({ email: 'nobody@example.pl', password: 'x' }, { 'accept-language': 'en' });
    expect(errorOf(english).message).toBe('Incorrect e-mail address or password.');
    expect(sessionCookieOf(wrongPassword)).toBeUndefined();
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password, then lets the owner in', async () => {
    await start({ AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    const owner = await customerLogin();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login({ email: owner.email, password: `wrong-${attempt}` })).statusCode).toBe(401);
    }
    const fifth = await login({ email: owner.email, password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).code).toBe('account_locked');
    expect(errorOf(fifth).message).toContain(
      'Konto zostało czasowo zablokowane po 5 nieudanych próbach logowania',
    );
    expect(errorOf(fifth).message).toContain('10:15');
    const rightPassword = await login({ email: owner.email, password: owner.password });
    expect(rightPassword.statusCode).toBe(423);
    expect(sessionCookieOf(rightPassword)).toBeUndefined();
    advanceMinutes(16);
    const afterLock = await login({ email: owner.email, password: owner.password });
    expect(afterLock.statusCode).toBe(200);
    const row = await context.database.db
      .selectFrom('customer_logins')
      .selectAll()
      .where('id', '=', owner.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_login_count).toBe(0);
    expect(row.locked_until).toBeNull();
  });

  it('sets a readable signed-in hint beside the httpOnly session cookie, and clears both at sign-out', async () => {
    await start();
    const owner = await customerLogin();
    const signedIn = await login({ email: owner.email, password: owner.password });
    const session = signedIn.cookies.find((cookie) => cookie.name === 'ibok_session')!;
    const hint = signedIn.cookies.find((cookie) => cookie.name === 'ibok_signed_in')!;
    expect(session.httpOnly).toBe(true);
    // The page reads the hint to skip a session check bound to fail; it holds nothing and opens nothing.
    // It lives as long as the offline copy of the data (7 days), so the installed app opened offline shows it.
    expect(hint).toMatchObject({ value: '1', path: '/', sameSite: 'Lax', maxAge: 7 * 24 * 3600 });
    expect(hint.httpOnly).toBeUndefined();
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: 'ibok_signed_in=1' } })).statusCode,
    ).toBe(401);

    const csrfToken = signedIn.json<{ csrfToken: string }>().csrfToken;
    const loggedOut = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `ibok_session=${session.value}; ibok_signed_in=1`, 'x-csrf-token': csrfToken },
    });
    expect(loggedOut.statusCode).toBe(204);
    for (const name of ['ibok_session', 'ibok_signed_in']) {
      expect(loggedOut.cookies.find((cookie) => cookie.name === name)).toMatchObject({
        value: '',
        maxAge: 0,
      });
    }
  });

  it('limits sign-in attempts per IP address', async () => {
    await start({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await login({ email: 'a@example.pl', password: 'x' })).statusCode).toBe(401);
    const limited = await login({ email: 'a@example.pl', password: 'x' });
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(errorOf(limited).message).toContain('Zbyt wiele prób');
  });

  it('asks for the CSRF header on state-changing requests with a session, and for JSON on sign-in', async () => {
    await start();
    const signedIn = await signInCustomer(app, await customerLogin());
    const withoutHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: signedIn.cookie },
    });
    expect(withoutHeader.statusCode).toBe(403);
    expect(errorOf(withoutHeader).code).toBe('forbidden');
    const wrongHeader = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me/sessions/1',
      headers: { cookie: signedIn.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongHeader.statusCode).toBe(403);
    // Reading needs no token; the session is still alive after the refused attempts.
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: signedIn.cookie } })).statusCode,
    ).toBe(200);
    const formPost = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: '{"email":"a@example.pl","password":"x"}',
    });
    expect(formPost.statusCode).toBe(415);
    // A stale cookie does not block signing in again.
    const relogin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: 'ibok_session=stale-token-from-last-week' },
      payload: { email: 'a@example.pl', password: 'x' },
    });
    expect(relogin.statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: signedIn.headers }))
        .statusCode,
    ).toBe(204);
  });

  it('ends a session after 30 idle minutes, slides it while used, and answers 401 without one', async () => {
    await start();
    const owner = await customerLogin();
    expect((await app.inject({ url: '/api/v1/auth/session' })).statusCode).toBe(401);
    const signedIn = await signInCustomer(app, owner);
    const session = () => app.inject({ url: '/api/v1/me/sessions', headers: { cookie: signedIn.cookie } });
    for (let step = 0; step < 4; step++) {
      advanceMinutes(20);
      expect((await session()).statusCode).toBe(200);
    }
    advanceMinutes(31);
    const expired = await session();
    expect(expired.statusCode).toBe(401);
    expect(errorOf(expired)).toEqual({ code: 'unauthorized', message: 'Zaloguj się, aby kontynuować.' });
    // The ended session's cookie and the signed-in hint are removed with that answer.
    for (const name of ['ibok_session', 'ibok_signed_in']) {
      expect(expired.cookies.find((cookie) => cookie.name === name)).toMatchObject({ value: '', maxAge: 0 });
    }
  });

  it("keeps the cookies of a live staff session that meets a customer's route", async () => {
    await start();
    const staff = await createStaffUser(context.database.db, { role: 'operator' });
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      payload: { email: staff.email, password: staff.password },
    });
    const token = signedIn.cookies.find((cookie) => cookie.name === 'ibok_session')!.value;
    const portal = await app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: `ibok_session=${token}; ibok_signed_in=1` },
    });
    expect(portal.statusCode).toBe(401);
    expect(portal.headers['set-cookie']).toBeUndefined();
    const backOffice = await app.inject({
      url: '/api/v1/staff/auth/session',
      headers: { cookie: `ibok_session=${token}` },
    });
    expect(backOffice.statusCode).toBe(200);
  });

  it('ends even a busy session at the maximum lifetime', async () => {
    await start({ SESSION_MAX_HOURS: '1' });
    const signedIn = await signInCustomer(app, await customerLogin());
    const session = () => app.inject({ url: '/api/v1/auth/session', headers: { cookie: signedIn.cookie } });
    for (let step = 0; step < 2; step++) {
      advanceMinutes(25);
      expect((await session()).statusCode).toBe(200);
    }
    advanceMinutes(11);
    expect((await session()).statusCode).toBe(401);
  });

  it('signing in again from the same browser ends the previous session', async () => {
    await start();
    const owner = await customerLogin();
    const first = await signInCustomer(app, owner);
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: first.cookie },
      payload: { email: owner.email, password: owner.password },
    });
    expect(second.statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: first.cookie } })).statusCode,
    ).toBe(401);
  });

  it('asks to accept a newer version of the terms before the portal opens', async () => {
    await start();
    const owner = await customerLogin();
    const old = await createTermsVersion(context.database.db, {
      version: '2024.1',
      effective_from: '2024-01-01',
    });
    await context.database.db
      .insertInto('terms_acceptances')
      .values({ terms_version_id: old.id, customer_login_id: owner.id })
      .execute();
    await createTermsVersion(context.database.db, { version: '2025.1', effective_from: '2025-03-01' });
    const signedIn = await login({ email: owner.email, password: owner.password });
    expect(signedIn.json<{ termsAcceptanceRequired: unknown }>().termsAcceptanceRequired).toEqual({
      version: '2025.1',
    });
    const cookie = `ibok_session=${sessionCookieOf(signedIn)}`;
    const headers = { cookie, 'x-csrf-token': signedIn.json<{ csrfToken: string }>().csrfToken };
    const blocked = await app.inject({ url: '/api/v1/me/sessions', headers });
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe('terms_not_accepted');
    const wrongVersion = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/accept-terms',
      headers,
      payload: { version: '2024.1' },
    });
    expect(wrongVersion.statusCode).toBe(400);
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/accept-terms',
      headers,
      payload: { version: '2025.1' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<{ termsAcceptanceRequired: unknown }>().termsAcceptanceRequired).toBeNull();
    expect((await app.inject({ url: '/api/v1/me/sessions', headers })).statusCode).toBe(200);
  });

  it('keeps a disabled login out even with the right password', async () => {
    await start();
    const owner = await customerLogin();
    const signedIn = await signInCustomer(app, owner);
    await context.database.db
      .updateTable('customer_logins')
      .set({ disabled_at: clock })
      .where('id', '=', owner.id)
      .execute();
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: signedIn.cookie } })).statusCode,
    ).toBe(401);
    const refused = await login({ email: owner.email, password: owner.password });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).message).toContain('Konto jest wyłączone');
  });
});
