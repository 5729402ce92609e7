import { randomUUID } from 'node:crypto';
import { safeJson } from '../test-json.ts';
import { postJson, startTestServer, type TestReply, type TestRequest } from '../test-http.ts';
import { notificationSign, registerSign, verifySign } from './signatures.ts';

/**
 * Przelewy24's side of the REST protocol, for tests: it checks HTTP Basic auth and every sign we send
 * (register, verify), and signs the notifications it sends to our urlStatus exactly as Przelewy24 does.
 */
export interface Przelewy24Simulator {
  baseUrl: string;
  transactions: Map<string, SimulatedTransaction>;
  calls: { register: number; verify: number; rejected: number };
  /** The customer pays: the transaction gets an order id and the notification is sent to urlStatus. */
  pay(token: string, options?: { amount?: number; crc?: string }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface SimulatedTransaction {
  token: string;
  sessionId: string;
  amount: number;
  currency: string;
  urlStatus: string;
  urlReturn: string;
  orderId: number | null;
  status: 0 | 1 | 2 | 3;
}

export async function startPrzelewy24Simulator(settings: {
  merchantId: number;
  posId: number;
  apiKey: string;
  crc: string;
}): Promise<Przelewy24Simulator> {
  const transactions = new Map<string, SimulatedTransaction>();
  const calls = { register: 0, verify: 0, rejected: 0 };
  let nextOrderId = 300_000_001;
  const expectedAuthorization = `Basic ${Buffer.from(`${settings.posId}:${settings.apiKey}`).toString('base64')}`;
  const reject = (status: number, error: string): TestReply => {
    calls.rejected += 1;
    return { status, body: { error, code: status } };
  };

  const handle = (request: TestRequest): TestReply => {
    if (request.headers.authorization !== expectedAuthorization)
      return reject(401, 'Incorrect authentication');
    const body = safeJson(request.body);
    if (request.method === 'POST' && request.path === '/api/v1/transaction/register') {
      calls.register += 1;
      const sign = registerSign({
        sessionId: String(body['sessionId']),
        merchantId: Number(body['merchantId']),
        amountGrosze: Number(body['amount']),
        currency: String(body['currency']),
        crc: settings.crc,
      });
      if (body['sign'] !== sign) return reject(400, 'Incorrect sign');
      if (body['merchantId'] !== settings.merchantId || body['posId'] !== settings.posId)
        return reject(400, 'Incorrect merchant');
      for (const required of ['email', 'description', 'urlReturn', 'urlStatus', 'country', 'language']) {
        if (typeof body[required] !== 'string' || body[required] === '')
          return reject(400, `Missing ${required}`);
      }
      const token = `${randomUUID().toUpperCase()}`;
      transactions.set(token, {
        token,
        sessionId: String(body['sessionId']),
        amount: Number(body['amount']),
        currency: String(body['currency']),
        urlStatus: String(body['urlStatus']),
        urlReturn: String(body['urlReturn']),
        orderId: null,
        status: 0,
      });
      return { status: 200, body: { data: { token }, responseCode: 0 } };
    }
    if (request.method === 'PUT' && request.path === '/api/v1/transaction/verify') {
      calls.verify += 1;
      const transaction = [...transactions.values()].find(
        (candidate) => candidate.sessionId === body['sessionId'],
      );
      const sign = verifySign({
        sessionId: String(body['sessionId']),
        orderId: Number(body['orderId']),
        amount: Number(body['amount']),
        currency: String(body['currency']),
        crc: settings.crc,
      });
      if (body['sign'] !== sign) return reject(400, 'Incorrect sign');
      if (
        !transaction ||
        transaction.orderId !== body['orderId'] ||
        transaction.amount !== body['amount'] ||
        transaction.status === 0
      ) {
        return reject(400, 'Transaction not found or different');
      }
      transaction.status = 2;
      return { status: 200, body: { data: { status: 'success' }, responseCode: 0 } };
    }
    const bySession = /^\/api\/v1\/transaction\/by\/sessionId\/(.+)$/.exec(request.path);
    if (request.method === 'GET' && bySession) {
      const transaction = [...transactions.values()].find(
        (candidate) => candidate.sessionId === decodeURIComponent(bySession[1]!),
      );
      if (!transaction) return reject(404, 'Transaction not found');
      return {
        status: 200,
        body: {
          data: {
            sessionId: transaction.sessionId,
            orderId: transaction.orderId,
            amount: transaction.amount,
            status: transaction.status,
          },
          responseCode: 0,
        },
      };
    }
    return reject(404, 'Not found');
  };

  const server = await startTestServer(handle);
  return {
    baseUrl: server.baseUrl,
    transactions,
    calls,
    async pay(token, options = {}) {
      const transaction = transactions.get(token);
      if (!transaction) throw new Error(`unknown token ${token}`);
      transaction.orderId ??= nextOrderId++;
      transaction.status = 1;
      const fields = {
        merchantId: settings.merchantId,
        posId: settings.posId,
        sessionId: transaction.sessionId,
        amount: options.amount ?? transaction.amount,
        originAmount: transaction.amount,
        currency: transaction.currency,
        orderId: transaction.orderId,
        methodId: 154,
        statement: `p24-A${transaction.orderId}`,
      };
      const sign = notificationSign(fields, options.crc ?? settings.crc);
      return postJson(transaction.urlStatus, JSON.stringify({ ...fields, sign }));
    },
    close: server.close,
  };
}
