import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createContractHolder, createCustomerLogin } from '../../../../tests/support/factories.ts';
import { errorOf } from '../../../../tests/support/http.ts';
import { appSendingMail } from '../../../../tests/support/mail-app.ts';
import { newTotpSecret } from '../../auth/totp.ts';
import { auditOf, staffSession } from '../test-fixtures.ts';

describeEachDatabase("back office: turning off a customer's two-step sign-in", (context) => {
  const suite = appSendingMail(context);

  const customerLogin = async (email: string) => {
    const { customer } = await createContractHolder(context.database.db);
    const secret = newTotpSecret();
    const login = await createCustomerLogin(context.database.db, {
      customerIds: [customer.id],
      email,
      totpSecret: secret,
    });
    return { customerId: customer.id, login, secret };
  };
  const turnOff = (headers: Record<string, string>, customerId: number, loginId: number) =>
    suite.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${customerId}/logins/${loginId}/two-factor/disable`,
      headers,
    });
  const signIn = (login: { email: string; password: string }) =>
    suite.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login });

  it('lets an operator turn it off for a login of the customer: password alone signs in, audited, owner told', async () => {
    const { customerId, login } = await customerLogin('zgubiony.telefon@example.pl');
    // Before: the password is not enough.
    expect((await signIn(login)).json()).toMatchObject({ twoFactorRequired: true });

    const operator = await staffSession(suite.app, context.database.db, 'operator');
    const answer = await turnOff(operator.headers, customerId, login.id);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ twoFactor: false });

    const signedIn = await signIn(login);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { email: login.email, twoFactorEnabled: false } });
    const audit = await auditOf(context.database.db, 'customer_login', login.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'customer_login.two_factor_disabled', actor_kind: 'staff' }),
    ]);
    const mail = await suite.mailbox.waitFor('zgubiony.telefon@example.pl');
    expect(mail.subject).toBe('Logowanie dwuetapowe w iBOK zostało wyłączone');

    // Again: nothing to turn off.
    const again = await turnOff(operator.headers, customerId, login.id);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe('Logowanie dwuetapowe tego konta jest już wyłączone.');
  });

  it("refuses read-only staff and another customer's login, changing nothing", async () => {
    const first = await customerLogin('pierwszy@example.pl');
    const second = await customerLogin('drugi@example.pl');
    const reader = await staffSession(suite.app, context.database.db, 'read_only');
    expect((await turnOff(reader.headers, first.customerId, first.login.id)).statusCode).toBe(403);
    const operator = await staffSession(suite.app, context.database.db, 'operator');
    const foreign = await turnOff(operator.headers, first.customerId, second.login.id);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).message).toBe('Nie znaleziono konta iBOK tego klienta.');
    const secrets = await context.database.db
      .selectFrom('customer_logins')
      .select('totp_secret')
      .orderBy('id')
      .execute();
    expect(secrets).toEqual([{ totp_secret: first.secret }, { totp_secret: second.secret }]);
    expect(await auditOf(context.database.db, 'customer_login', second.login.id)).toEqual([]);
  });
});
