import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import {
  createCustomer,
  createCustomerLogin,
  createStaffUser,
  createTermsVersion,
} from '../../../tests/support/factories.ts';
import { errorOf, fieldsOf } from '../../../tests/support/http.ts';
import {
  billMonths,
  createPortalCustomer,
  monthEndReadings,
  portalClient,
} from '../../../tests/support/portal-fixtures.ts';
import { signInStaff } from '../../../tests/support/sessions.ts';
import { pdfText } from './test-support.ts';

describeEachDatabase('e-invoice consent', (context) => {
  let app: App | undefined;
  let dataDirectory: string;
  beforeAll(() => {
    dataDirectory = mkdtempSync(path.join(tmpdir(), 'ibok-consent-'));
  });
  afterAll(() => {
    rmSync(dataDirectory, { recursive: true, force: true });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setUp() {
    const { db } = context.database;
    await createTermsVersion(db, {
      document: 'e_invoice',
      version: 'EF-2025.1',
      title_pl: 'Regulamin e-faktur',
      body_pl: '§ 1. Faktury w formie elektronicznej.',
    });
    const customer = await createPortalCustomer(db, {
      customer: { first_name: 'Łucja', last_name: 'Żółkiewska' },
      main: { readings: monthEndReadings('2024-01', '2026-11', 4500) },
    });
    app = await buildTestApp(context.database, { config: testConfig({ DATA_DIR: dataDirectory }) });
    return { customer, client: await portalClient(app, customer.login) };
  }

  it('documents its routes in the OpenAPI description', async () => {
    app = await buildTestApp(context.database);
    const spec = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const route of [
      '/api/v1/me/e-invoice',
      '/api/v1/me/e-invoice/statement.pdf',
      '/api/v1/me/e-invoice/history',
      '/api/v1/e-invoice/statement.pdf',
      '/api/v1/me/notifications/preferences',
      '/api/v1/staff/e-invoices/customers/{customerId}/paper-consents',
      '/api/v1/staff/e-invoices/consents/{consentId}/scan',
      '/api/v1/staff/e-invoices/deliveries',
      '/api/v1/staff/e-invoices/invoices/{invoiceId}/resend',
      '/api/v1/staff/e-invoices/print-batches',
      '/api/v1/staff/notifications',
    ]) {
      expect(spec.paths[route], route).toBeDefined();
    }
    expect(Object.keys(spec.paths['/api/v1/me/e-invoice']!)).toEqual(['get', 'post']);
  });

  it('shows the terms, records an acceptance with version, time, IP and address, and a withdrawal', async () => {
    const { customer, client } = await setUp();
    const { db } = context.database;
    const initial = await client.get('/api/v1/me/e-invoice');
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({
      terms: { version: 'EF-2025.1', title: 'Regulamin e-faktur' },
      suggestedEmail: customer.login.email,
      customers: [
        {
          customerId: customer.customerId,
          customerNumber: customer.customerNumber,
          name: 'Łucja Żółkiewska',
          active: false,
          email: null,
        },
      ],
    });

    const stale = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-2024.9',
      email: 'lucja@example.pl',
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).message).toContain('EF-2025.1');
    const badAddress = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-2025.1',
      email: 'not-an-address',
    });
    expect(badAddress.statusCode).toBe(400);
    expect(fieldsOf(badAddress)['email']).toBe('Podaj prawidłowy adres e-mail.');

    const accepted = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-2025.1',
      email: 'lucja@example.pl',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      active: true,
      email: 'lucja@example.pl',
      channel: 'portal',
      termsVersion: 'EF-2025.1',
    });
    const again = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-2025.1',
      email: 'lucja@example.pl',
    });
    expect(again.json()).toMatchObject({ active: true });

    const rows = await db.selectFrom('e_invoice_consents').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'granted',
      channel: 'portal',
      email: 'lucja@example.pl',
      ip: '127.0.0.1',
      customer_login_id: customer.login.id,
    });
    expect(rows[0]!.terms_version_id).not.toBeNull();

    const withdrawn = await client.post('/api/v1/me/e-invoice', { action: 'withdraw' });
    expect(withdrawn.json()).toMatchObject({ active: false, email: null, channel: 'portal' });
    const history = await client.get('/api/v1/me/e-invoice/history');
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({
      customerId: customer.customerId,
      entries: [
        { action: 'withdrawn', channel: 'portal', email: null, termsVersion: null },
        { action: 'granted', channel: 'portal', email: 'lucja@example.pl', termsVersion: 'EF-2025.1' },
      ],
    });
    expect(await db.selectFrom('e_invoice_consents').select('action').orderBy('id').execute()).toEqual([
      { action: 'granted' },
      { action: 'withdrawn' },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'entity_id'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'e_invoice.consent_granted', actor_kind: 'customer', entity_id: String(customer.customerId) },
      {
        action: 'e_invoice.consent_withdrawn',
        actor_kind: 'customer',
        entity_id: String(customer.customerId),
      },
    ]);
  });

  it("never reaches another customer's consent, and asks which customer when the login holds several", async () => {
    const { client } = await setUp();
    const { db } = context.database;
    const stranger = await createCustomer(db);
    const foreign = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      customerId: stranger.id,
      termsVersion: 'EF-2025.1',
      email: 'x@example.pl',
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await client.get(`/api/v1/me/e-invoice/statement.pdf?customerId=${stranger.id}`)).statusCode,
    ).toBe(404);
    expect((await client.get(`/api/v1/me/e-invoice/history?customerId=${stranger.id}`)).statusCode).toBe(404);
    expect(await db.selectFrom('e_invoice_consents').selectAll().execute()).toEqual([]);

    const first = await createCustomer(db);
    const second = await createCustomer(db);
    const manager = await createCustomerLogin(db, { customerIds: [first.id, second.id], role: 'manager' });
    const managerClient = await portalClient(app!, manager);
    const ambiguous = await managerClient.post('/api/v1/me/e-invoice', { action: 'withdraw' });
    expect(ambiguous.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(ambiguous))).toEqual(['customerId']);
    const chosen = await managerClient.post('/api/v1/me/e-invoice', {
      action: 'accept',
      customerId: second.id,
      termsVersion: 'EF-2025.1',
      email: 'zarzadca@example.pl',
    });
    expect(chosen.json()).toMatchObject({ customerId: second.id, active: true });
    const status = (await managerClient.get('/api/v1/me/e-invoice')).json<{
      customers: { customerId: number; active: boolean }[];
    }>();
    expect(status.customers.map((entry) => [entry.customerId, entry.active])).toEqual([
      [first.id, false],
      [second.id, true],
    ]);
    expect((await app!.inject({ url: '/api/v1/me/e-invoice' })).statusCode).toBe(401);
  });

  it('takes effect for invoices issued after it: e-mail while accepted, paper after the withdrawal', async () => {
    const { client } = await setUp();
    const { db } = context.database;
    await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-2025.1',
      email: 'lucja@example.pl',
    });
    await billMonths(context.database, ['2026-10']);
    await client.post('/api/v1/me/e-invoice', { action: 'withdraw' });
    await billMonths(context.database, ['2026-11']);
    const invoices = await db
      .selectFrom('invoices')
      .select(['period_to', 'delivery'])
      .orderBy('period_to')
      .execute();
    expect(invoices).toEqual([
      { period_to: '2026-10-31', delivery: 'email' },
      { period_to: '2026-11-30', delivery: 'paper' },
    ]);
  });

  it('prints the paper statement of acceptance filled in with the customer data', async () => {
    const { customer, client } = await setUp();
    const response = await client.get('/api/v1/me/e-invoice/statement.pdf?email=lucja%40example.pl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `oswiadczenie-e-faktura-${customer.customerNumber}.pdf`,
    );
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Oświadczenie odbiorcy o akceptacji stosowania faktur elektronicznych');
    expect(text).toContain('(eFaktur)');
    expect(text).toContain('Łucja Żółkiewska');
    expect(text).toContain(customer.customerNumber);
    expect(text).toContain('lucja@example.pl');
    expect(text).toContain('art. 106n');
    expect(text).toContain('EF-2025.1');
  });

  it('gives anyone the blank statement, with lines to write on and no customer data', async () => {
    const { customer } = await setUp();
    const response = await app!.inject({ url: '/api/v1/e-invoice/statement.pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="oswiadczenie-e-faktura.pdf"');
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Oświadczenie odbiorcy o akceptacji stosowania faktur elektronicznych');
    expect(text).toMatch(/Imię i nazwisko \/ nazwa: \.{20,}/);
    expect(text).toMatch(/Numer klienta: \.{20,}/);
    expect(text).toContain('EF-2025.1');
    expect(text).not.toContain(customer.customerNumber);
    expect(text).not.toContain('Łucja');
  });

  it('lets staff record a paper statement with its scan and see the full history; read-only staff only read', async () => {
    const { customer, client } = await setUp();
    const { db } = context.database;
    const operator = await createStaffUser(db, { role: 'operator', fullName: 'Ewa Operator' });
    const reader = await createStaffUser(db, { role: 'read_only' });
    const asOperator = await signInStaff(app!, operator);
    const asReader = await signInStaff(app!, reader);
    const base = `/api/v1/staff/e-invoices/customers/${customer.customerId}`;
    const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });

    const refused = await app!.inject({
      method: 'POST',
      url: `${base}/paper-consents`,
      headers: json(asReader.headers),
      payload: { action: 'granted', email: 'a@example.pl', receivedOn: '2025-01-10' },
    });
    expect(refused.statusCode).toBe(403);
    const future = await app!.inject({
      method: 'POST',
      url: `${base}/paper-consents`,
      headers: json(asOperator.headers),
      payload: { action: 'granted', email: 'a@example.pl', receivedOn: '2999-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(future))).toEqual(['receivedOn']);
    const withoutEmail = await app!.inject({
      method: 'POST',
      url: `${base}/paper-consents`,
      headers: json(asOperator.headers),
      payload: { action: 'granted', receivedOn: '2025-01-10' },
    });
    expect(Object.keys(fieldsOf(withoutEmail))).toEqual(['email']);

    const recorded = await app!.inject({
      method: 'POST',
      url: `${base}/paper-consents`,
      headers: json(asOperator.headers),
      payload: { action: 'granted', email: 'papier@example.pl', receivedOn: '2025-01-10' },
    });
    expect(recorded.statusCode).toBe(201);
    const { consentId } = recorded.json<{ consentId: number }>();
    expect(recorded.json()).toMatchObject({
      status: { active: true, email: 'papier@example.pl', channel: 'paper', termsVersion: 'EF-2025.1' },
    });

    const scanUrl = `/api/v1/staff/e-invoices/consents/${consentId}/scan`;
    const scan = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(2048, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    const uploaded = await app!.inject({
      method: 'PUT',
      url: scanUrl,
      headers: { ...asOperator.headers, 'content-type': 'application/pdf' },
      payload: scan,
    });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json()).toMatchObject({
      channel: 'paper',
      paperReceivedOn: '2025-01-10',
      scan: { contentType: 'application/pdf', sizeBytes: scan.length },
    });
    const program = await app!.inject({
      method: 'PUT',
      url: scanUrl,
      headers: { ...asOperator.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('MZ\x90\x00 not a pdf'),
    });
    expect(program.statusCode).toBe(415);
    const huge = await app!.inject({
      method: 'PUT',
      url: scanUrl,
      headers: { ...asOperator.headers, 'content-type': 'image/png' },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(huge.statusCode).toBe(400);
    expect(errorOf(huge).message).toContain('10 MB');
    const text = await app!.inject({
      method: 'PUT',
      url: scanUrl,
      headers: { ...asOperator.headers, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);

    const downloaded = await app!.inject({ url: scanUrl, headers: { cookie: asReader.cookie } });
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.rawPayload.equals(scan)).toBe(true);

    await client.post('/api/v1/me/e-invoice', { action: 'withdraw' });
    const history = await app!.inject({ url: base, headers: { cookie: asReader.cookie } });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({
      status: { active: false },
      history: [
        { action: 'withdrawn', channel: 'portal', customerLoginId: customer.login.id },
        {
          action: 'granted',
          channel: 'paper',
          email: 'papier@example.pl',
          staffName: 'Ewa Operator',
          paperReceivedOn: '2025-01-10',
          scan: { contentType: 'application/pdf' },
        },
      ],
    });
    const statement = await app!.inject({
      url: `${base}/statement.pdf`,
      headers: { cookie: asReader.cookie },
    });
    expect(pdfText(statement.rawPayload)).toContain(customer.customerNumber);
    expect((await client.get(base)).statusCode).toBe(401);
  });
});
