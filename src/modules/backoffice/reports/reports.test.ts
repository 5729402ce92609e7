import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import {
  createContractHolder,
  createCustomerLogin,
  createInvoice,
} from '../../../../tests/support/factories.ts';
import { meteredCustomer, staffSession, type StaffSession } from '../test-fixtures.ts';

describeEachDatabase('back office: reports', (context) => {
  let app: App;
  let viewer: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    viewer = await staffSession(app, context.database.db, 'read_only');
  });
  afterEach(async () => {
    await app.close();
  });
  const get = (url: string) => app.inject({ url, headers: viewer.headers });

  it('ages receivables by days past due, net of payments and corrections, as a table and CSV', async () => {
    const { db } = context.database;
    const first = await createContractHolder(db);
    const second = await createContractHolder(db);
    const invoice = (customer: typeof first, dueDate: string, gross: number) =>
      createInvoice(db, {
        customerId: customer.customer.id,
        servicePointId: customer.servicePoint.id,
        issue_date: '2026-01-05',
        due_date: dueDate,
        net_grosze: gross - 100,
        vat_grosze: 100,
      });
    await invoice(first, '2026-12-01', 10_000); // not due
    await invoice(first, '2026-11-10', 5_000); // 10 days
    const halfPaid = await invoice(first, '2026-09-01', 8_000); // 80 days
    await invoice(second, '2026-06-01', 3_000); // 172 days
    const paid = await invoice(second, '2026-10-01', 2_000);
    const payment = await db
      .insertInto('payments')
      .values({
        customer_id: first.customer.id,
        channel: 'transfer',
        amount_grosze: 4_000,
        received_on: '2026-10-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payment_allocations')
      .values({ payment_id: payment.id, invoice_id: halfPaid.id, amount_grosze: 4_000 })
      .execute();
    const other = await db
      .insertInto('payments')
      .values({
        customer_id: second.customer.id,
        channel: 'cash_desk',
        amount_grosze: 2_000,
        received_on: '2026-10-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payment_allocations')
      .values({ payment_id: other.id, invoice_id: paid.id, amount_grosze: 2_000 })
      .execute();

    const report = await get('/api/v1/staff/reports/receivables-aging');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      asOf: '2026-11-20',
      total: 2,
      totals: {
        notDueGrosze: 10_000,
        days1To30Grosze: 5_000,
        days31To60Grosze: 0,
        days61To90Grosze: 4_000,
        over90Grosze: 3_000,
        totalGrosze: 22_000,
      },
      items: [
        {
          customerId: first.customer.id,
          notDueGrosze: 10_000,
          days1To30Grosze: 5_000,
          days61To90Grosze: 4_000,
          totalGrosze: 19_000,
          oldestOverdueDueDate: '2026-09-01',
        },
        { customerId: second.customer.id, over90Grosze: 3_000, totalGrosze: 3_000 },
      ],
    });
    const csv = await get('/api/v1/staff/reports/receivables-aging?format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="naleznosci-2026-11-20.csv"');
    expect(csv.body.startsWith('\uFEFFNumer klienta;')).toBe(true);
    expect(csv.body).toContain(`${first.customer.customer_number};`);
    expect(csv.body).toContain(';100,00;50,00;0,00;40,00;0,00;190,00');
  });

  it('lists meters whose legalization expires within N months as a work list', async () => {
    const { db } = context.database;
    const point = await meteredCustomer(db, { serialNumber: 'SOON-1', customer: { phone: '600100200' } });
    await db
      .updateTable('meters')
      .set({ legalization_expires_on: '2026-12-31' })
      .where('id', '=', point.meter.id)
      .execute();
    const expired = await meteredCustomer(db, { serialNumber: 'OLD-1' });
    await db
      .updateTable('meters')
      .set({ legalization_expires_on: '2025-12-31' })
      .where('id', '=', expired.meter.id)
      .execute();
    await meteredCustomer(db, { serialNumber: 'LATER-1' }); // 2030-12-31

    const report = await get('/api/v1/staff/reports/legalization-expiring?months=3');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      until: '2027-02-20',
      total: 2,
      items: [
        { serialNumber: 'OLD-1', status: 'expired', daysLeft: -324 },
        {
          serialNumber: 'SOON-1',
          status: 'expiring',
          daysLeft: 41,
          customer: { id: point.customer.id, phone: '600100200' },
        },
      ],
    });
    expect((await get('/api/v1/staff/reports/legalization-expiring?months=60')).json()).toMatchObject({
      total: 3,
    });
    const csv = await get('/api/v1/staff/reports/legalization-expiring?months=3&format=csv');
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('reports e-invoice and portal adoption by month', async () => {
    const { db } = context.database;
    const first = await createContractHolder(db);
    await createContractHolder(db);
    await db
      .insertInto('e_invoice_consents')
      .values([
        {
          customer_id: first.customer.id,
          action: 'granted',
          channel: 'paper',
          email: 'a@example.pl',
          recorded_at: new Date('2026-10-10T10:00:00Z'),
          paper_received_on: '2026-10-09',
        },
        {
          customer_id: first.customer.id,
          action: 'withdrawn',
          channel: 'portal',
          recorded_at: new Date('2026-11-05T10:00:00Z'),
        },
      ])
      .execute();
    const login = await createCustomerLogin(db, { customerIds: [first.customer.id] });
    await db
      .updateTable('customer_logins')
      .set({
        created_at: new Date('2026-10-15T10:00:00Z'),
        email_verified_at: new Date('2026-10-15T10:05:00Z'),
        last_login_at: new Date('2026-11-19T08:00:00Z'),
      })
      .where('id', '=', login.id)
      .execute();
    await db
      .updateTable('customer_login_access')
      .set({ granted_at: new Date('2026-10-15T10:00:00Z') })
      .where('login_id', '=', login.id)
      .execute();

    const eInvoices = await get('/api/v1/staff/reports/e-invoice-adoption?months=2');
    expect(eInvoices.statusCode, eInvoices.body).toBe(200);
    expect(eInvoices.json()).toEqual({
      items: [
        {
          month: '2026-10',
          customers: 2,
          activeConsents: 1,
          sharePercent: 50,
          granted: 1,
          withdrawn: 0,
          emailInvoices: 0,
          paperInvoices: 0,
        },
        {
          month: '2026-11',
          customers: 2,
          activeConsents: 0,
          sharePercent: 0,
          granted: 0,
          withdrawn: 1,
          emailInvoices: 0,
          paperInvoices: 0,
        },
      ],
    });
    const portal = await get('/api/v1/staff/reports/portal-adoption?months=2');
    expect(portal.json()).toEqual({
      logins: 1,
      verifiedLogins: 1,
      activeLast30Days: 1,
      withTwoFactor: 0,
      items: [
        { month: '2026-10', customers: 2, registeredCustomers: 1, sharePercent: 50, newLogins: 1 },
        { month: '2026-11', customers: 2, registeredCustomers: 1, sharePercent: 50, newLogins: 0 },
      ],
    });
    const csv = await get('/api/v1/staff/reports/portal-adoption?months=2&format=csv');
    expect(csv.body.split('\r\n')[1]).toBe('2026-10;2;1;50;1');
  });
});
