import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import {
  billMonths,
  createPayment,
  createPortalCustomer,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { PaymentsAnswer } from './routes.ts';

describeEachDatabase('portal payments', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('lists payments of every channel with fee and the invoices they paid, newest first', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    const stranger = await createPortalCustomer(db);
    await billMonths(context.database, ['2026-09', '2026-10']);
    const [september, october] = await db
      .selectFrom('invoices')
      .selectAll()
      .where('customer_id', '=', customer.customerId)
      .orderBy('issue_date')
      .execute();
    const online = await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 8766,
      feeGrosze: 100,
      channel: 'online',
      receivedOn: '2026-11-06',
      allocations: [
        { invoiceId: september!.id, amountGrosze: 6766 },
        { invoiceId: october!.id, amountGrosze: 2000 },
      ],
    });
    const cash = await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 5000,
      channel: 'cash_desk',
      receivedOn: '2026-11-12',
      allocations: [{ invoiceId: october!.id, amountGrosze: 4766 }],
    });
    await createPayment(db, { customerId: stranger.customerId, amountGrosze: 777, receivedOn: '2026-11-07' });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    const client = await portalClient(app, customer.login);

    const response = await client.get('/api/v1/me/payments');
    expect(response.statusCode).toBe(200);
    expect(response.json<PaymentsAnswer>().items).toEqual([
      expect.objectContaining({
        id: cash.id,
        receivedOn: '2026-11-12',
        amountGrosze: 5000,
        feeGrosze: 0,
        channel: 'cash_desk',
        invoices: [{ id: october!.id, number: october!.number, amountGrosze: 4766 }],
        unallocatedGrosze: 234,
      }),
      expect.objectContaining({
        id: online.id,
        amountGrosze: 8766,
        feeGrosze: 100,
        channel: 'online',
        invoices: [
          { id: september!.id, number: september!.number, amountGrosze: 6766 },
          { id: october!.id, number: october!.number, amountGrosze: 2000 },
        ],
        unallocatedGrosze: 0,
      }),
    ]);
    const filtered = (await client.get('/api/v1/me/payments?from=2026-11-10')).json<PaymentsAnswer>();
    expect(filtered.items.map((item: { id: number }) => item.id)).toEqual([cash.id]);
  });
});
