import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf, fieldsOf } from '../../../tests/support/http.ts';
import {
  createContractHolder,
  createCustomerLogin,
  DEFAULT_PASSWORD,
} from '../../../tests/support/factories.ts';
import { signInCustomer, type SignedIn } from '../../../tests/support/sessions.ts';
import { appSendingMail } from '../../../tests/support/mail-app.ts';

describeEachDatabase('sign-in e-mail change', (context) => {
  let now = new Date('2026-11-20T10:00:00Z');
  beforeEach(() => {
    now = new Date('2026-11-20T10:00:00Z');
  });
  const suite = appSendingMail(context, { now: () => now });

  const requestChange = (signedIn: SignedIn, payload: Record<string, unknown>) =>
    suite.app.inject({ method: 'POST', url: '/api/v1/me/email-change', payload, headers: signedIn.headers });
  const confirm = (token: string) =>
    suite.app.inject({ method: 'POST', url: '/api/v1/auth/confirm-email-change', payload: { token } });
  const tokenIn = (text: string) => /change-email\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

  async function owner(email = 'stary@example.pl') {
    const { customer } = await createContractHolder(context.database.db);
    const login = await createCustomerLogin(context.database.db, { customerIds: [customer.id], email });
    return { login, signedIn: await signInCustomer(suite.app, login) };
  }

  it('moves the sign-in to the new address once the link sent there is opened, and tells the old one', async () => {
    const { login, signedIn } = await owner();
    const before = suite.mailbox.messages.length;
    const asked = await requestChange(signedIn, { newEmail: 'Nowy@Example.pl', password: DEFAULT_PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json<{ message: string }>().message).toContain('Nowy@Example.pl');

    const link = await suite.mailbox.waitFor('nowy@example.pl', { after: before });
    expect(link.subject).toBe('Potwierdź nowy adres e-mail w iBOK');
    const notice = await suite.mailbox.waitFor('stary@example.pl', { after: before });
    expect(notice.subject).toBe('Prośba o zmianę adresu e-mail w iBOK');
    expect(notice.text).toContain('nowy@example.pl');
    // Nothing changes before the link is opened: the old address still signs in.
    await signInCustomer(suite.app, login);

    const token = tokenIn(link.text)!;
    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<{ email: string }>().email).toBe('nowy@example.pl');
    const row = await context.database.db
      .selectFrom('customer_logins')
      .select(['email', 'email_verified_at'])
      .where('id', '=', login.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: 'nowy@example.pl', email_verified_at: now });
    const changed = await suite.mailbox.waitFor('stary@example.pl', {
      after: suite.mailbox.messages.indexOf(notice) + 1,
    });
    expect(changed.subject).toBe('Adres e-mail w iBOK został zmieniony');

    // The link works once; the new address signs in, the old one no longer does.
    expect(errorOf(await confirm(token)).code).toBe('invalid_token');
    await signInCustomer(suite.app, { email: 'nowy@example.pl', password: DEFAULT_PASSWORD });
    const old = await suite.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login });
    expect(old.statusCode).toBe(401);
    // Both steps are in the audit log, without the addresses.
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_id', 'entity_id', 'ip', 'after'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual(
      ['customer_login.email_change_requested', 'customer_login.email_changed'].map((action) => ({
        action,
        actor_kind: 'customer',
        actor_id: login.id,
        entity_id: String(login.id),
        ip: '127.0.0.1',
        after: null,
      })),
    );
    // The session that asked for the change goes on.
    const session = await suite.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: signedIn.cookie },
    });
    expect(session.json<{ user: { email: string } }>().user.email).toBe('nowy@example.pl');
  });

  it('asks for the password, refuses the current address and a malformed one, and changes nothing', async () => {
    const { login, signedIn } = await owner();
    const before = suite.mailbox.messages.length;
    const wrongPassword = await requestChange(signedIn, {
      newEmail: 'nowy@example.pl',
      password: 'not the password',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(fieldsOf(wrongPassword)).toEqual({ password: 'Nieprawidłowe hasło.' });
    const same = await requestChange(signedIn, { newEmail: 'STARY@example.pl', password: DEFAULT_PASSWORD });
    expect(Object.keys(fieldsOf(same))).toEqual(['newEmail']);
    const malformed = await requestChange(signedIn, { newEmail: 'nie-adres', password: DEFAULT_PASSWORD });
    expect(Object.keys(fieldsOf(malformed))).toEqual(['newEmail']);
    const withoutCsrf = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/me/email-change',
      payload: { newEmail: 'nowy@example.pl', password: DEFAULT_PASSWORD },
      headers: { cookie: signedIn.cookie },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const anonymous = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/me/email-change',
      payload: { newEmail: 'nowy@example.pl', password: DEFAULT_PASSWORD },
    });
    expect(anonymous.statusCode).toBe(401);

    const tokens = await context.database.db
      .selectFrom('login_tokens')
      .select('id')
      .where('customer_login_id', '=', login.id)
      .where('purpose', '=', 'change_email')
      .execute();
    expect(tokens).toEqual([]);
    // A valid request afterwards: its two messages are the only ones sent since the refusals.
    await requestChange(signedIn, { newEmail: 'nowy@example.pl', password: DEFAULT_PASSWORD });
    await suite.mailbox.waitFor('nowy@example.pl', { after: before });
    await suite.mailbox.waitFor('stary@example.pl', { after: before });
    expect(suite.mailbox.messages.slice(before).map((message) => message.envelopeTo)).toHaveLength(2);
  });

  it('answers the same for an address that already has an account, which gets a notice and no link', async () => {
    const { signedIn } = await owner();
    await owner('zajety@example.pl');
    const free = await requestChange(signedIn, { newEmail: 'wolny@example.pl', password: DEFAULT_PASSWORD });
    const taken = await requestChange(signedIn, {
      newEmail: 'zajety@example.pl',
      password: DEFAULT_PASSWORD,
    });
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.json<{ message: string }>().message).toBe(
      free.json<{ message: string }>().message.replace('wolny@', 'zajety@'),
    );
    const notice = await suite.mailbox.waitFor('zajety@example.pl');
    expect(notice.subject).toBe('Ten adres e-mail ma już konto w iBOK');
    expect(tokenIn(notice.text)).toBeUndefined();
  });

  it('honours only the latest link, not after a day, and not when the address was taken meanwhile', async () => {
    const { signedIn } = await owner();
    let before = suite.mailbox.messages.length;
    await requestChange(signedIn, { newEmail: 'pierwszy@example.pl', password: DEFAULT_PASSWORD });
    const first = tokenIn((await suite.mailbox.waitFor('pierwszy@example.pl', { after: before })).text)!;
    before = suite.mailbox.messages.length;
    await requestChange(signedIn, { newEmail: 'drugi@example.pl', password: DEFAULT_PASSWORD });
    const second = tokenIn((await suite.mailbox.waitFor('drugi@example.pl', { after: before })).text)!;
    expect(errorOf(await confirm(first)).code).toBe('invalid_token');

    // Someone registers the address before the link is opened: the change is refused, not half made.
    await createCustomerLogin(context.database.db, { email: 'DRUGI@example.pl' });
    const conflict = await confirm(second);
    expect(conflict.statusCode).toBe(409);
    expect(errorOf(conflict).message).toContain('Adres logowania nie został zmieniony');
    const stored = await context.database.db
      .selectFrom('login_tokens')
      .select('used_at')
      .where('new_email', '=', 'drugi@example.pl')
      .executeTakeFirstOrThrow();
    expect(stored.used_at).toBeNull();

    before = suite.mailbox.messages.length;
    await requestChange(signedIn, { newEmail: 'trzeci@example.pl', password: DEFAULT_PASSWORD });
    const third = tokenIn((await suite.mailbox.waitFor('trzeci@example.pl', { after: before })).text)!;
    now = new Date(now.getTime() + 24 * 3_600_000 + 1000);
    expect(errorOf(await confirm(third)).code).toBe('invalid_token');
  });
});
