import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { calendarDate, generatePesel, maskPesel } from '../../../domain/index.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomer, createCustomerLogin, createInvoice } from '../../../../tests/support/factories.ts';
import { fieldsOf } from '../../../../tests/support/http.ts';
import { activationCodeHash } from '../../auth/registration.ts';
import { auditOf, meteredCustomer, staffSession, type StaffSession } from '../test-fixtures.ts';

const pdftotextAvailable = spawnSync('pdftotext', ['-v']).error === undefined;
const PESEL = generatePesel(calendarDate('1980-05-17'), 123, 'male');
const COMPANY_NIP = '5260250274';

interface Page<Item> {
  items: Item[];
  total: number;
}

describeEachDatabase('back office: customers', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  const search = async (q: string) => {
    const response = await app.inject({
      url: `/api/v1/staff/customers?q=${encodeURIComponent(q)}`,
      headers: operator.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page<{ id: number; name: string; peselMasked: string | null }>>();
  };

  it('finds customers by name, customer number, address, meter serial, invoice number and NIP, PESEL masked', async () => {
    const { db } = context.database;
    const jan = await meteredCustomer(db, {
      serialNumber: 'ABC-12345',
      customer: {
        first_name: 'Jan',
        last_name: 'Kowalski',
        street: 'ul. Długa',
        building: '5',
        pesel: PESEL,
      },
    });
    const company = await createCustomer(db, {
      kind: 'company',
      first_name: null,
      last_name: null,
      company_name: 'Piekarnia Złoty Kłos Sp. z o.o.',
      nip: COMPANY_NIP,
      street: 'ul. Kaliska',
      building: '12',
    });
    const anna = await createCustomer(db, {
      first_name: 'Anna',
      last_name: 'Nowak',
      street: 'ul. Krótka',
      building: '7',
    });
    await createInvoice(db, {
      customerId: jan.customer.id,
      servicePointId: jan.servicePoint.id,
      number: 'FV/2026/10/000042',
    });

    const ids = async (q: string) => (await search(q)).items.map((item) => item.id);
    expect(await ids('kowalski')).toEqual([jan.customer.id]);
    expect(await ids('jan kowal')).toEqual([jan.customer.id]);
    expect(await ids('KOWALSKI Jan')).toEqual([jan.customer.id]);
    expect(await ids(company.customer_number)).toEqual([company.id]);
    expect(await ids('długa 5')).toEqual([jan.customer.id]);
    expect(await ids('krótka')).toEqual([anna.id]);
    expect(await ids('abc-123')).toEqual([jan.customer.id]);
    expect(await ids('fv/2026/10/000042')).toEqual([jan.customer.id]);
    expect(await ids('526-025-02-74')).toEqual([company.id]);
    expect(await ids('PL5260250274')).toEqual([company.id]);
    expect(await ids('złoty kłos')).toEqual([company.id]);
    expect(await ids(jan.servicePoint.code)).toEqual([jan.customer.id]);
    expect(await ids('kowalski krótka')).toEqual([]);
    expect((await search('')).total).toBe(3);

    const [found] = (await search('kowalski')).items;
    expect(found).toMatchObject({ name: 'Jan Kowalski', peselMasked: maskPesel(PESEL) });
    expect(JSON.stringify(await search('kowalski'))).not.toContain(PESEL);
  });

  it('creates and edits customers with an audit entry each (PESEL masked there too) and refuses bad identifiers', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: operator.headers,
      payload: {
        kind: 'person',
        firstName: 'Ewa',
        lastName: 'Wiśniewska',
        pesel: PESEL,
        address: { street: 'ul. Polna', building: '3', postalCode: '87-800', city: 'Włocławek' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const customer = created.json<{ id: number; customerNumber: string; peselMasked: string }>();
    expect(customer.customerNumber).toMatch(/^[0-9]{6,10}$/);
    expect(customer.peselMasked).toBe(maskPesel(PESEL));

    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/customers/${customer.id}`,
      headers: operator.headers,
      payload: {
        phone: '+48 600 100 200',
        address: { street: 'ul. Polna', building: '3A', postalCode: '87-800', city: 'Włocławek' },
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const entries = await auditOf(context.database.db, 'customer', customer.id);
    expect(entries.map((entry) => [entry.action, entry.actor_kind, entry.actor_id])).toEqual([
      ['customer.created', 'staff', operator.id],
      ['customer.updated', 'staff', operator.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain(PESEL);
    expect(entries[1]!.before).toEqual({ building: '3', phone: null });
    expect(entries[1]!.after).toEqual({ building: '3A', phone: '+48 600 100 200' });

    const badPesel = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: operator.headers,
      payload: {
        kind: 'person',
        firstName: 'A',
        lastName: 'B',
        pesel: '12345678901',
        address: { street: 'x', building: '1', postalCode: '87-800', city: 'W' },
      },
    });
    expect(badPesel.statusCode).toBe(400);
    expect(fieldsOf(badPesel)).toHaveProperty('pesel');
    const companyWithoutNip = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: operator.headers,
      payload: {
        kind: 'company',
        companyName: 'Firma',
        address: { street: 'x', building: '1', postalCode: '87-800', city: 'W' },
      },
    });
    expect(companyWithoutNip.statusCode).toBe(400);
    expect(fieldsOf(companyWithoutNip)).toHaveProperty('nip');
  });

  it('shows the 360 view with PESEL masked and reveals the full PESEL only on request, audited; read-only staff may not', async () => {
    const { db } = context.database;
    const jan = await meteredCustomer(db, {
      customer: { pesel: PESEL },
      readings: [
        ['2026-09-30', 104_500],
        ['2026-10-31', 109_150],
      ],
    });
    await createInvoice(db, { customerId: jan.customer.id, servicePointId: jan.servicePoint.id });

    const view = await app.inject({
      url: `/api/v1/staff/customers/${jan.customer.id}`,
      headers: operator.headers,
    });
    expect(view.statusCode, view.body).toBe(200);
    const body = view.json<{
      customer: { peselMasked: string };
      contracts: unknown[];
      servicePoints: { meters: { readings: { valueLitres: number }[] }[] }[];
      invoices: { status: string }[];
      account: { toPayGrosze: number };
    }>();
    expect(view.body).not.toContain(PESEL);
    expect(body.customer.peselMasked).toBe(maskPesel(PESEL));
    expect(body.contracts).toHaveLength(1);
    expect(body.servicePoints[0]!.meters[0]!.readings.map((reading) => reading.valueLitres)).toEqual([
      109_150, 104_500,
    ]);
    expect(body.invoices).toHaveLength(1);
    expect(body.account.toPayGrosze).toBe(10_800);

    const reveal = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${jan.customer.id}/pesel`,
      headers: operator.headers,
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ pesel: PESEL });
    const readOnly = await staffSession(app, db, 'read_only');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${jan.customer.id}/pesel`,
      headers: readOnly.headers,
    });
    expect(refused.statusCode).toBe(403);
    const entries = await auditOf(db, 'customer', jan.customer.id);
    expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['customer.pesel_revealed', operator.id],
    ]);
  });

  it('prints an activation letter with a new code whose hash alone is stored, and shows the portal as the customer sees it', async () => {
    const { db } = context.database;
    const jan = await meteredCustomer(db, { readings: [['2026-10-31', 109_150]] });
    const before = (
      await db
        .selectFrom('customers')
        .select('activation_code_hash')
        .where('id', '=', jan.customer.id)
        .executeTakeFirstOrThrow()
    ).activation_code_hash;

    const letter = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${jan.customer.id}/activation-letter`,
      headers: operator.headers,
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const after = (
      await db
        .selectFrom('customers')
        .select('activation_code_hash')
        .where('id', '=', jan.customer.id)
        .executeTakeFirstOrThrow()
    ).activation_code_hash;
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    if (pdftotextAvailable) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
        input: letter.rawPayload,
      }).toString();
      expect(text).toContain('Kod aktywacyjny');
      expect(text).toContain(jan.customer.customer_number);
      const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1];
      expect(code).toBeDefined();
      expect(activationCodeHash(code!)).toBe(after);
      const entries = await auditOf(db, 'customer', jan.customer.id);
      expect(entries.map((entry) => entry.action)).toEqual(['customer.activation_code_issued']);
      expect(JSON.stringify(entries)).not.toContain(code!);
    }

    const unregistered = await app.inject({
      url: `/api/v1/staff/customers/${jan.customer.id}/portal-view`,
      headers: operator.headers,
    });
    expect(unregistered.statusCode, unregistered.body).toBe(200);
    expect(unregistered.json()).toMatchObject({ registered: false, summary: null, invoices: { total: 0 } });
    await createCustomerLogin(db, { customerIds: [jan.customer.id], email: 'jan@example.pl' });
    const registered = await app.inject({
      url: `/api/v1/staff/customers/${jan.customer.id}/portal-view`,
      headers: operator.headers,
    });
    expect(registered.json()).toMatchObject({
      registered: true,
      loginEmail: 'jan@example.pl',
      summary: { customerId: jan.customer.id, lastReading: { valueLitres: 109_150 } },
    });
  });
});
