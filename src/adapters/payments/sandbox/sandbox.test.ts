import { describe, expect, it } from 'vitest';
import { createSandboxProvider, sandboxSecret, signedSandboxNotification } from './sandbox-provider.ts';

const secret = sandboxSecret('test-session-secret-that-is-long-enough-0123456789');
const provider = createSandboxProvider({ secret, publicUrl: 'http://localhost:3000' });
const notification = {
  sessionId: 'session-sandbox-000001',
  orderId: 'SBX-1',
  amount: 7072,
  currency: 'PLN',
  status: 'paid' as const,
};

describe('sandbox provider', () => {
  it('sends the customer to the local page and accepts its own signed notification', async () => {
    const created = await provider.create({
      sessionId: notification.sessionId,
      amountGrosze: 7072,
      currency: 'PLN',
      description: 'x',
      lines: [],
      email: 'a@example.pl',
      language: 'pl',
      customerIp: '127.0.0.1',
      returnUrl: 'http://localhost:3000/konto',
      notifyUrl: 'http://localhost:3000/api/v1/payments/notify/sandbox',
      expiresInMinutes: 30,
    });
    expect(created.redirectUrl).toBe('http://localhost:3000/payments/sandbox/session-sandbox-000001');
    const parsed = await provider.handleNotification({
      rawBody: signedSandboxNotification(notification, secret),
      headers: {},
    });
    expect(parsed).toEqual({
      sessionId: notification.sessionId,
      providerOrderId: 'SBX-1',
      amountGrosze: 7072,
      currency: 'PLN',
      outcome: 'paid',
    });
  });

  it('rejects a notification signed with another key or changed after signing', async () => {
    const forged = signedSandboxNotification(
      notification,
      sandboxSecret('another-secret-that-is-long-enough-000000000'),
    );
    await expect(provider.handleNotification({ rawBody: forged, headers: {} })).rejects.toMatchObject({
      reason: 'bad_signature',
    });
    const changed = signedSandboxNotification(notification, secret).replace('"amount":7072', '"amount":1');
    await expect(provider.handleNotification({ rawBody: changed, headers: {} })).rejects.toMatchObject({
      reason: 'bad_signature',
      claimed: { amountGrosze: 1 },
    });
    await expect(provider.handleNotification({ rawBody: '{}', headers: {} })).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});
