import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomerLogin } from '../../../../tests/support/factories.ts';
import {
  billMonths,
  createMeter,
  createPayment,
  createPortalCustomer,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { SummaryAnswer } from './routes.ts';

describeEachDatabase('portal summary', (context) => {
  let app: App | undefined;
  let clock = new Date('2026-11-20T10:00:00Z');
  afterEach(async () => {
    await app?.close();
  });

  /** Two monthly invoices of 67,66 zł (4,5 m³ each), the first paid, 20 zł paid towards the second. */
  async function partlyPaidCustomer() {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    await createMeter(db, customer.servicePointId, {
      kind: 'sub',
      legalizationYear: 2021,
      legalizationExpiresOn: '2026-12-31',
    });
    await billMonths(context.database, ['2026-09', '2026-10']);
    const invoices = await db.selectFrom('invoices').selectAll().orderBy('issue_date').execute();
    const [september, october] = invoices as [(typeof invoices)[number], (typeof invoices)[number]];
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: september.gross_grosze,
      receivedOn: '2026-10-10',
      allocations: [{ invoiceId: september.id, amountGrosze: september.gross_grosze }],
    });
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 2000,
      receivedOn: '2026-11-10',
      allocations: [{ invoiceId: october.id, amountGrosze: 2000 }],
    });
    await db
      .insertInto('e_invoice_consents')
      .values({
        customer_id: customer.customerId,
        action: 'granted',
        channel: 'portal',
        email: 'faktury@example.pl',
        recorded_at: new Date('2026-01-02T08:00:00Z'),
      })
      .execute();
    return { customer, september, october };
  }

  it('shows the balance after a partial payment, the overdue amount by the app clock, the last reading and warnings', async () => {
    const { customer, october } = await partlyPaidCustomer();
    // 4,5 m³ × 5,82 + 4,5 m³ × 6,99 + 5,00 = 62,65 net, VAT 8% 5,01: 67,66 zł.
    expect(october.gross_grosze).toBe(6766);
    clock = new Date('2026-11-20T10:00:00Z');
    app = await buildTestApp(context.database, { now: () => clock });
    const client = await portalClient(app, customer.login);

    const response = await client.get('/api/v1/me/summary');
    expect(response.statusCode).toBe(200);
    const body = response.json<SummaryAnswer>();
    expect(body.today).toBe('2026-11-20');
    expect(body.customers).toHaveLength(1);
    const summary = body.customers[0]!;
    expect(summary).toMatchObject({
      customerId: customer.customerId,
      customerNumber: customer.customerNumber,
      role: 'holder',
      balanceGrosze: 4766,
      toPayGrosze: 4766,
      creditGrosze: 0,
      nextDue: null,
      overdue: { amountGrosze: 4766, count: 1 },
      unpaidInvoiceCount: 1,
      lastReading: {
        meterId: customer.mainMeterId,
        date: '2026-10-31',
        valueLitres: 34 * 4500,
        kind: 'actual',
      },
      eInvoice: { active: true, email: 'faktury@example.pl', since: '2026-01-02T08:00:00.000Z' },
    });
    expect(summary.legalizationWarnings).toHaveLength(1);
    expect(summary.legalizationWarnings[0]).toMatchObject({
      kind: 'sub',
      status: 'expiring',
      expiresOn: '2026-12-31',
      meaning: { key: 'meter.sub.expiring' },
    });
    expect(summary.legalizationWarnings[0]!.meaning.text.pl).toContain('nie będzie odliczana od ścieków');
    expect(summary.servicePoints).toMatchObject([
      { id: customer.servicePointId, lastReading: { date: '2026-10-31' } },
    ]);
  });

  it('shows the next due date instead of an overdue amount before the due date passes', async () => {
    const { customer } = await partlyPaidCustomer();
    clock = new Date('2026-11-15T10:00:00Z');
    app = await buildTestApp(context.database, { now: () => clock });
    const client = await portalClient(app, customer.login);
    const summary = (await client.get('/api/v1/me/summary')).json<SummaryAnswer>().customers[0]!;
    expect(summary.nextDue).toMatchObject({ dueDate: '2026-11-19', amountGrosze: 4766 });
    expect(summary.overdue).toEqual({ amountGrosze: 0, count: 0 });
  });

  it('shows an overpayment as credit and a withdrawn e-invoice consent as inactive', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    await billMonths(context.database, ['2026-10']);
    const invoice = await db.selectFrom('invoices').selectAll().executeTakeFirstOrThrow();
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 10_000,
      receivedOn: '2026-11-06',
      allocations: [{ invoiceId: invoice.id, amountGrosze: invoice.gross_grosze }],
    });
    await db
      .insertInto('e_invoice_consents')
      .values([
        {
          customer_id: customer.customerId,
          action: 'granted',
          channel: 'portal',
          email: 'a@example.pl',
          recorded_at: new Date('2025-01-01T00:00:00Z'),
        },
        {
          customer_id: customer.customerId,
          action: 'withdrawn',
          channel: 'portal',
          recorded_at: new Date('2026-01-01T00:00:00Z'),
        },
      ])
      .execute();
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    const summary = (
      await (await portalClient(app, customer.login)).get('/api/v1/me/summary')
    ).json<SummaryAnswer>().customers[0]!;
    expect(summary).toMatchObject({
      balanceGrosze: 6766 - 10_000,
      toPayGrosze: 0,
      creditGrosze: 3234,
      unpaidInvoiceCount: 0,
    });
    expect(summary.eInvoice).toMatchObject({ active: false, email: null });
  });

  it('lists every customer a manager holds, and nothing of others', async () => {
    const { db } = context.database;
    const first = await createPortalCustomer(db);
    const second = await createPortalCustomer(db);
    const stranger = await createPortalCustomer(db);
    const manager = await createCustomerLogin(db, {
      customerIds: [first.customerId, second.customerId],
      role: 'manager',
    });
    app = await buildTestApp(context.database, { now: () => clock });
    const response = await (await portalClient(app, manager)).get('/api/v1/me/summary');
    const customers = response.json<SummaryAnswer>().customers as Array<{ customerId: number; role: string }>;
    expect(customers.map((entry) => entry.customerId)).toEqual([first.customerId, second.customerId]);
    expect(customers.every((entry) => entry.role === 'manager')).toBe(true);
    expect(response.body).not.toContain(stranger.customerNumber);
  });

  it('answers 401 without a session', async () => {
    app = await buildTestApp(context.database, { now: () => clock });
    const response = await app.inject({ url: '/api/v1/me/summary' });
    expect(response.statusCode).toBe(401);
    expect(response.json<ErrorBody>().error.code).toBe('unauthorized');
  });
});
