import type { Executor } from '../payments/payable.ts';

/** Who made a change: a staff member (HTTP), or the system (CLI run by an operator on the server). */
export interface Actor {
  staffUserId: number | null;
  ip: string | null;
}

/** Appends to the audit log inside the transaction that makes the change, so both commit or neither. */
export async function writeAudit(
  db: Executor,
  actor: Actor,
  entry: {
    action: string;
    entity: string;
    entityId: number | string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
  at: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      occurred_at: at,
      actor_kind: actor.staffUserId === null ? 'system' : 'staff',
      actor_id: actor.staffUserId,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      ip: actor.ip,
    })
    .execute();
}
