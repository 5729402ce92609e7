// The audit log's writer is shared with the rest of the application (src/modules/audit/log.ts); the back
// office calls it with its staff actor.
export { writeStaffAudit as writeAudit, type AuditEntry, type AuditValue } from '../../audit/log.ts';

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
