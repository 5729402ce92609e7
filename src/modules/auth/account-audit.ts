import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../audit/log.ts';

/**
 * What a customer did to the security of their own login, for the audit log that staff search (action prefix
 * "customer_login."): the trail to follow when a customer says "I did not do this". Addresses and secrets stay
 * out of it; the entry names the login, the time and the client address.
 */
export type AccountEvent =
  | 'password_reset'
  | 'email_change_requested'
  | 'email_changed'
  | 'two_factor_enabled'
  | 'two_factor_disabled';

export async function auditAccountEvent(
  db: Kysely<DB> | Transaction<DB>,
  event: AccountEvent,
  who: { loginId: number; ip: string },
  at: Date,
): Promise<void> {
  await appendAudit(
    db,
    { kind: 'customer', id: who.loginId, ip: who.ip },
    { action: `customer_login.${event}`, entity: 'customer_login', entityId: who.loginId },
    at,
  );
}
