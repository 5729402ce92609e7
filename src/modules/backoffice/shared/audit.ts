import type { Executor, Actor } from './context.ts';

export type AuditValue = Record<string, unknown> | null;

export interface AuditEntry {
  /** What happened, 'entity.verb' (e.g. 'meter.replaced'); stable, so the log can be filtered by it. */
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: AuditValue;
  after?: AuditValue;
}

/**
 * Appends to the audit log. Call it with the transaction that makes the change, so the change and its record
 * commit together or not at all. Personal identifiers are masked by the callers before they get here.
 */
export async function writeAudit(db: Executor, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      occurred_at: at,
      actor_kind: actor.staffUserId === null ? 'system' : 'staff',
      actor_id: actor.staffUserId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      ip: actor.ip,
    })
    .execute();
}

/** The fields of `after` that differ from `before`, each with its old and new value: what an edit changed. */
export function changedFields<Row extends Record<string, unknown>>(
  before: Row,
  after: Partial<Row>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const old: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(value ?? null)) continue;
    old[key] = before[key] ?? null;
    next[key] = value ?? null;
  }
  return Object.keys(next).length === 0 ? null : { before: old, after: next };
}
