import { asGrosze, asString, callProvider, field, requireOk } from '../http.ts';
import {
  NotificationRejected,
  ProviderError,
  type AttemptReference,
  type CreatePaymentRequest,
  type IncomingNotification,
  type ParsedNotification,
  type PaymentProvider,
  type ProviderStatus,
} from '../provider.ts';
import { isValidSignature } from './signature.ts';

export interface PayuSettings {
  posId: string;
  clientId: string;
  clientSecret: string;
  secondKey: string;
  /** https://secure.snd.payu.com (sandbox) or https://secure.payu.com */
  baseUrl: string;
}

const outcomeOf: Record<string, ParsedNotification['outcome']> = {
  COMPLETED: 'paid',
  CANCELED: 'failed',
  PENDING: 'pending',
  NEW: 'pending',
  // Only with automatic collection switched off in the POS; this product expects it on (docs/payments.md).
  WAITING_FOR_CONFIRMATION: 'pending',
};

/**
 * PayU REST API 2.1: an OAuth access token (client_credentials, cached until shortly before it expires),
 * POST /api/v2_1/orders (answered with 302 and a JSON body holding redirectUri), notifications signed in the
 * OpenPayu-Signature header with the second key, and GET /api/v2_1/orders/{id} to confirm an order's state.
 */
export function createPayuProvider(settings: PayuSettings, now: () => number = Date.now): PaymentProvider {
  const url = (path: string) => `${settings.baseUrl}${path}`;
  let token: { value: string; validUntil: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.validUntil > now()) return token.value;
    const endpoint = url('/pl/standard/user/oauth/authorize');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    });
    const response = await callProvider('payu', endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    requireOk('payu', endpoint, response);
    const value = asString(field(response.json, 'access_token'));
    const expiresIn = Number(field(response.json, 'expires_in') ?? 0);
    if (!value) throw new ProviderError('payu', 'payu: authorization returned no access token');
    token = { value, validUntil: now() + Math.max(0, expiresIn - 60) * 1000 };
    return value;
  }

  /** An API call with the bearer token; a 401 (token revoked early) is retried once with a fresh token. */
  async function api(method: string, path: string, body?: unknown) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await callProvider('payu', url(path), {
        method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status !== 401 || attempt > 0) return response;
      token = undefined;
    }
  }

  async function readOrder(orderId: string) {
    const path = `/api/v2_1/orders/${encodeURIComponent(orderId)}`;
    const response = await api('GET', path);
    requireOk('payu', url(path), response);
    return field(response.json, 'orders', 0);
  }

  return {
    name: 'payu',

    async create(request: CreatePaymentRequest) {
      const path = '/api/v2_1/orders';
      const response = await api('POST', path, {
        notifyUrl: request.notifyUrl,
        continueUrl: request.returnUrl,
        customerIp: request.customerIp,
        merchantPosId: settings.posId,
        description: request.description.slice(0, 4000),
        currencyCode: request.currency,
        totalAmount: String(request.amountGrosze),
        extOrderId: request.sessionId,
        validityTime: request.expiresInMinutes * 60,
        buyer: { email: request.email, language: request.language },
        products: request.lines.map((line) => ({
          name: line.name,
          unitPrice: String(line.amountGrosze),
          quantity: '1',
        })),
      });
      requireOk('payu', url(path), response, [200, 201, 302]);
      const redirectUrl = asString(field(response.json, 'redirectUri'));
      const orderId = asString(field(response.json, 'orderId'));
      if (field(response.json, 'status', 'statusCode') !== 'SUCCESS' || !redirectUrl || !orderId) {
        throw new ProviderError('payu', 'payu: the order was not created');
      }
      return { redirectUrl, providerToken: orderId };
    },

    handleNotification(notification: IncomingNotification): Promise<ParsedNotification> {
      return new Promise((resolve) => resolve(parseNotification(notification, settings)));
    },

    async verify(attempt: AttemptReference, notification: ParsedNotification) {
      const order = await readOrder(notification.providerOrderId);
      if (
        asString(field(order, 'status')) !== 'COMPLETED' ||
        asString(field(order, 'extOrderId')) !== attempt.sessionId ||
        asGrosze(field(order, 'totalAmount')) !== attempt.amountGrosze ||
        asString(field(order, 'currencyCode')) !== attempt.currency
      ) {
        throw new ProviderError('payu', 'payu: the order is not completed for this amount');
      }
    },

    async status(attempt: AttemptReference): Promise<ProviderStatus> {
      const orderId = attempt.providerOrderId ?? attempt.providerToken;
      if (!orderId) return { state: 'unknown' };
      const order = await readOrder(orderId);
      const outcome = outcomeOf[asString(field(order, 'status')) ?? ''];
      if (outcome === 'paid') return { state: 'paid', providerOrderId: orderId };
      if (outcome === 'failed') return { state: 'failed' };
      return outcome === 'pending' ? { state: 'pending' } : { state: 'unknown' };
    },
  };
}

/** Checks the OpenPayu-Signature over the exact body with the second key, then reads the order. */
function parseNotification(notification: IncomingNotification, settings: PayuSettings): ParsedNotification {
  const header = notification.headers['openpayu-signature'];
  const signature = Array.isArray(header) ? header[0] : header;
  let body: unknown;
  try {
    body = JSON.parse(notification.rawBody) as unknown;
  } catch {
    throw new NotificationRejected('malformed', 'payu notification is not JSON');
  }
  const order = field(body, 'order');
  const sessionId = asString(field(order, 'extOrderId'));
  const providerOrderId = asString(field(order, 'orderId'));
  const amountGrosze = asGrosze(field(order, 'totalAmount'));
  const currency = asString(field(order, 'currencyCode'));
  const claimed = {
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(providerOrderId === undefined ? {} : { providerOrderId }),
    ...(amountGrosze === undefined ? {} : { amountGrosze }),
    ...(currency === undefined ? {} : { currency }),
  };
  if (!isValidSignature(signature, notification.rawBody, settings.secondKey)) {
    throw new NotificationRejected('bad_signature', 'payu notification signature does not match', claimed);
  }
  const outcome = outcomeOf[asString(field(order, 'status')) ?? ''];
  if (!sessionId || !providerOrderId || amountGrosze === undefined || !currency || !outcome) {
    throw new NotificationRejected('malformed', 'payu notification lacks order fields', claimed);
  }
  if (asString(field(order, 'merchantPosId')) !== settings.posId) {
    throw new NotificationRejected('wrong_merchant', 'payu notification is for another POS', claimed);
  }
  return { sessionId, providerOrderId, amountGrosze, currency, outcome };
}
