import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomerLogin } from '../../../../tests/support/factories.ts';
import { createPortalCustomer, portalClient } from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { ProfileAnswer } from './routes.ts';

describeEachDatabase('portal profile', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('shows contact data and preferences, and changes phone, language and preferences', async () => {
    const customer = await createPortalCustomer(context.database.db, {
      customer: { email: 'jan@example.pl', phone: null },
    });
    app = await buildTestApp(context.database);
    const client = await portalClient(app, customer.login);
    const before = (await client.get('/api/v1/me/profile')).json<ProfileAnswer>();
    expect(before.login).toEqual({ email: customer.login.email, language: 'pl' });
    expect(before.customers[0]).toMatchObject({
      customerId: customer.customerId,
      role: 'holder',
      editable: true,
      contact: {
        email: 'jan@example.pl',
        phone: null,
        address: { street: 'ul. Długa', postalCode: '87-800', city: 'Włocławek' },
      },
      notificationPreferences: { invoice_issued: { email: true, sms: false } },
    });

    const changed = await client.patch('/api/v1/me/profile', {
      phone: '600 100 200',
      language: 'en',
      notificationPreferences: { invoice_issued: { sms: true }, payment_due: { email: false } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<ProfileAnswer>().login.language).toBe('en');
    expect(changed.json<ProfileAnswer>().customers[0]!.contact!.phone).toBe('+48600100200');
    expect(changed.json<ProfileAnswer>().customers[0]!.notificationPreferences).toMatchObject({
      invoice_issued: { email: true, sms: true },
      payment_due: { email: false, sms: false },
    });
    const audit = await context.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'profile.updated')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_kind: 'customer',
      actor_id: customer.login.id,
      entity_id: String(customer.customerId),
    });
    expect(JSON.stringify(audit.after)).not.toContain('600100200');

    // Removing the number switches SMS off.
    const cleared = (await client.patch('/api/v1/me/profile', { phone: null })).json<ProfileAnswer>();
    expect(cleared.customers[0]!.notificationPreferences.invoice_issued).toEqual({ email: true, sms: false });
  });

  it('refuses a bad phone, SMS without a phone, and unknown fields', async () => {
    const customer = await createPortalCustomer(context.database.db);
    app = await buildTestApp(context.database);
    const client = await portalClient(app, customer.login);
    const phone = await client.patch('/api/v1/me/profile', { phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json<ErrorBody>().error.fields).toEqual({
      phone: 'Podaj numer telefonu: 9 cyfr, opcjonalnie z prefiksem +48.',
    });
    const sms = await client.patch('/api/v1/me/profile', {
      notificationPreferences: { payment_overdue: { sms: true } },
    });
    expect(sms.json<ErrorBody>().error.fields).toEqual({
      'notificationPreferences.payment_overdue.sms': 'Aby włączyć powiadomienia SMS, podaj numer telefonu.',
    });
    const language = await client.patch('/api/v1/me/profile', { language: 'de' });
    expect(language.json<ErrorBody>().error.fields).toEqual({ language: 'Wybierz język: pl lub en.' });
    const unknownKind = await client.patch('/api/v1/me/profile', {
      notificationPreferences: { lottery: { email: true } },
    });
    expect(unknownKind.statusCode).toBe(400);
  });

  it('hides contact data from a manager and refuses a manager’s changes to them', async () => {
    const customer = await createPortalCustomer(context.database.db, { customer: { phone: '+48600100200' } });
    const manager = await createCustomerLogin(context.database.db, {
      customerIds: [customer.customerId],
      role: 'manager',
    });
    app = await buildTestApp(context.database);
    const client = await portalClient(app, manager);
    const profile = (await client.get('/api/v1/me/profile')).json<ProfileAnswer>();
    expect(profile.customers[0]).toMatchObject({ role: 'manager', editable: false, contact: null });
    expect(JSON.stringify(profile)).not.toContain('600100200');
    const change = await client.patch('/api/v1/me/profile', { phone: '600 200 300' });
    expect(change.statusCode).toBe(403);
    // The manager's own language is theirs to change.
    expect((await client.patch('/api/v1/me/profile', { language: 'en' })).statusCode).toBe(200);
  });
});
