import { sql } from 'kysely';
import type { Executor } from '../shared/context.ts';
import { likePrefix, type PageQuery } from '../shared/schemas.ts';

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorKind?: 'staff' | 'customer' | 'system' | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  /** Polish calendar days, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The audit log, newest first; dates are Polish calendar days. The log itself can only grow (database trigger). */
export async function searchAudit(db: Executor, filter: AuditFilter, page: PageQuery | null) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('staff_users as s', (join) =>
      join.onRef('s.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'staff'),
    )
    .leftJoin('customer_logins as l', (join) =>
      join.onRef('l.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'customer'),
    );
  if (filter.entity) query = query.where('a.entity', '=', filter.entity);
  if (filter.entityId) query = query.where('a.entity_id', '=', filter.entityId);
  if (filter.actorKind) query = query.where('a.actor_kind', '=', filter.actorKind);
  if (filter.actorId !== undefined) query = query.where('a.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('a.action', 'like', likePrefix(filter.action));
  if (filter.from)
    query = query.where(
      'a.occurred_at',
      '>=',
      sql<Date>`(${filter.from}::date)::timestamp at time zone 'Europe/Warsaw'`,
    );
  if (filter.to)
    query = query.where(
      'a.occurred_at',
      '<',
      sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Europe/Warsaw'`,
    );
  const [rows, count] = await Promise.all([
    query
      .select([
        'a.id',
        'a.occurred_at',
        'a.actor_kind',
        'a.actor_id',
        's.full_name',
        's.email as staff_email',
        'l.email as login_email',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.before',
        'a.after',
        'a.ip',
      ])
      .orderBy('a.occurred_at', 'desc')
      .orderBy('a.id', 'desc')
      .$if(page !== null, (paged) => paged.limit(page!.pageSize).offset((page!.page - 1) * page!.pageSize))
      .execute(),
    query.select((select) => select.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actorKind: row.actor_kind as 'staff' | 'customer' | 'system',
      actorId: row.actor_id,
      actorName: row.full_name ?? row.login_email ?? null,
      actorEmail: row.staff_email ?? row.login_email ?? null,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: parseJson(row.before),
      after: parseJson(row.after),
      ip: row.ip,
    })),
    page: page?.page ?? 1,
    pageSize: page?.pageSize ?? rows.length,
    total: Number(count.total),
  };
}

/** jsonb arrives parsed from pg; a value stored as a JSON string (older writers) is parsed here too. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
