import { sha384Sign } from '../signing.ts';

/** The three signs of the Przelewy24 REST API, each over its documented fields in the documented order. */

export function registerSign(fields: {
  sessionId: string;
  merchantId: number;
  amountGrosze: number;
  currency: string;
  crc: string;
}): string {
  return sha384Sign([
    ['sessionId', fields.sessionId],
    ['merchantId', fields.merchantId],
    ['amount', fields.amountGrosze],
    ['currency', fields.currency],
    ['crc', fields.crc],
  ]);
}

export interface Przelewy24NotificationFields {
  merchantId: number;
  posId: number;
  sessionId: string;
  amount: number;
  originAmount: number;
  currency: string;
  orderId: number;
  methodId: number;
  statement: string;
}

export function notificationSign(fields: Przelewy24NotificationFields, crc: string): string {
  return sha384Sign([
    ['merchantId', fields.merchantId],
    ['posId', fields.posId],
    ['sessionId', fields.sessionId],
    ['amount', fields.amount],
    ['originAmount', fields.originAmount],
    ['currency', fields.currency],
    ['orderId', fields.orderId],
    ['methodId', fields.methodId],
    ['statement', fields.statement],
    ['crc', crc],
  ]);
}

export function verifySign(fields: {
  sessionId: string;
  orderId: number;
  amount: number;
  currency: string;
  crc: string;
}): string {
  return sha384Sign([
    ['sessionId', fields.sessionId],
    ['orderId', fields.orderId],
    ['amount', fields.amount],
    ['currency', fields.currency],
    ['crc', fields.crc],
  ]);
}
