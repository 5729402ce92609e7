import { sql, type Insertable, type Updateable } from 'kysely';
import type { ServicePoints } from '../../../db/schema.ts';
import type { CalendarDate } from '../../../domain/index.ts';
import { addressLine, customerName } from '../customers/search.ts';
import { loadPointsWithMeters } from '../customers/view.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { notFoundError, notFoundText, refusedAsConflict } from '../shared/errors.ts';
import { nextSeriesNumber } from '../shared/numbering.ts';
import { likePrefix, offsetOf, type Page, type PageQuery } from '../shared/schemas.ts';
import { loadContracts } from './contracts.ts';
import type { ServicePointCreate, ServicePointUpdate } from './schemas.ts';

const SERVICE_POINT_CODE_LOCK = 72610702;

export interface ServicePointListItem {
  id: number;
  code: string;
  address: string;
  customerGroup: 'household' | 'other';
  billingCycleMonths: number;
  holder: { customerId: number; customerNumber: string; name: string } | null;
  activeMainMeterSerial: string | null;
}

export async function listServicePoints(
  db: Executor,
  query: string | undefined,
  page: PageQuery,
  today: CalendarDate,
) {
  const tokens = (query ?? '')
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 6);
  const filters = tokens.map((token) => {
    const prefix = likePrefix(token);
    return sql<boolean>`(lower(sp.code) like ${prefix} or lower(sp.street) like ${prefix} or lower(sp.street) like ${`% ${prefix}`}
      or lower(sp.building) = ${token} or lower(sp.city) like ${prefix} or sp.postal_code = ${token})`;
  });
  const where = filters.length === 0 ? sql<boolean>`true` : sql.join(filters, sql` and `);
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      code: string;
      street: string;
      building: string;
      apartment: string | null;
      postal_code: string;
      city: string;
      customer_group: string;
      billing_cycle_months: number;
      customer_id: number | null;
      customer_number: string | null;
      kind: string | null;
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      serial_number: string | null;
    }>`
      select sp.id, sp.code, sp.street, sp.building, sp.apartment, sp.postal_code, sp.city, sp.customer_group,
        sp.billing_cycle_months, holder.customer_id, holder.customer_number, holder.kind, holder.first_name,
        holder.last_name, holder.company_name,
        (select m.serial_number from meters m where m.service_point_id = sp.id and m.kind = 'main' and m.removed_on is null) as serial_number
      from service_points sp
      left join lateral (
        select c.customer_id, cu.customer_number, cu.kind, cu.first_name, cu.last_name, cu.company_name
        from contracts c join customers cu on cu.id = c.customer_id
        where c.service_point_id = sp.id and c.valid_from <= ${today} and (c.valid_to is null or c.valid_to >= ${today})
        order by c.valid_from desc limit 1
      ) holder on true
      where ${where}
      order by sp.code
      limit ${page.pageSize} offset ${offsetOf(page)}`.execute(db),
    sql<{ total: number }>`select count(*)::int as total from service_points sp where ${where}`.execute(db),
  ]);
  const result: Page<ServicePointListItem> = {
    items: rows.rows.map((row) => ({
      id: row.id,
      code: row.code,
      address: addressLine(row),
      customerGroup: row.customer_group === 'other' ? 'other' : 'household',
      billingCycleMonths: row.billing_cycle_months,
      holder:
        row.customer_id === null
          ? null
          : {
              customerId: row.customer_id,
              customerNumber: row.customer_number ?? '',
              name: customerName({
                kind: row.kind ?? 'person',
                first_name: row.first_name,
                last_name: row.last_name,
                company_name: row.company_name,
              }),
            },
      activeMainMeterSerial: row.serial_number,
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.rows[0]?.total ?? 0),
  };
  return result;
}

export async function servicePointDetail(
  db: Executor,
  servicePointId: number,
  today: CalendarDate,
  language: StaffContext['language'],
) {
  const [point] = await loadPointsWithMeters(db, [servicePointId], today);
  if (!point) throw notFoundError(notFoundText.servicePoint, language);
  const row = await db
    .selectFrom('service_points')
    .select(['estimate_norm_litres_per_day'])
    .where('id', '=', servicePointId)
    .executeTakeFirstOrThrow();
  return {
    ...point,
    estimateNormLitresPerDay: row.estimate_norm_litres_per_day,
    contracts: await loadContracts(db, { servicePointId }, today),
  };
}

function pointColumns(input: ServicePointUpdate): Updateable<ServicePoints> {
  return {
    ...(input.street !== undefined ? { street: input.street } : {}),
    ...(input.building !== undefined ? { building: input.building } : {}),
    ...(input.apartment !== undefined ? { apartment: input.apartment } : {}),
    ...(input.postalCode !== undefined ? { postal_code: input.postalCode } : {}),
    ...(input.city !== undefined ? { city: input.city } : {}),
    ...(input.customerGroup !== undefined ? { customer_group: input.customerGroup } : {}),
    ...(input.billingCycleMonths !== undefined ? { billing_cycle_months: input.billingCycleMonths } : {}),
    ...(input.billingCycleOffset !== undefined ? { billing_cycle_offset: input.billingCycleOffset } : {}),
    ...(input.estimateNormLitresPerDay !== undefined
      ? { estimate_norm_litres_per_day: input.estimateNormLitresPerDay }
      : {}),
  };
}

const codeTaken = {
  pl: 'Ten kod punktu poboru jest już zajęty.',
  en: 'This service point code is already taken.',
};

export async function createServicePoint(context: StaffContext, input: ServicePointCreate) {
  const { database, actor, now, today, language } = context;
  const id = await refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const code =
          input.code ??
          (await nextSeriesNumber(trx, {
            lockKey: SERVICE_POINT_CODE_LOCK,
            table: 'service_points',
            column: 'code',
            prefix: 'PP-',
            digits: 6,
          }));
        const values: Insertable<ServicePoints> = {
          code,
          street: input.street,
          building: input.building,
          apartment: input.apartment ?? null,
          postal_code: input.postalCode,
          city: input.city,
          customer_group: input.customerGroup,
          billing_cycle_months: input.billingCycleMonths,
          billing_cycle_offset: input.billingCycleOffset,
          estimate_norm_litres_per_day: input.estimateNormLitresPerDay ?? null,
        };
        const row = await trx
          .insertInto('service_points')
          .values(values)
          .returningAll()
          .executeTakeFirstOrThrow();
        const { created_at: _created, id: _id, ...audited } = row;
        await writeAudit(
          trx,
          actor,
          { action: 'service_point.created', entity: 'service_point', entityId: row.id, after: audited },
          now,
        );
        return row.id;
      }),
    (code) => (code === '23505' ? codeTaken : undefined),
    language,
  );
  return servicePointDetail(database.db, id, today, language);
}

export async function updateServicePoint(
  context: StaffContext,
  servicePointId: number,
  input: ServicePointUpdate,
) {
  const { database, actor, now, today, language } = context;
  await database.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('service_points')
      .selectAll()
      .where('id', '=', servicePointId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFoundError(notFoundText.servicePoint, language);
    const change = pointColumns(input);
    const difference = changedFields(
      current as unknown as Record<string, unknown>,
      change as Record<string, unknown>,
    );
    if (!difference) return;
    await trx.updateTable('service_points').set(change).where('id', '=', servicePointId).execute();
    await writeAudit(
      trx,
      actor,
      { action: 'service_point.updated', entity: 'service_point', entityId: servicePointId, ...difference },
      now,
    );
  });
  return servicePointDetail(database.db, servicePointId, today, language);
}
