import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf, fieldsOf } from '../../../tests/support/http.ts';
import { createContractHolder, createCustomerLogin } from '../../../tests/support/factories.ts';
import { signInCustomer } from '../../../tests/support/sessions.ts';
import { appSendingMail } from '../../../tests/support/mail-app.ts';

describeEachDatabase('password reset', (context) => {
  const suite = appSendingMail(context);

  const requestReset = (email: string, headers: Record<string, string> = {}) =>
    suite.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, headers });
  const confirm = (token: string, password: string) =>
    suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password },
    });

  it('sets a new password from the e-mailed link and signs out every old session', async () => {
    const { customer } = await createContractHolder(context.database.db);
    const owner = await createCustomerLogin(context.database.db, {
      customerIds: [customer.id],
      email: 'reset@example.pl',
      language: 'en',
    });
    const laptop = await signInCustomer(suite.app, owner);
    const phone = await signInCustomer(suite.app, owner);
    // Five failures lock the account; the reset lifts the lock.
    for (let attempt = 0; attempt < 5; attempt++) {
      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: owner.email, password: 'wrong password' },
      });
    }

    const unknown = await requestReset('nobody@example.pl');
    const known = await requestReset('RESET@example.pl');
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);

    const mail = await suite.mailbox.waitFor('reset@example.pl');
    expect(mail.subject).toBe('Set a new password for iBOK');
    const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;

    const weak = await confirm(token, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(weak))).toEqual(['password']);
    const newPassword = 'Nowe-Hasło-Na-Wiosnę-2025';
    const changed = await confirm(token, newPassword);
    expect(changed.statusCode).toBe(200);
    expect(errorOf(await confirm(token, newPassword)).code).toBe('invalid_token');
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_id', 'ip'])
      .execute();
    expect(audit).toEqual([
      {
        action: 'customer_login.password_reset',
        actor_kind: 'customer',
        actor_id: owner.id,
        ip: '127.0.0.1',
      },
    ]);

    for (const old of [laptop, phone]) {
      expect(
        (await suite.app.inject({ url: '/api/v1/auth/session', headers: { cookie: old.cookie } })).statusCode,
      ).toBe(401);
    }
    const oldPassword = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: owner.password },
    });
    expect(oldPassword.statusCode).toBe(401);
    await signInCustomer(suite.app, { email: owner.email, password: newPassword });
    expect(
      (await suite.mailbox.waitFor('reset@example.pl', { after: suite.mailbox.messages.indexOf(mail) + 1 }))
        .subject,
    ).toBe('Your iBOK password was changed');
  });

  it('keeps only the newest link working', async () => {
    const owner = await createCustomerLogin(context.database.db, { email: 'dwa-linki@example.pl' });
    await requestReset(owner.email);
    const first = await suite.mailbox.waitFor(owner.email);
    await requestReset(owner.email);
    const second = await suite.mailbox.waitFor(owner.email, {
      after: suite.mailbox.messages.indexOf(first) + 1,
    });
    const tokenOf = (text: string) => /token=([A-Za-z0-9_-]{43})/.exec(text)![1]!;
    expect(first.subject).toBe('Ustaw nowe hasło do iBOK');
    expect((await confirm(tokenOf(first.text), 'Pierwszy-Link-Nie-Działa-1')).statusCode).toBe(400);
    expect((await confirm(tokenOf(second.text), 'Drugi-Link-Działa-Dobrze-2')).statusCode).toBe(200);
  });
});
