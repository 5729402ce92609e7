import { safeJson } from '../test-json.ts';
import { postJson, startTestServer, type TestReply, type TestRequest } from '../test-http.ts';
import { signatureHeader } from './signature.ts';

/**
 * PayU's side of REST API 2.1, for tests: OAuth client_credentials, order creation (answered with 302 and a
 * JSON body, as PayU does), order retrieval, and notifications to notifyUrl signed with the second key.
 */
export interface PayuSimulator {
  baseUrl: string;
  orders: Map<string, SimulatedOrder>;
  calls: { authorize: number; create: number; retrieve: number; rejected: number };
  /** The customer finishes at PayU: the order changes state and the signed notification goes to notifyUrl. */
  finish(
    orderId: string,
    options?: { status?: 'COMPLETED' | 'CANCELED'; secondKey?: string; totalAmount?: string },
  ): Promise<{ status: number; body: string }>;
  /** Makes the current access token invalid, as when PayU revokes it early. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export interface SimulatedOrder {
  orderId: string;
  extOrderId: string;
  totalAmount: string;
  currencyCode: string;
  notifyUrl: string;
  continueUrl: string;
  status: 'NEW' | 'PENDING' | 'COMPLETED' | 'CANCELED';
}

export async function startPayuSimulator(settings: {
  posId: string;
  clientId: string;
  clientSecret: string;
  secondKey: string;
}): Promise<PayuSimulator> {
  const orders = new Map<string, SimulatedOrder>();
  const calls = { authorize: 0, create: 0, retrieve: 0, rejected: 0 };
  const tokens = new Set<string>();
  let baseUrl = '';
  const reject = (status: number, code: string): TestReply => {
    calls.rejected += 1;
    return { status, body: { status: { statusCode: code } } };
  };

  const handle = (request: TestRequest): TestReply => {
    if (request.method === 'POST' && request.path === '/pl/standard/user/oauth/authorize') {
      calls.authorize += 1;
      const form = new URLSearchParams(request.body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== settings.clientId ||
        form.get('client_secret') !== settings.clientSecret
      ) {
        return reject(401, 'UNAUTHORIZED');
      }
      const token = `token-${calls.authorize}-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return {
        status: 200,
        body: {
          access_token: token,
          token_type: 'bearer',
          expires_in: 43199,
          grant_type: 'client_credentials',
        },
      };
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return reject(401, 'UNAUTHORIZED');
    if (request.method === 'POST' && request.path === '/api/v2_1/orders') {
      calls.create += 1;
      const body = safeJson(request.body);
      if (body['merchantPosId'] !== settings.posId) return reject(400, 'ERROR_VALUE_INVALID');
      const products = Array.isArray(body['products'])
        ? (body['products'] as Array<Record<string, unknown>>)
        : [];
      const sum = products.reduce(
        (total, product) => total + Number(product['unitPrice']) * Number(product['quantity']),
        0,
      );
      if (
        typeof body['totalAmount'] !== 'string' ||
        Number(body['totalAmount']) !== sum ||
        products.length === 0
      )
        return reject(400, 'ERROR_VALUE_INVALID');
      for (const required of [
        'notifyUrl',
        'continueUrl',
        'customerIp',
        'description',
        'currencyCode',
        'extOrderId',
      ]) {
        if (typeof body[required] !== 'string' || body[required] === '')
          return reject(400, 'ERROR_VALUE_MISSING');
      }
      const orderId = `PAYU${String(orders.size + 1).padStart(6, '0')}`;
      orders.set(orderId, {
        orderId,
        extOrderId: String(body['extOrderId']),
        totalAmount: String(body['totalAmount']),
        currencyCode: String(body['currencyCode']),
        notifyUrl: String(body['notifyUrl']),
        continueUrl: String(body['continueUrl']),
        status: 'NEW',
      });
      const redirectUri = `${baseUrl}/pay/?orderId=${orderId}`;
      return {
        status: 302,
        headers: { location: redirectUri },
        body: { status: { statusCode: 'SUCCESS' }, redirectUri, orderId, extOrderId: body['extOrderId'] },
      };
    }
    const retrieve = /^\/api\/v2_1\/orders\/([A-Z0-9]+)$/.exec(request.path);
    if (request.method === 'GET' && retrieve) {
      calls.retrieve += 1;
      const order = orders.get(retrieve[1]!);
      if (!order) return reject(404, 'DATA_NOT_FOUND');
      return {
        status: 200,
        body: { orders: [{ ...order, merchantPosId: settings.posId }], status: { statusCode: 'SUCCESS' } },
      };
    }
    return reject(404, 'DATA_NOT_FOUND');
  };

  const server = await startTestServer(handle);
  baseUrl = server.baseUrl;
  return {
    baseUrl,
    orders,
    calls,
    async finish(orderId, options = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`unknown order ${orderId}`);
      order.status = options.status ?? 'COMPLETED';
      const body = JSON.stringify({
        order: {
          orderId: order.orderId,
          extOrderId: order.extOrderId,
          orderCreateDate: '2026-11-20T10:00:00.000+01:00',
          notifyUrl: order.notifyUrl,
          customerIp: '127.0.0.1',
          merchantPosId: settings.posId,
          description: 'Faktury',
          currencyCode: order.currencyCode,
          totalAmount: options.totalAmount ?? order.totalAmount,
          status: order.status,
        },
        localReceiptDateTime: '2026-11-20T10:01:00.000+01:00',
        properties: [{ name: 'PAYMENT_ID', value: '5000000001' }],
      });
      return postJson(order.notifyUrl, body, {
        'openpayu-signature': signatureHeader(body, options.secondKey ?? settings.secondKey),
      });
    },
    revokeTokens() {
      tokens.clear();
    },
    close: server.close,
  };
}
