import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startPayuSimulator } from '../../adapters/payments/payu/test-server.ts';
import { startPrzelewy24Simulator } from '../../adapters/payments/przelewy24/test-server.ts';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { errorOf } from '../../../tests/support/http.ts';
import { countRows, createPayer } from './test-support.ts';

const p24 = {
  merchantId: 123456,
  posId: 123457,
  apiKey: 'p24-api-key-0123456789',
  crc: 'p24-crc-0123456789',
};
const payu = {
  posId: '300746',
  clientId: '300746',
  clientSecret: 'payu-client-secret-0123',
  secondKey: 'payu-second-key-0123',
};

interface Attempt {
  id: number;
  status: string;
  redirectUrl: string | null;
  totalGrosze: number;
  paymentId: number | null;
}

/**
 * The whole path over real HTTP: our server listens on 127.0.0.1, the provider simulator registers the payment,
 * sends its signed notification to our webhook, and answers our verify call; signatures are checked both ways.
 */
describeEachDatabase('online payments through Przelewy24 and PayU simulators', (context) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function listening(config: Config): Promise<App> {
    const app = await buildTestApp(context.database, { config });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    // Our address is known only now: the provider is told to notify it.
    config.publicUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return app;
  }

  it('Przelewy24: register with sign and Basic auth, signed notification, verify call, posted once', async () => {
    const simulator = await startPrzelewy24Simulator(p24);
    cleanups.push(() => simulator.close());
    const config = testConfig({
      PAYMENT_PROVIDER: 'przelewy24',
      P24_MERCHANT_ID: String(p24.merchantId),
      P24_POS_ID: String(p24.posId),
      P24_API_KEY: p24.apiKey,
      P24_CRC: p24.crc,
      P24_BASE_URL: simulator.baseUrl,
    });
    const app = await listening(config);
    const payer = await createPayer(context.database, app);
    const invoiceIds = payer.invoices.map((invoice) => invoice.id);

    const created = await payer.client.post('/api/v1/me/payments', { invoiceIds });
    expect(created.statusCode, created.body).toBe(201);
    const attempt = created.json<Attempt>();
    const token = new URL(attempt.redirectUrl!).pathname.replace('/trnRequest/', '');
    expect(simulator.transactions.get(token)).toMatchObject({
      amount: attempt.totalGrosze,
      urlStatus: `${config.publicUrl}/api/v1/payments/notify/przelewy24`,
    });

    // A notification signed with the wrong CRC key is refused and posts nothing.
    expect((await simulator.pay(token, { crc: 'forged' })).status).toBe(400);
    expect(await countRows(context.database, 'payments')).toBe(0);

    expect((await simulator.pay(token)).status).toBe(200);
    expect(simulator.calls.verify).toBe(1);
    expect(simulator.transactions.get(token)?.status).toBe(2);
    expect((await simulator.pay(token)).status).toBe(200);
    expect(simulator.calls.verify).toBe(1);

    const view = (await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>();
    expect(view.status).toBe('paid');
    const payment = await context.database.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    expect(payment).toMatchObject({
      channel: 'online',
      amount_grosze: attempt.totalGrosze - 100,
      fee_grosze: 100,
    });
    expect(await countRows(context.database, 'payments')).toBe(1);
  });

  it('Przelewy24: a payment whose verify call fails is not posted, and the provider is asked to retry', async () => {
    const simulator = await startPrzelewy24Simulator(p24);
    cleanups.push(() => simulator.close());
    const config = testConfig({
      PAYMENT_PROVIDER: 'przelewy24',
      P24_MERCHANT_ID: String(p24.merchantId),
      P24_POS_ID: String(p24.posId),
      P24_API_KEY: p24.apiKey,
      P24_CRC: p24.crc,
      P24_BASE_URL: simulator.baseUrl,
    });
    const app = await listening(config);
    const payer = await createPayer(context.database, app);
    const attempt = (
      await payer.client.post('/api/v1/me/payments', { invoiceIds: [payer.invoices[0]!.id] })
    ).json<Attempt>();
    const token = new URL(attempt.redirectUrl!).pathname.replace('/trnRequest/', '');
    // The provider's record no longer agrees with ours, so its verify call refuses the transaction.
    simulator.transactions.get(token)!.amount += 1;
    expect((await simulator.pay(token, { amount: attempt.totalGrosze })).status).toBe(503);
    expect(await countRows(context.database, 'payments')).toBe(0);
    const recorded = await context.database.db
      .selectFrom('payment_notifications')
      .select(['outcome'])
      .execute();
    expect(recorded).toEqual([{ outcome: 'verify_failed' }]);
  });

  it('Przelewy24 unreachable: 503 for the customer, the attempt failed and the invoice free again', async () => {
    const config = testConfig({
      PAYMENT_PROVIDER: 'przelewy24',
      P24_MERCHANT_ID: '1',
      P24_API_KEY: 'k',
      P24_CRC: 'c',
      P24_BASE_URL: 'http://127.0.0.1:9',
    });
    const app = await listening(config);
    const payer = await createPayer(context.database, app);
    const answer = await payer.client.post('/api/v1/me/payments', { invoiceIds: [payer.invoices[0]!.id] });
    expect(answer.statusCode).toBe(503);
    expect(errorOf(answer).code).toBe('unavailable');
    const attempt = await context.database.db
      .selectFrom('online_payments')
      .select(['status', 'status_reason'])
      .executeTakeFirstOrThrow();
    expect(attempt).toEqual({ status: 'failed', status_reason: 'provider_unavailable' });
    const payable = await payer.client.get('/api/v1/me/payments/payable');
    expect(
      payable
        .json<{ items: Array<{ paymentInProgress: unknown }> }>()
        .items.every((item) => item.paymentInProgress === null),
    ).toBe(true);
  });

  it('PayU: OAuth, order create, OpenPayu-Signature notification, order check, posted once; a cancelled order fails the attempt', async () => {
    const simulator = await startPayuSimulator(payu);
    cleanups.push(() => simulator.close());
    const config = testConfig({
      PAYMENT_PROVIDER: 'payu',
      PAYU_POS_ID: payu.posId,
      PAYU_CLIENT_ID: payu.clientId,
      PAYU_CLIENT_SECRET: payu.clientSecret,
      PAYU_SECOND_KEY: payu.secondKey,
      PAYU_BASE_URL: simulator.baseUrl,
    });
    const app = await listening(config);
    const payer = await createPayer(context.database, app);
    const [first, second] = payer.invoices;

    const attempt = (
      await payer.client.post('/api/v1/me/payments', { invoiceIds: [first!.id] })
    ).json<Attempt>();
    const orderId = new URL(attempt.redirectUrl!).searchParams.get('orderId')!;
    expect(simulator.orders.get(orderId)).toMatchObject({
      totalAmount: String(attempt.totalGrosze),
      notifyUrl: `${config.publicUrl}/api/v1/payments/notify/payu`,
    });
    expect((await simulator.finish(orderId, { secondKey: 'forged' })).status).toBe(400);
    expect((await simulator.finish(orderId)).status).toBe(200);
    expect((await simulator.finish(orderId)).status).toBe(200);
    expect((await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>().status).toBe('paid');
    expect(await countRows(context.database, 'payments')).toBe(1);
    const allocations = await context.database.db
      .selectFrom('payment_allocations')
      .select(['invoice_id', 'amount_grosze'])
      .execute();
    expect(allocations).toEqual([{ invoice_id: first!.id, amount_grosze: first!.gross }]);

    const declined = (
      await payer.client.post('/api/v1/me/payments', { invoiceIds: [second!.id] })
    ).json<Attempt>();
    const declinedOrder = new URL(declined.redirectUrl!).searchParams.get('orderId')!;
    expect((await simulator.finish(declinedOrder, { status: 'CANCELED' })).status).toBe(200);
    expect((await payer.client.get(`/api/v1/me/payments/${declined.id}`)).json<Attempt>().status).toBe(
      'failed',
    );
    expect(await countRows(context.database, 'payments')).toBe(1);
  });
});
