import { generate } from 'otplib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf, fieldsOf } from '../../../tests/support/http.ts';
import { createContractHolder, createCustomerLogin } from '../../../tests/support/factories.ts';
import { sessionCookieOf, signInCustomer } from '../../../tests/support/sessions.ts';
import { openSecret } from './sealed-secret.ts';
import { newTotpSecret } from './totp.ts';

describeEachDatabase('two-step sign-in and the list of sessions', (context) => {
  let app: App;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2025-03-10T09:00:00Z');
    app = await buildTestApp(context.database, { now: () => clock });
  });
  afterEach(async () => {
    await app.close();
  });
  const codeAt = (secret: string, offsetSeconds = 0) =>
    generate({ secret, epoch: Math.floor(clock.getTime() / 1000) + offsetSeconds });
  const advanceSeconds = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  async function customerLogin() {
    const { customer } = await createContractHolder(context.database.db);
    return createCustomerLogin(context.database.db, { customerIds: [customer.id] });
  }

  it('turns TOTP on with a confirmed code, then asks for a fresh code at sign-in', async () => {
    const owner = await customerLogin();
    const signedIn = await signInCustomer(app, owner);
    const setup = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/setup',
      headers: signedIn.headers,
    });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeSvg } = setup.json<{
      secret: string;
      otpauthUrl: string;
      qrCodeSvg: string;
    }>();
    expect(otpauthUrl).toBe(
      `otpauth://totp/iBOK:${encodeURIComponent(owner.email)}?secret=${secret}&issuer=iBOK`,
    );
    // The same link as a QR code (qr-code.test.ts decodes one back).
    expect(qrCodeSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/enable',
      headers: signedIn.headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong).code).toBe('Nieprawidłowy kod z aplikacji uwierzytelniającej.');
    const enabled = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/enable',
      headers: signedIn.headers,
      payload: { code: await codeAt(secret) },
    });
    expect(enabled.json()).toEqual({ twoFactorEnabled: true });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/setup',
      headers: signedIn.headers,
    });
    expect(again.statusCode).toBe(409);

    advanceSeconds(60);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: owner.password },
    });
    expect(first.json()).toEqual({ twoFactorRequired: true });
    expect(sessionCookieOf(first)).toBeUndefined();
    const pending = first.cookies.find((cookie) => cookie.name === 'ibok_sign_in_pending')!;
    expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/login' });
    const pendingCookie = `ibok_sign_in_pending=${pending.value}`;

    const withoutPending = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      payload: { code: await codeAt(secret) },
    });
    expect(withoutPending.statusCode).toBe(401);
    const badCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      headers: { cookie: pendingCookie },
      payload: { code: '123456' },
    });
    expect(badCode.statusCode).toBe(401);
    const code = await codeAt(secret);
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      headers: { cookie: pendingCookie },
      payload: { code },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      twoFactorRequired: false,
      user: { email: owner.email, twoFactorEnabled: true },
    });
    expect(sessionCookieOf(second)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The same code cannot sign in twice, and the pending step expires after five minutes.
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      headers: { cookie: pendingCookie },
      payload: { code },
    });
    expect(replay.statusCode).toBe(401);
    advanceSeconds(301);
    const late = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      headers: { cookie: pendingCookie },
      payload: { code: await codeAt(secret) },
    });
    expect(late.statusCode).toBe(401);
    expect(errorOf(late).message).toContain('Logowanie wygasło');
  });

  it('keeps the secret sealed in the database, and seals one saved before sealing at its next use', async () => {
    const { customer } = await createContractHolder(context.database.db);
    const legacySecret = newTotpSecret();
    const owner = await createCustomerLogin(context.database.db, {
      customerIds: [customer.id],
      totpSecret: legacySecret,
    });
    const storedSecret = () =>
      context.database.db
        .selectFrom('customer_logins')
        .select('totp_secret')
        .where('id', '=', owner.id)
        .executeTakeFirstOrThrow()
        .then((row) => row.totp_secret!);
    expect(await storedSecret()).toBe(legacySecret);

    const signInWithCode = async (code: string) => {
      const password = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: owner.email, password: owner.password },
      });
      const pending = password.cookies.find((cookie) => cookie.name === 'ibok_sign_in_pending')!;
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login/totp',
        headers: { cookie: `ibok_sign_in_pending=${pending.value}` },
        payload: { code },
      });
      return answer.statusCode;
    };
    const firstCode = await codeAt(legacySecret);
    expect(await signInWithCode(firstCode)).toBe(200);
    const sealed = await storedSecret();
    expect(sealed).toMatch(/^sealed:v1:/);
    expect(sealed).not.toContain(legacySecret);
    expect(openSecret(testConfig().encryptionKey, sealed)).toBe(legacySecret);

    // The same code again is refused (each code works once), and a fresh one opens the sealed secret.
    expect(await signInWithCode(firstCode)).toBe(401);
    advanceSeconds(30);
    expect(await signInWithCode(await codeAt(legacySecret))).toBe(200);
    expect(await storedSecret()).toBe(sealed);
  });

  it('turns TOTP off only with the password', async () => {
    const owner = await customerLogin();
    const signedIn = await signInCustomer(app, owner);
    const { secret } = (
      await app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: signedIn.headers })
    ).json<{ secret: string }>();
    await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/enable',
      headers: signedIn.headers,
      payload: { code: await codeAt(secret) },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/disable',
      headers: signedIn.headers,
      payload: { password: 'not-it-at-all' },
    });
    expect(wrong.statusCode).toBe(400);
    const disabled = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/disable',
      headers: signedIn.headers,
      payload: { password: owner.password },
    });
    expect(disabled.json()).toEqual({ twoFactorEnabled: false });
    const plain = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: owner.password },
    });
    expect(plain.json<{ twoFactorRequired: boolean }>().twoFactorRequired).toBe(false);
    // Turning it on and off is in the audit log (the refused attempt is not).
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_id'])
      .where('entity', '=', 'customer_login')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'customer_login.two_factor_enabled', actor_kind: 'customer', actor_id: owner.id },
      { action: 'customer_login.two_factor_disabled', actor_kind: 'customer', actor_id: owner.id },
    ]);
  });

  it("lists the login's own sessions and revokes one; another login's session id is not found", async () => {
    const owner = await customerLogin();
    const stranger = await customerLogin();
    const laptop = await signInCustomer(app, owner);
    const phone = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'user-agent': 'Telefon/1.0' },
      payload: { email: owner.email, password: owner.password },
    });
    const phoneCookie = `ibok_session=${sessionCookieOf(phone)}`;
    const strangers = await signInCustomer(app, stranger);

    const list = await app.inject({ url: '/api/v1/me/sessions', headers: { cookie: laptop.cookie } });
    const sessions = list.json<{
      sessions: { id: number; current: boolean; userAgent: string | null; ip: string }[];
    }>().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const phoneSession = sessions.find((session) => session.userAgent === 'Telefon/1.0')!;
    expect(phoneSession).toMatchObject({ current: false, ip: '127.0.0.1' });

    const strangersList = await app.inject({
      url: '/api/v1/me/sessions',
      headers: { cookie: strangers.cookie },
    });
    const strangersId = strangersList.json<{ sessions: { id: number }[] }>().sessions[0]!.id;
    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${strangersId}`,
      headers: laptop.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: strangers.cookie } })).statusCode,
    ).toBe(200);
    const missing = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me/sessions/999999',
      headers: laptop.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe(foreign.body);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${phoneSession.id}`,
      headers: laptop.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: phoneCookie } })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: laptop.cookie } })).statusCode,
    ).toBe(200);
  });
});
