import { sql } from 'kysely';
import { legalizationExpiry, parseCubicMetres, type CalendarDate } from '../../../domain/index.ts';
import { addressLine } from '../customers/search.ts';
import { presentMeter, presentReading, READINGS_PER_METER } from '../customers/view.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';
import { likePrefix, offsetOf, type PageQuery } from '../shared/schemas.ts';

export async function listMeters(
  db: Executor,
  filter: {
    q?: string | undefined;
    servicePointId?: number | undefined;
    active?: 'true' | 'false' | undefined;
  },
  page: PageQuery,
  today: CalendarDate,
) {
  let query = db.selectFrom('meters as m').innerJoin('service_points as sp', 'sp.id', 'm.service_point_id');
  if (filter.q)
    query = query.where(sql<boolean>`lower(m.serial_number) like ${likePrefix(filter.q.toLowerCase())}`);
  if (filter.servicePointId !== undefined)
    query = query.where('m.service_point_id', '=', filter.servicePointId);
  if (filter.active === 'true') query = query.where('m.removed_on', 'is', null);
  if (filter.active === 'false') query = query.where('m.removed_on', 'is not', null);
  const [rows, count] = await Promise.all([
    query
      .selectAll('m')
      .select(['sp.code', 'sp.street', 'sp.building', 'sp.apartment', 'sp.postal_code', 'sp.city'])
      .orderBy('m.serial_number')
      .orderBy('m.installed_on', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    query.select((select) => select.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...presentMeter(row, today),
      servicePointCode: row.code,
      servicePointAddress: addressLine(row),
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.total),
  };
}

export async function meterDetail(
  db: Executor,
  meterId: number,
  today: CalendarDate,
  language: StaffContext['language'],
) {
  const row = await db
    .selectFrom('meters as m')
    .innerJoin('service_points as sp', 'sp.id', 'm.service_point_id')
    .selectAll('m')
    .select(['sp.code', 'sp.street', 'sp.building', 'sp.apartment', 'sp.postal_code', 'sp.city'])
    .where('m.id', '=', meterId)
    .executeTakeFirst();
  if (!row) throw notFoundError(notFoundText.meter, language);
  const readings = await db
    .selectFrom('readings')
    .select(['id', 'read_on', 'value_litres', 'source', 'status', 'status_reason'])
    .where('meter_id', '=', meterId)
    .orderBy('read_on', 'desc')
    .orderBy('id', 'desc')
    .limit(READINGS_PER_METER)
    .execute();
  return {
    ...presentMeter(row, today),
    servicePointCode: row.code,
    servicePointAddress: addressLine(row),
    readings: readings.map(presentReading),
  };
}

/** The expiry staff typed, or the legal one: 31 December of the legalization year + 5. */
export function expiryOf(year: number, given: CalendarDate | undefined): CalendarDate {
  return given ?? legalizationExpiry(year);
}

export const litresOf = (cubicMetres: string): number => parseCubicMetres(cubicMetres);
