import { generate } from 'otplib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { requireCustomer, requireStaff, requireStaffRole, staffAccessOf } from '../../http/authorization.ts';
import { testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf } from '../../../tests/support/http.ts';
import {
  createContractHolder,
  createCustomerLogin,
  createStaffUser,
} from '../../../tests/support/factories.ts';
import { signInCustomer, signInStaff } from '../../../tests/support/sessions.ts';
import { newTotpSecret } from './totp.ts';

describeEachDatabase('staff sign-in and the separation of staff and customer sessions', (context) => {
  let app: App;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2025-03-10T09:00:00Z');
    app = await buildApp({ config: testConfig(), database: context.database, now: () => clock });
    // Stand-ins for back-office and portal routes of other modules.
    app.get('/test/staff-any', { preHandler: requireStaff() }, (request) => staffAccessOf(request));
    app.post('/test/staff-operator', { preHandler: requireStaff('operator') }, () => ({ ok: true }));
    app.get('/test/admin-only', { preHandler: requireStaffRole(['admin']) }, () => ({ ok: true }));
    app.get('/test/customer', { preHandler: requireCustomer }, (request) => request.customerAccess);
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
  });

  it('signs staff in and enforces roles', async () => {
    const operator = await createStaffUser(context.database.db, {
      role: 'operator',
      fullName: 'Ewa Operator',
    });
    const readOnly = await createStaffUser(context.database.db, { role: 'read_only' });
    const asOperator = await signInStaff(app, operator);
    const session = await app.inject({
      url: '/api/v1/staff/auth/session',
      headers: { cookie: asOperator.cookie },
    });
    expect(session.json()).toEqual({
      user: { email: operator.email, fullName: 'Ewa Operator', role: 'operator', twoFactorEnabled: false },
      csrfToken: asOperator.csrfToken,
    });
    const access = await app.inject({ url: '/test/staff-any', headers: { cookie: asOperator.cookie } });
    expect(access.json()).toMatchObject({ staffUserId: operator.id, role: 'operator' });
    expect(
      (await app.inject({ method: 'POST', url: '/test/staff-operator', headers: asOperator.headers }))
        .statusCode,
    ).toBe(200);
    const notAdmin = await app.inject({ url: '/test/admin-only', headers: { cookie: asOperator.cookie } });
    expect(notAdmin.statusCode).toBe(403);
    expect(errorOf(notAdmin).code).toBe('forbidden');

    const asReader = await signInStaff(app, readOnly);
    expect(
      (await app.inject({ url: '/test/staff-any', headers: { cookie: asReader.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/test/staff-operator', headers: asReader.headers }))
        .statusCode,
    ).toBe(403);

    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/staff/auth/logout', headers: asOperator.headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ url: '/test/staff-any', headers: { cookie: asOperator.cookie } })).statusCode,
    ).toBe(401);
  });

  it('never lets a customer session through a staff check, nor a staff session through a customer check', async () => {
    const { customer } = await createContractHolder(context.database.db);
    const shared = 'ta-sama-osoba@example.pl';
    const login = await createCustomerLogin(context.database.db, {
      customerIds: [customer.id],
      email: shared,
    });
    const admin = await createStaffUser(context.database.db, { role: 'admin', email: shared });
    const asCustomer = await signInCustomer(app, login);
    const asAdmin = await signInStaff(app, admin);

    for (const url of ['/test/staff-any', '/test/admin-only', '/api/v1/staff/auth/session']) {
      expect((await app.inject({ url, headers: { cookie: asCustomer.cookie } })).statusCode, url).toBe(401);
    }
    for (const url of ['/test/customer', '/api/v1/auth/session', '/api/v1/me/sessions']) {
      expect((await app.inject({ url, headers: { cookie: asAdmin.cookie } })).statusCode, url).toBe(401);
    }
    const customerAccess = await app.inject({
      url: '/test/customer',
      headers: { cookie: asCustomer.cookie },
    });
    expect(customerAccess.json()).toMatchObject({
      loginId: login.id,
      customerIds: [customer.id],
      language: 'pl',
    });
    // A customer's sign-out does not end a staff session, and the other way round.
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asAdmin.headers });
    expect(
      (await app.inject({ url: '/test/admin-only', headers: { cookie: asAdmin.cookie } })).statusCode,
    ).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/staff/auth/logout', headers: asCustomer.headers });
    expect(
      (await app.inject({ url: '/test/customer', headers: { cookie: asCustomer.cookie } })).statusCode,
    ).toBe(200);
    // Customer credentials do not open the staff sign-in and vice versa.
    const customerAtStaffDoor = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      payload: { email: login.email, password: 'Customer-Only-Password-1' },
    });
    expect(customerAtStaffDoor.statusCode).toBe(401);
  });

  it('requires the authenticator code of a staff member who has one, once per code', async () => {
    const secret = newTotpSecret();
    const admin = await createStaffUser(context.database.db, { role: 'admin', totpSecret: secret });
    const attempt = (totpCode?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/staff/auth/login',
        payload: {
          email: admin.email,
          password: admin.password,
          ...(totpCode === undefined ? {} : { totpCode }),
        },
      });
    const withoutCode = await attempt();
    expect(withoutCode.statusCode).toBe(401);
    expect(errorOf(withoutCode).code).toBe('totp_required');
    expect(errorOf(await attempt('000000')).code).toBe('unauthorized');
    const code = await generate({ secret, epoch: Math.floor(clock.getTime() / 1000) });
    const signedIn = await attempt(code);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<{ user: unknown }>().user).toMatchObject({ role: 'admin', twoFactorEnabled: true });
    expect((await attempt(code)).statusCode).toBe(401);
  });

  it('refuses an administrator without an authenticator in production, and no session is opened', async () => {
    const production = await buildApp({
      config: testConfig({ NODE_ENV: 'production' }),
      database: context.database,
      now: () => clock,
    });
    try {
      const admin = await createStaffUser(context.database.db, { role: 'admin' });
      const operator = await createStaffUser(context.database.db, { role: 'operator' });
      const signIn = (user: { email: string; password: string }) =>
        production.inject({
          method: 'POST',
          url: '/api/v1/staff/auth/login',
          payload: { email: user.email, password: user.password },
        });
      const refused = await signIn(admin);
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).message).toContain('aplikacji uwierzytelniającej');
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect((await signIn(operator)).statusCode).toBe(200);
      const sessions = await context.database.db.selectFrom('sessions').select('staff_user_id').execute();
      expect(sessions).toEqual([{ staff_user_id: operator.id }]);
    } finally {
      await production.close();
    }
  });

  it('locks a staff account after repeated failures and refuses disabled accounts', async () => {
    const operator = await createStaffUser(context.database.db);
    for (let attempt = 0; attempt < 4; attempt++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/staff/auth/login',
        payload: { email: operator.email, password: 'wrong' },
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      payload: { email: operator.email, password: 'wrong' },
    });
    expect(locked.statusCode).toBe(423);
    const disabled = await createStaffUser(context.database.db, { disabled_at: clock });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      payload: { email: disabled.email, password: disabled.password },
    });
    expect(refused.statusCode).toBe(403);
  });
});
