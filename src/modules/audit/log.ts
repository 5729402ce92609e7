import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The one writer of the audit log. Call it with the transaction that makes the change, so the change and its
 * record commit together or not at all. Personal identifiers are masked (or left out) by the callers.
 */

/** Who acted: a staff member, a customer's login, or the system (a command run on the server). */
export interface AuditActor {
  kind: 'staff' | 'customer' | 'system';
  /** staff_users.id or customer_logins.id; null for the system. */
  id: number | null;
  ip: string | null;
}

export type AuditValue = Record<string, unknown> | null;

export interface AuditEntry {
  /** What happened, 'entity.verb' (e.g. 'meter.replaced'); stable, so the log can be filtered by it. */
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: AuditValue;
  after?: AuditValue;
}

export async function appendAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: AuditActor,
  entry: AuditEntry,
  at: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      occurred_at: at,
      actor_kind: actor.kind,
      actor_id: actor.id,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      ip: actor.ip,
    })
    .execute();
}

/** Who acts in staff services: the staff member behind the request, or none for a command on the server. */
export interface StaffActor {
  staffUserId: number | null;
  ip: string | null;
}

/** appendAudit for staff services: a staff member, or the system when there is none. */
export function writeStaffAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: StaffActor,
  entry: AuditEntry,
  at: Date,
): Promise<void> {
  return appendAudit(
    db,
    { kind: actor.staffUserId === null ? 'system' : 'staff', id: actor.staffUserId, ip: actor.ip },
    entry,
    at,
  );
}
