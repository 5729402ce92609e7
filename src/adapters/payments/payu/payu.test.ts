import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, type CreatePaymentRequest, type IncomingNotification } from '../provider.ts';
import { startTestServer } from '../test-http.ts';
import { createPayuProvider } from './payu-provider.ts';
import { isValidSignature, payuSignature, signatureHeader } from './signature.ts';
import { startPayuSimulator } from './test-server.ts';

const credentials = {
  posId: '300746',
  clientId: '300746',
  clientSecret: 'client-secret-0123456789',
  secondKey: 'second-key-0123456789',
};

describe('PayU signature', () => {
  it('is hash(body + second key) by the named algorithm, and any change to the body breaks it', () => {
    const body = '{"order":{"orderId":"X"}}';
    expect(payuSignature(body, 'key', 'MD5')).toMatch(/^[0-9a-f]{32}$/);
    expect(isValidSignature(signatureHeader(body, 'key', 'SHA-256'), body, 'key')).toBe(true);
    expect(isValidSignature(signatureHeader(body, 'key'), `${body} `, 'key')).toBe(false);
    expect(isValidSignature(signatureHeader(body, 'other'), body, 'key')).toBe(false);
    expect(isValidSignature('sender=checkout;signature=abc;algorithm=ROT13', body, 'key')).toBe(false);
    expect(isValidSignature(undefined, body, 'key')).toBe(false);
  });
});

describe('PayU adapter against a local PayU simulator', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function setUp() {
    const simulator = await startPayuSimulator(credentials);
    cleanups.push(() => simulator.close());
    const received: IncomingNotification[] = [];
    const webhook = await startTestServer((request) => {
      received.push({ rawBody: request.body, headers: request.headers });
      return { status: 200 };
    });
    cleanups.push(() => webhook.close());
    const provider = createPayuProvider({ ...credentials, baseUrl: simulator.baseUrl });
    const request: CreatePaymentRequest = {
      sessionId: 'session-payu-0123456789',
      amountGrosze: 7072,
      currency: 'PLN',
      description: 'Faktura FV/2026/11/000001',
      lines: [
        { name: 'Faktura FV/2026/11/000001', amountGrosze: 6972 },
        { name: 'Opłata za płatność online', amountGrosze: 100 },
      ],
      email: 'anna@example.pl',
      language: 'pl',
      customerIp: '127.0.0.1',
      returnUrl: 'http://localhost:3000/konto/platnosci/1',
      notifyUrl: `${webhook.baseUrl}/api/v1/payments/notify/payu`,
      expiresInMinutes: 30,
    };
    return { simulator, provider, received, request };
  }

  it('authorizes with OAuth, creates the order (302 + JSON), accepts the signed notification and confirms the order', async () => {
    const { simulator, provider, received, request } = await setUp();
    const created = await provider.create(request);
    expect(created.redirectUrl).toBe(`${simulator.baseUrl}/pay/?orderId=${created.providerToken}`);
    expect(simulator.orders.get(created.providerToken)).toMatchObject({
      extOrderId: request.sessionId,
      totalAmount: '7072',
    });
    const attempt = {
      sessionId: request.sessionId,
      amountGrosze: 7072,
      currency: 'PLN' as const,
      providerToken: created.providerToken,
      providerOrderId: null,
    };
    expect(await provider.status(attempt)).toEqual({ state: 'pending' });

    expect((await simulator.finish(created.providerToken)).status).toBe(200);
    const parsed = await provider.handleNotification(received[0]!);
    expect(parsed).toEqual({
      sessionId: request.sessionId,
      providerOrderId: created.providerToken,
      amountGrosze: 7072,
      currency: 'PLN',
      outcome: 'paid',
    });
    await provider.verify(attempt, parsed);
    expect(await provider.status(attempt)).toEqual({ state: 'paid', providerOrderId: created.providerToken });
    // One token served every call.
    expect(simulator.calls.authorize).toBe(1);
  });

  it('fetches a new token when the old one is revoked, and fails cleanly with wrong client credentials', async () => {
    const { simulator, provider, request } = await setUp();
    await provider.create(request);
    simulator.revokeTokens();
    await provider.create({ ...request, sessionId: 'session-payu-second-0001' });
    expect(simulator.calls.authorize).toBe(2);
    const wrong = createPayuProvider({ ...credentials, clientSecret: 'wrong', baseUrl: simulator.baseUrl });
    await expect(wrong.create(request)).rejects.toBeInstanceOf(ProviderError);
  });

  it('rejects a notification signed with another key, reports a cancelled order as failed, and refuses to verify it', async () => {
    const { simulator, provider, received, request } = await setUp();
    const created = await provider.create(request);
    await simulator.finish(created.providerToken, { secondKey: 'forged' });
    await expect(provider.handleNotification(received[0]!)).rejects.toMatchObject({
      reason: 'bad_signature',
      claimed: { sessionId: request.sessionId },
    });
    await simulator.finish(created.providerToken, { status: 'CANCELED' });
    const cancelled = await provider.handleNotification(received[1]!);
    expect(cancelled.outcome).toBe('failed');
    const attempt = {
      sessionId: request.sessionId,
      amountGrosze: 7072,
      currency: 'PLN' as const,
      providerToken: created.providerToken,
      providerOrderId: null,
    };
    await expect(provider.verify(attempt, { ...cancelled, outcome: 'paid' })).rejects.toBeInstanceOf(
      ProviderError,
    );
    expect(await provider.status(attempt)).toEqual({ state: 'failed' });
  });
});
