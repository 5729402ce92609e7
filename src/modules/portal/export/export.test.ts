import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomerLogin } from '../../../../tests/support/factories.ts';
import {
  billMonths,
  createPayment,
  createPortalCustomer,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { ExportData } from './service.ts';

describeEachDatabase('portal data export', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  async function customerWithData() {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      customer: { pesel: '44051401359', phone: '+48600100200' },
    });
    const stranger = await createPortalCustomer(db);
    await billMonths(context.database, ['2026-10']);
    const invoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('customer_id', '=', customer.customerId)
      .executeTakeFirstOrThrow();
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 6766,
      receivedOn: '2026-11-10',
      allocations: [{ invoiceId: invoice.id, amountGrosze: 6766 }],
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    return { customer, stranger, invoice };
  }

  it('exports all own data as JSON, personal data included for the holder', async () => {
    const { customer, stranger, invoice } = await customerWithData();
    const response = await (await portalClient(app!, customer.login)).get('/api/v1/me/export.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ibok-dane-2026-11-20.json"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const data = response.json<ExportData>();
    expect(data.login).toMatchObject({ email: customer.login.email, twoFactorEnabled: false });
    expect(data.login.sessions).toHaveLength(1);
    const own = data.customers[0]!;
    expect(own.personalData).toMatchObject({
      pesel: '44051401359',
      phone: '+48600100200',
      address: { city: 'Włocławek' },
    });
    expect(own.invoices).toMatchObject([{ number: invoice.number, status: 'paid' }]);
    expect(own.invoices[0]!.lines).toContainEqual(
      expect.objectContaining({ kind: 'water', quantityThousandths: 4500 }),
    );
    expect(own.payments).toEqual([
      expect.objectContaining({
        amountGrosze: 6766,
        invoices: [expect.objectContaining({ number: invoice.number })],
      }),
    ]);
    expect(own.readings).toHaveLength(34);
    expect(own.meters).toEqual([expect.objectContaining({ id: customer.mainMeterId })]);
    expect(response.body).not.toContain(stranger.customerNumber);
    expect(response.body).not.toContain(stranger.mainMeterSerial);
  });

  it('leaves personal data out of a manager’s export', async () => {
    const { customer } = await customerWithData();
    const manager = await createCustomerLogin(context.database.db, {
      customerIds: [customer.customerId],
      role: 'manager',
    });
    const response = await (await portalClient(app!, manager)).get('/api/v1/me/export.json');
    const managed = response.json<ExportData>().customers[0]!;
    expect(managed.personalData).toBeNull();
    expect(managed.invoices).toHaveLength(1);
    expect(response.body).not.toContain('44051401359');
  });

  it('exports invoices, payments and readings as one Polish CSV with a section column', async () => {
    const { customer, invoice } = await customerWithData();
    const response = await (await portalClient(app!, customer.login)).get('/api/v1/me/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith('\uFEFFSekcja;Numer klienta;Data;')).toBe(true);
    const lines = response.body.slice(1).trimEnd().split('\r\n');
    expect(lines).toContain(
      `faktura;${customer.customerNumber};2026-11-05;${invoice.number};Okres 01.10.2026–31.10.2026;67,66;;;2026-11-19;opłacona`,
    );
    expect(lines).toContain(
      `wpłata;${customer.customerNumber};2026-11-10;${invoice.number};przelew;67,66;0,00;;;`,
    );
    expect(lines).toContain(
      `odczyt;${customer.customerNumber};2026-10-31;${customer.mainMeterSerial};rzeczywisty;;;153,000;;przyjęty`,
    );
    expect(lines).toHaveLength(1 + 1 + 1 + 34);
  });
});
