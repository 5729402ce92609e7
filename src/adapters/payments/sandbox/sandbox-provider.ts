import { createHmac } from 'node:crypto';
import { asGrosze, asString, field } from '../http.ts';
import {
  NotificationRejected,
  type CreatePaymentRequest,
  type IncomingNotification,
  type ParsedNotification,
  type PaymentProvider,
  type ProviderStatus,
} from '../provider.ts';
import { sameDigest, sha384Sign } from '../signing.ts';

/**
 * The local sandbox provider of the demo: its "checkout" is a page of this server (/payments/sandbox/{session})
 * with pay / decline / abandon buttons. Its notifications travel the same webhook path and carry the same kind
 * of SHA-384 sign as Przelewy24's, keyed by a secret derived from the session secret, so the whole verified
 * path is exercised without an external service. Refused outside development and tests (config decides).
 */
export interface SandboxSettings {
  /** The signing key (derive it with sandboxSecret). */
  secret: string;
  publicUrl: string;
}

export interface SandboxNotification {
  sessionId: string;
  orderId: string;
  amount: number;
  currency: string;
  status: 'paid' | 'failed';
}

export const sandboxSecret = (sessionSecret: string): string =>
  createHmac('sha256', sessionSecret).update('sandbox-payments').digest('base64url');

export function sandboxSign(notification: SandboxNotification, secret: string): string {
  return sha384Sign([
    ['sessionId', notification.sessionId],
    ['orderId', notification.orderId],
    ['amount', notification.amount],
    ['currency', notification.currency],
    ['status', notification.status],
    ['crc', secret],
  ]);
}

/** The body the sandbox page sends to the webhook, signed as the provider would. */
export function signedSandboxNotification(notification: SandboxNotification, secret: string): string {
  return JSON.stringify({ ...notification, sign: sandboxSign(notification, secret) });
}

export const sandboxPagePath = (sessionId: string): string =>
  `/payments/sandbox/${encodeURIComponent(sessionId)}`;

export function createSandboxProvider(settings: SandboxSettings): PaymentProvider {
  return {
    name: 'sandbox',

    create(request: CreatePaymentRequest) {
      return Promise.resolve({
        redirectUrl: `${settings.publicUrl}${sandboxPagePath(request.sessionId)}`,
        providerToken: request.sessionId,
      });
    },

    handleNotification(notification: IncomingNotification): Promise<ParsedNotification> {
      let body: unknown;
      try {
        body = JSON.parse(notification.rawBody) as unknown;
      } catch {
        return Promise.reject(new NotificationRejected('malformed', 'sandbox notification is not JSON'));
      }
      const sessionId = asString(field(body, 'sessionId'));
      const orderId = asString(field(body, 'orderId'));
      const amount = asGrosze(field(body, 'amount'));
      const currency = asString(field(body, 'currency'));
      const status = field(body, 'status');
      const sign = field(body, 'sign');
      const claimed = {
        ...(sessionId === undefined ? {} : { sessionId }),
        ...(orderId === undefined ? {} : { providerOrderId: orderId }),
        ...(amount === undefined ? {} : { amountGrosze: amount }),
        ...(currency === undefined ? {} : { currency }),
      };
      if (
        !sessionId ||
        !orderId ||
        amount === undefined ||
        !currency ||
        (status !== 'paid' && status !== 'failed') ||
        typeof sign !== 'string'
      ) {
        return Promise.reject(
          new NotificationRejected('malformed', 'sandbox notification lacks required fields', claimed),
        );
      }
      if (!sameDigest(sandboxSign({ sessionId, orderId, amount, currency, status }, settings.secret), sign)) {
        return Promise.reject(
          new NotificationRejected('bad_signature', 'sandbox notification sign does not match', claimed),
        );
      }
      return Promise.resolve({
        sessionId,
        providerOrderId: orderId,
        amountGrosze: amount,
        currency,
        outcome: status,
      });
    },

    // The sandbox settles at once: the signed notification is the whole confirmation.
    verify() {
      return Promise.resolve();
    },

    status(): Promise<ProviderStatus> {
      return Promise.resolve({ state: 'unknown' });
    },
  };
}
