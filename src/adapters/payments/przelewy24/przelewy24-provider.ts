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
import { sameDigest } from '../signing.ts';
import { notificationSign, registerSign, verifySign } from './signatures.ts';

export interface Przelewy24Settings {
  merchantId: number;
  posId: number;
  apiKey: string;
  crc: string;
  /** https://sandbox.przelewy24.pl or https://secure.przelewy24.pl */
  baseUrl: string;
}

/**
 * Przelewy24 REST API v1: register the transaction (sha384 sign with the CRC key), send the customer to
 * /trnRequest/{token}, receive the notification for a successful payment (its sign checked with the CRC key),
 * then settle it with the verify call; until verified the money is not ours. HTTP Basic auth: POS id + API key.
 */
export function createPrzelewy24Provider(settings: Przelewy24Settings): PaymentProvider {
  const authorization = `Basic ${Buffer.from(`${settings.posId}:${settings.apiKey}`).toString('base64')}`;
  const headers = { authorization, 'content-type': 'application/json', accept: 'application/json' };
  const url = (path: string) => `${settings.baseUrl}${path}`;

  return {
    name: 'przelewy24',

    async create(request: CreatePaymentRequest) {
      const endpoint = url('/api/v1/transaction/register');
      const body = {
        merchantId: settings.merchantId,
        posId: settings.posId,
        sessionId: request.sessionId,
        amount: request.amountGrosze,
        currency: request.currency,
        description: request.description.slice(0, 1024),
        email: request.email,
        country: 'PL',
        language: request.language,
        urlReturn: request.returnUrl,
        urlStatus: request.notifyUrl,
        timeLimit: Math.min(request.expiresInMinutes, 99),
        encoding: 'UTF-8',
        sign: registerSign({ ...request, merchantId: settings.merchantId, crc: settings.crc }),
      };
      const response = await callProvider('przelewy24', endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      requireOk('przelewy24', endpoint, response);
      const token = asString(field(response.json, 'data', 'token'));
      if (!token || !/^[A-Za-z0-9_-]+$/.test(token))
        throw new ProviderError('przelewy24', 'przelewy24: register returned no token');
      return { redirectUrl: url(`/trnRequest/${token}`), providerToken: token };
    },

    handleNotification(notification: IncomingNotification): Promise<ParsedNotification> {
      return new Promise((resolve) => resolve(parseNotification(notification, settings)));
    },

    async verify(attempt: AttemptReference, notification: ParsedNotification) {
      const endpoint = url('/api/v1/transaction/verify');
      const orderId = Number(notification.providerOrderId);
      const body = {
        merchantId: settings.merchantId,
        posId: settings.posId,
        sessionId: attempt.sessionId,
        amount: attempt.amountGrosze,
        currency: attempt.currency,
        orderId,
        sign: verifySign({
          sessionId: attempt.sessionId,
          orderId,
          amount: attempt.amountGrosze,
          currency: attempt.currency,
          crc: settings.crc,
        }),
      };
      const response = await callProvider('przelewy24', endpoint, {
        method: 'PUT',
        headers,
        body: JSON.stringify(body),
      });
      requireOk('przelewy24', endpoint, response);
      if (field(response.json, 'data', 'status') !== 'success') {
        throw new ProviderError('przelewy24', 'przelewy24: verify did not confirm the transaction');
      }
    },

    async status(attempt: AttemptReference): Promise<ProviderStatus> {
      const endpoint = url(`/api/v1/transaction/by/sessionId/${encodeURIComponent(attempt.sessionId)}`);
      const response = await callProvider('przelewy24', endpoint, { method: 'GET', headers });
      if (response.status === 404) return { state: 'pending' };
      requireOk('przelewy24', endpoint, response);
      const state = field(response.json, 'data', 'status');
      const orderId = asString(field(response.json, 'data', 'orderId'));
      // 0 no payment, 1 advance payment, 2 payment made, 3 payment returned.
      if ((state === 1 || state === 2) && orderId) return { state: 'paid', providerOrderId: orderId };
      if (state === 3) return { state: 'failed' };
      if (state === 0) return { state: 'pending' };
      return { state: 'unknown' };
    },
  };
}

/** Checks the sign with the CRC key and the merchant, then reads the notification (Przelewy24 sends only successes). */
function parseNotification(
  notification: IncomingNotification,
  settings: Przelewy24Settings,
): ParsedNotification {
  const body = parseJson(notification.rawBody);

  const sessionId = asString(field(body, 'sessionId'));
  const orderId = field(body, 'orderId');
  const amount = field(body, 'amount');
  const currency = asString(field(body, 'currency'));
  const claimed = {
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(asString(orderId) === undefined ? {} : { providerOrderId: asString(orderId)! }),
    ...(asGrosze(amount) === undefined ? {} : { amountGrosze: asGrosze(amount)! }),
    ...(currency === undefined ? {} : { currency }),
  };
  const values = {
    merchantId: field(body, 'merchantId'),
    posId: field(body, 'posId'),
    sessionId: field(body, 'sessionId'),
    amount,
    originAmount: field(body, 'originAmount'),
    currency: field(body, 'currency'),
    orderId,
    methodId: field(body, 'methodId'),
    statement: field(body, 'statement'),
  };
  const sign = field(body, 'sign');
  const numbers = [
    values.merchantId,
    values.posId,
    values.amount,
    values.originAmount,
    values.orderId,
    values.methodId,
  ];
  if (
    !numbers.every((value) => typeof value === 'number' && Number.isSafeInteger(value)) ||
    typeof values.sessionId !== 'string' ||
    typeof values.currency !== 'string' ||
    typeof values.statement !== 'string' ||
    typeof sign !== 'string'
  ) {
    throw new NotificationRejected('malformed', 'przelewy24 notification lacks required fields', claimed);
  }
  const typed = values as {
    merchantId: number;
    posId: number;
    sessionId: string;
    amount: number;
    originAmount: number;
    currency: string;
    orderId: number;
    methodId: number;
    statement: string;
  };
  if (!sameDigest(notificationSign(typed, settings.crc), sign)) {
    throw new NotificationRejected('bad_signature', 'przelewy24 notification sign does not match', claimed);
  }
  if (typed.merchantId !== settings.merchantId || typed.posId !== settings.posId) {
    throw new NotificationRejected(
      'wrong_merchant',
      'przelewy24 notification is for another merchant or POS',
      claimed,
    );
  }
  // Przelewy24 notifies only payments that succeeded.
  return {
    sessionId: typed.sessionId,
    providerOrderId: String(typed.orderId),
    amountGrosze: typed.amount,
    currency: typed.currency,
    outcome: 'paid',
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NotificationRejected('malformed', 'przelewy24 notification is not JSON');
  }
}
