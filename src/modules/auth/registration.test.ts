import { beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf, fieldsOf } from '../../../tests/support/http.ts';
import {
  createContract,
  createContractHolder,
  createCustomer,
  createCustomerLogin,
  createInvoice,
  createServicePoint,
  createTermsVersion,
  DEFAULT_ACTIVATION_CODE,
  DEFAULT_PASSWORD,
} from '../../../tests/support/factories.ts';
import { sessionCookieOf } from '../../../tests/support/sessions.ts';
import { appSendingMail } from '../../../tests/support/mail-app.ts';
import { sha256Hex } from './tokens.ts';

const NOW = new Date('2025-03-10T09:00:00Z');

describeEachDatabase('customer registration', (context) => {
  const suite = appSendingMail(context, { config: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' }, now: () => NOW });
  let termsVersion: string;
  beforeEach(async () => {
    termsVersion = (await createTermsVersion(context.database.db, { version: '2025.1' })).version;
  });

  const register = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    suite.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload, headers });

  const counts = async () => ({
    logins: (await context.database.db.selectFrom('customer_logins').select('id').execute()).length,
    tokens: (await context.database.db.selectFrom('login_tokens').select('id').execute()).length,
    acceptances: (await context.database.db.selectFrom('terms_acceptances').select('id').execute()).length,
  });

  it('registers with the activation code, confirms the e-mail, signs in, shows the session and signs out', async () => {
    const { customer } = await createContractHolder(context.database.db);
    const email = 'Anna.Nowak@Example.pl';
    const answer = await register({
      customerNumber: customer.customer_number,
      activationCode: ' abcd efgh-2345 ',
      email,
      password: DEFAULT_PASSWORD,
      acceptTerms: true,
      termsVersion,
    });
    expect(answer.statusCode).toBe(202);
    expect(answer.json<{ message: string }>().message).toContain('Wysłaliśmy wiadomość');

    const mail = await suite.mailbox.waitFor('anna.nowak@example.pl');
    expect(mail.subject).toBe('Potwierdź adres e-mail w iBOK');
    const token = /verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    expect(mail.html).toContain(`verify-email?token=${token}`);

    const { db } = context.database;
    const stored = await db.selectFrom('login_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(token!));
    expect(stored.purpose).toBe('verify_email');
    const acceptance = await db.selectFrom('terms_acceptances').selectAll().executeTakeFirstOrThrow();
    expect(acceptance.ip).toBe('127.0.0.1');
    const access = await db.selectFrom('customer_login_access').selectAll().executeTakeFirstOrThrow();
    expect(access).toMatchObject({ customer_id: customer.id, role: 'holder' });

    const beforeVerification = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: DEFAULT_PASSWORD },
    });
    expect(beforeVerification.statusCode).toBe(403);
    expect(errorOf(beforeVerification).code).toBe('email_not_verified');

    const verified = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token },
    });
    expect(verified.statusCode).toBe(200);
    const again = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token },
    });
    expect(again.statusCode).toBe(400);
    expect(errorOf(again).code).toBe('invalid_token');

    const login = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: DEFAULT_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const body = login.json<{ csrfToken: string }>();
    expect(body).toMatchObject({
      twoFactorRequired: false,
      user: {
        email: 'anna.nowak@example.pl',
        language: 'pl',
        twoFactorEnabled: false,
        customers: [{ id: customer.id, customerNumber: customer.customer_number, role: 'holder' }],
      },
      termsAcceptanceRequired: null,
    });
    const cookie = login.cookies.find((entry) => entry.name === 'ibok_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.token_hash).toBe(sha256Hex(cookie.value));

    const headers = { cookie: `ibok_session=${cookie.value}`, 'x-csrf-token': body.csrfToken };
    const current = await suite.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: headers.cookie },
    });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({
      user: { email: 'anna.nowak@example.pl' },
      csrfToken: body.csrfToken,
    });

    const logout = await suite.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((entry) => entry.name === 'ibok_session')?.value).toBe('');
    const afterLogout = await suite.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: headers.cookie },
    });
    expect(afterLogout.statusCode).toBe(401);
  });

  it('accepts the number and gross amount of a recent invoice instead of the code', async () => {
    const { customer, servicePoint } = await createContractHolder(context.database.db, {
      activationCode: null,
    });
    const invoice = await createInvoice(context.database.db, {
      customerId: customer.id,
      servicePointId: servicePoint.id,
      net_grosze: 114_311,
      vat_grosze: 9_145,
    });
    const base = {
      customerNumber: customer.customer_number,
      email: 'faktura@example.pl',
      password: DEFAULT_PASSWORD,
      acceptTerms: true,
      termsVersion,
    };
    const wrongAmount = await register({
      ...base,
      invoiceNumber: invoice.number,
      invoiceAmount: '1 234,55 zł',
    });
    expect(wrongAmount.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(wrongAmount))).toEqual(['customerNumber', 'invoiceNumber', 'invoiceAmount']);
    const right = await register({
      ...base,
      invoiceNumber: invoice.number.toLowerCase(),
      invoiceAmount: '1 234,56 zł',
    });
    expect(right.statusCode).toBe(202);
    expect((await counts()).logins).toBe(1);
    await suite.mailbox.waitFor('faktura@example.pl');
  });

  it('refuses a wrong code, a customer without an active contract, weak passwords and missing terms, writing nothing', async () => {
    const { customer } = await createContractHolder(context.database.db);
    const formerCustomer = await createCustomer(context.database.db);
    const point = await createServicePoint(context.database.db);
    await createContract(context.database.db, {
      customerId: formerCustomer.id,
      servicePointId: point.id,
      valid_to: '2024-12-31',
    });
    const valid = {
      customerNumber: customer.customer_number,
      activationCode: DEFAULT_ACTIVATION_CODE,
      email: 'nowy@example.pl',
      password: DEFAULT_PASSWORD,
      acceptTerms: true,
      termsVersion,
    };
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...valid, activationCode: 'ABCD-EFGH-2346' }, ['customerNumber', 'activationCode']],
      [{ ...valid, customerNumber: '99999999' }, ['customerNumber', 'activationCode']],
      [{ ...valid, customerNumber: formerCustomer.customer_number }, ['customerNumber']],
      [{ ...valid, password: 'Krótkie1!' }, ['password']],
      [{ ...valid, password: 'Haslo2024!!!' }, ['password']],
      [{ ...valid, password: 'qwertyuiop123' }, ['password']],
      [{ ...valid, password: 'Wodociagi-iBOK-2025' }, ['password']],
      [{ ...valid, acceptTerms: undefined }, ['acceptTerms']],
      [{ ...valid, acceptTerms: false }, ['acceptTerms']],
      [{ ...valid, termsVersion: '2019.1' }, ['termsVersion']],
      [{ ...valid, activationCode: undefined }, ['activationCode']],
      [{ ...valid, email: 'not-an-address' }, ['email']],
    ];
    for (const [payload, fields] of cases) {
      const response = await register(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
      const messages = fieldsOf(response);
      expect(Object.keys(messages).sort(), JSON.stringify(payload)).toEqual([...fields].sort());
      for (const field of fields) expect(messages[field]).toMatch(/[a-ząćęłńóśźż]/i);
    }
    expect(await counts()).toEqual({ logins: 0, tokens: 0, acceptances: 0 });
    expect(
      suite.mailbox.messages.filter((message) => message.envelopeTo.includes('nowy@example.pl')),
    ).toEqual([]);
  });

  it('explains problems in Polish by default and in English on request', async () => {
    const polish = await register({ customerNumber: '12', email: 'x' });
    expect(fieldsOf(polish)).toMatchObject({
      customerNumber: 'Numer klienta to od 6 do 10 cyfr (znajdziesz go na fakturze).',
      acceptTerms: 'Aby założyć konto, zaakceptuj regulamin iBOK.',
    });
    const english = await register(
      { customerNumber: '12', email: 'x' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(errorOf(english)).toMatchObject({
      message: 'Please correct the marked fields.',
      fields: {
        customerNumber: 'The customer number has 6 to 10 digits (it is printed on the invoice).',
        email: 'Enter a valid e-mail address.',
      },
    });
    const { customer } = await createContractHolder(context.database.db);
    const weak = await register(
      {
        customerNumber: customer.customer_number,
        activationCode: DEFAULT_ACTIVATION_CODE,
        email: 'a@example.pl',
        password: 'short',
        acceptTerms: true,
        termsVersion,
      },
      { 'accept-language': 'en' },
    );
    expect(fieldsOf(weak).password).toBe('The password must be at least 12 characters long.');
  });

  it('answers the same for an address that already has a login, and tells its owner by e-mail instead', async () => {
    const first = await createContractHolder(context.database.db);
    const second = await createContractHolder(context.database.db);
    await createCustomerLogin(context.database.db, {
      email: 'zajety@example.pl',
      customerIds: [first.customer.id],
      language: 'en',
    });
    const payload = (customerNumber: string, email: string) => ({
      customerNumber,
      activationCode: DEFAULT_ACTIVATION_CODE,
      email,
      password: DEFAULT_PASSWORD,
      acceptTerms: true,
      termsVersion,
    });
    const taken = await register(payload(second.customer.customer_number, 'ZAJETY@example.pl'));
    const fresh = await register(payload(second.customer.customer_number, 'wolny@example.pl'));
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
    const notice = await suite.mailbox.waitFor('zajety@example.pl');
    expect(notice.subject).toBe('An iBOK account for this address already exists');
    expect(notice.text).not.toMatch(/token=/);
    const logins = await context.database.db
      .selectFrom('customer_logins')
      .select('email')
      .orderBy('id')
      .execute();
    expect(logins.map((login) => login.email)).toEqual(['zajety@example.pl', 'wolny@example.pl']);
    const access = await context.database.db
      .selectFrom('customer_login_access')
      .select('customer_id')
      .execute();
    expect(access.map((row) => row.customer_id).sort()).toEqual(
      [first.customer.id, second.customer.id].sort(),
    );
  });

  it('publishes the current terms in the requested language', async () => {
    await createTermsVersion(context.database.db, {
      version: '2099.1',
      effective_from: '2099-01-01',
      title_pl: 'Przyszły',
    });
    const polish = await suite.app.inject({ url: '/api/v1/terms/ibok/current' });
    expect(polish.json()).toEqual({
      version: '2025.1',
      effectiveFrom: '2020-01-01',
      title: 'Regulamin iBOK',
      body: '§ 1. Postanowienia ogólne.',
    });
    const english = await suite.app.inject({
      url: '/api/v1/terms/ibok/current',
      headers: { 'accept-language': 'en' },
    });
    expect(english.json()).toMatchObject({ title: 'iBOK terms of service' });
    expect(sessionCookieOf(polish)).toBeUndefined();
  });

  it('stops guessing one customer number after 10 wrong codes from any address or process, for an hour', async () => {
    const { customer } = await createContractHolder(context.database.db);
    let clock = NOW;
    const config = testConfig({ SMTP_URL: suite.mailbox.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    const other = await buildTestApp(context.database, { config, now: () => clock });
    try {
      const attempt = (target: App, activationCode: string, address: string) =>
        target.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          remoteAddress: address,
          payload: {
            customerNumber: customer.customer_number,
            activationCode,
            email: 'zgadujacy@example.pl',
            password: DEFAULT_PASSWORD,
            acceptTerms: true,
            termsVersion,
          },
        });
      // Ten wrong codes, from ten addresses, half of them to another process of the application.
      for (let guess = 0; guess < 10; guess++) {
        const wrong = await attempt(
          guess % 2 ? other : suite.app,
          `ZZZZ-ZZZZ-ZZ${guess}${guess}`,
          `198.51.100.${guess}`,
        );
        expect(wrong.statusCode).toBe(400);
      }
      // Now even the right code is refused for this customer number, in both processes.
      const blocked = await attempt(other, DEFAULT_ACTIVATION_CODE, '203.0.113.7');
      expect(blocked.statusCode).toBe(429);
      expect(errorOf(blocked).message).toContain('Zbyt wiele nieudanych prób dla tego numeru klienta');
      expect((await attempt(suite.app, DEFAULT_ACTIVATION_CODE, '203.0.113.8')).statusCode).toBe(429);
      expect((await counts()).logins).toBe(0);

      // An hour later the owner can register.
      clock = new Date(NOW.getTime() + 60 * 60_000 + 1000);
      expect((await attempt(other, DEFAULT_ACTIVATION_CODE, '203.0.113.7')).statusCode).toBe(202);
    } finally {
      await other.close();
    }
  });
});
