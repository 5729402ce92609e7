import { afterEach, describe, expect, it } from 'vitest';
import {
  NotificationRejected,
  ProviderError,
  type CreatePaymentRequest,
  type IncomingNotification,
} from '../provider.ts';
import { startTestServer } from '../test-http.ts';
import { createPrzelewy24Provider } from './przelewy24-provider.ts';
import { notificationSign } from './signatures.ts';
import { startPrzelewy24Simulator, type Przelewy24Simulator } from './test-server.ts';

const credentials = {
  merchantId: 123456,
  posId: 123456,
  apiKey: 'api-key-0123456789abcdef',
  crc: 'crc-key-0123456789',
};

describe('Przelewy24 adapter against a local Przelewy24 simulator', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function setUp() {
    const simulator = await startPrzelewy24Simulator(credentials);
    cleanups.push(() => simulator.close());
    const received: IncomingNotification[] = [];
    const webhook = await startTestServer((request) => {
      received.push({ rawBody: request.body, headers: request.headers });
      return { status: 200, body: 'OK' };
    });
    cleanups.push(() => webhook.close());
    const provider = createPrzelewy24Provider({ ...credentials, baseUrl: simulator.baseUrl });
    const request: CreatePaymentRequest = {
      sessionId: 'session-0123456789abcdef',
      amountGrosze: 14_044,
      currency: 'PLN',
      description: 'Faktury FV/2026/11/000001, FV/2026/11/000002',
      lines: [{ name: 'FV/2026/11/000001', amountGrosze: 14_044 }],
      email: 'anna@example.pl',
      language: 'pl',
      customerIp: '127.0.0.1',
      returnUrl: 'http://localhost:3000/konto/platnosci/1',
      notifyUrl: `${webhook.baseUrl}/api/v1/payments/notify/przelewy24`,
      expiresInMinutes: 30,
    };
    return { simulator, provider, received, request };
  }

  async function registerAndPay(
    simulator: Przelewy24Simulator,
    token: string,
    options: { crc?: string; amount?: number } = {},
  ) {
    const answer = await simulator.pay(token, options);
    expect(answer.status).toBe(200);
  }

  it('registers with a valid sign, receives a signed notification, verifies and reads the status', async () => {
    const { simulator, provider, received, request } = await setUp();
    const created = await provider.create(request);
    expect(created.redirectUrl).toBe(`${simulator.baseUrl}/trnRequest/${created.providerToken}`);
    expect(simulator.transactions.get(created.providerToken)).toMatchObject({
      sessionId: request.sessionId,
      amount: 14_044,
      status: 0,
    });
    expect(
      await provider.status({ ...request, providerToken: created.providerToken, providerOrderId: null }),
    ).toEqual({ state: 'pending' });

    await registerAndPay(simulator, created.providerToken);
    expect(received).toHaveLength(1);
    const parsed = await provider.handleNotification(received[0]!);
    expect(parsed).toMatchObject({
      sessionId: request.sessionId,
      amountGrosze: 14_044,
      currency: 'PLN',
      outcome: 'paid',
    });

    const attempt = {
      sessionId: request.sessionId,
      amountGrosze: 14_044,
      currency: 'PLN' as const,
      providerToken: created.providerToken,
      providerOrderId: null,
    };
    await provider.verify(attempt, parsed);
    expect(simulator.calls.verify).toBe(1);
    expect(simulator.transactions.get(created.providerToken)?.status).toBe(2);
    expect(await provider.status(attempt)).toEqual({
      state: 'paid',
      providerOrderId: parsed.providerOrderId,
    });
  });

  it('is refused by the provider with a wrong API key, and verify fails for another amount', async () => {
    const { simulator, provider, received, request } = await setUp();
    const wrongKey = createPrzelewy24Provider({
      ...credentials,
      apiKey: 'wrong',
      baseUrl: simulator.baseUrl,
    });
    await expect(wrongKey.create(request)).rejects.toBeInstanceOf(ProviderError);
    const wrongCrc = createPrzelewy24Provider({
      ...credentials,
      crc: 'wrong-crc',
      baseUrl: simulator.baseUrl,
    });
    await expect(wrongCrc.create(request)).rejects.toThrow(/HTTP 400/);

    const created = await provider.create(request);
    await registerAndPay(simulator, created.providerToken);
    const parsed = await provider.handleNotification(received[0]!);
    await expect(
      provider.verify(
        {
          sessionId: request.sessionId,
          amountGrosze: 100,
          currency: 'PLN',
          providerToken: null,
          providerOrderId: null,
        },
        parsed,
      ),
    ).rejects.toBeInstanceOf(ProviderError);
    expect(simulator.transactions.get(created.providerToken)?.status).toBe(1);
  });

  it('rejects a notification signed with another CRC key, one for another merchant and a malformed one', async () => {
    const { simulator, provider, received, request } = await setUp();
    const created = await provider.create(request);
    await registerAndPay(simulator, created.providerToken, { crc: 'forged' });
    await expect(provider.handleNotification(received[0]!)).rejects.toMatchObject({
      reason: 'bad_signature',
      claimed: { sessionId: request.sessionId },
    });

    const fields = {
      merchantId: 999,
      posId: 999,
      sessionId: request.sessionId,
      amount: 14_044,
      originAmount: 14_044,
      currency: 'PLN',
      orderId: 1,
      methodId: 1,
      statement: 's',
    };
    const otherMerchant = JSON.stringify({ ...fields, sign: notificationSign(fields, credentials.crc) });
    await expect(provider.handleNotification({ rawBody: otherMerchant, headers: {} })).rejects.toMatchObject({
      reason: 'wrong_merchant',
    });
    await expect(
      provider.handleNotification({ rawBody: '{"sessionId":1}', headers: {} }),
    ).rejects.toBeInstanceOf(NotificationRejected);
    await expect(provider.handleNotification({ rawBody: 'not json', headers: {} })).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});
