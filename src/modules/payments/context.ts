import type { FastifyBaseLogger } from 'fastify';
import type { PaymentProviders } from '../../adapters/payments/index.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';

/** What the payments services need; built once per application (or per test). */
export interface PaymentsContext {
  database: Database;
  config: Config;
  providers: PaymentProviders;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

/** The page the customer's browser returns to from the provider (rendered by the web client). */
export const returnPath = (onlinePaymentId: number): string => `/konto/platnosci/${onlinePaymentId}`;

export const notifyPath = (provider: string): string => `/api/v1/payments/notify/${provider}`;

/** Queue names of the payments jobs. */
export const CONFIRMATION_QUEUE = 'payment-confirmation';
export const EXPIRY_QUEUE = 'payment-expiry';

/** The Polish calendar date of an instant: the day money is booked. */
const warsawDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export const polishDay = (instant: Date): string => warsawDate.format(instant);

/** PostgreSQL's unique_violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: name } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return false;
  if (constraint === undefined) return true;
  // PGlite reports the constraint only in the message.
  return name === constraint || (error instanceof Error && error.message.includes(constraint));
}
