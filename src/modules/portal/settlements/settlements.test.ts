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
import type { SettlementsAnswer } from './routes.ts';

describeEachDatabase('portal settlements', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('lists invoices and payments chronologically with the running balance', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    await billMonths(context.database, ['2026-08', '2026-09', '2026-10']);
    const [august, september, october] = await db
      .selectFrom('invoices')
      .selectAll()
      .orderBy('issue_date')
      .execute();
    const first = await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 6766,
      receivedOn: '2026-09-05',
      allocations: [{ invoiceId: august!.id, amountGrosze: 6766 }],
    });
    const second = await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 10_000,
      receivedOn: '2026-10-12',
      allocations: [{ invoiceId: september!.id, amountGrosze: 6766 }],
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    const client = await portalClient(app, customer.login);

    const all = (await client.get('/api/v1/me/settlements')).json<SettlementsAnswer>();
    expect(all.accounts).toHaveLength(1);
    const account = all.accounts[0]!;
    expect(account).toMatchObject({
      customerId: customer.customerId,
      openingBalanceGrosze: 0,
      closingBalanceGrosze: 3 * 6766 - 16_766,
    });
    expect(
      account.entries.map((entry: Record<string, unknown>) => [
        entry.date,
        entry.type,
        entry.id,
        entry.amountGrosze,
        entry.balanceGrosze,
      ]),
    ).toEqual([
      // Payment on the issue day comes after the invoice.
      ['2026-09-05', 'invoice', august!.id, 6766, 6766],
      ['2026-09-05', 'payment', first.id, -6766, 0],
      ['2026-10-05', 'invoice', september!.id, 6766, 6766],
      ['2026-10-12', 'payment', second.id, -10_000, -3234],
      ['2026-11-05', 'invoice', october!.id, 6766, 3532],
    ]);

    const period = (
      await client.get('/api/v1/me/settlements?from=2026-10-01&to=2026-10-31')
    ).json<SettlementsAnswer>().accounts[0]!;
    expect(period).toMatchObject({ openingBalanceGrosze: 0, closingBalanceGrosze: -3234 });
    expect(period.entries.map((entry: { type: string }) => entry.type)).toEqual(['invoice', 'payment']);
  });

  it('answers 404 for a customer the login does not hold', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    const other = await createPortalCustomer(db);
    app = await buildTestApp(context.database);
    const response = await (
      await portalClient(app, customer.login)
    ).get(`/api/v1/me/settlements?customerId=${other.customerId}`);
    expect(response.statusCode).toBe(404);
  });
});
