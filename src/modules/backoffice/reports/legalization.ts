import { sql } from 'kysely';
import { addMonths, daysBetween, legalizationStatus, type CalendarDate } from '../../../domain/index.ts';
import { addressLine, customerName } from '../customers/search.ts';
import type { Executor } from '../shared/context.ts';
import type { PageQuery } from '../shared/schemas.ts';

/**
 * The meter crew's work list: installed meters whose legalization expires within `months` months (or has
 * expired), soonest first, with the place and the holder's phone to arrange the visit.
 */
export async function legalizationWorkList(
  db: Executor,
  today: CalendarDate,
  months: number,
  page: PageQuery | null,
) {
  const until = addMonths(today, months);
  const paging =
    page === null ? sql`` : sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`;
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      serial_number: string;
      kind: string;
      legalization_year: number;
      legalization_expires_on: string;
      service_point_id: number;
      code: string;
      street: string;
      building: string;
      apartment: string | null;
      postal_code: string;
      city: string;
      customer_id: number | null;
      customer_number: string | null;
      customer_kind: string | null;
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      phone: string | null;
    }>`
      select m.id, m.serial_number, m.kind, m.legalization_year, m.legalization_expires_on, sp.id as service_point_id,
        sp.code, sp.street, sp.building, sp.apartment, sp.postal_code, sp.city, holder.id as customer_id,
        holder.customer_number, holder.kind as customer_kind, holder.first_name, holder.last_name, holder.company_name, holder.phone
      from meters m
      join service_points sp on sp.id = m.service_point_id
      left join lateral (
        select cu.* from contracts c join customers cu on cu.id = c.customer_id
        where c.service_point_id = sp.id and c.valid_from <= ${today} and (c.valid_to is null or c.valid_to >= ${today})
        order by c.valid_from desc limit 1
      ) holder on true
      where m.removed_on is null and m.legalization_expires_on <= ${until}
      order by m.legalization_expires_on, sp.city, sp.street, sp.building, m.id
      ${paging}`.execute(db),
    sql<{
      total: number;
    }>`select count(*)::int as total from meters m where m.removed_on is null and m.legalization_expires_on <= ${until}`.execute(
      db,
    ),
  ]);
  return {
    until,
    items: rows.rows.map((row) => ({
      meterId: row.id,
      serialNumber: row.serial_number,
      kind: row.kind as 'main' | 'sub' | 'sewage',
      legalizationYear: row.legalization_year,
      expiresOn: row.legalization_expires_on,
      status: legalizationStatus(row.legalization_expires_on as CalendarDate, today),
      daysLeft: daysBetween(today, row.legalization_expires_on as CalendarDate),
      servicePointId: row.service_point_id,
      servicePointCode: row.code,
      address: addressLine(row),
      customer:
        row.customer_id === null
          ? null
          : {
              id: row.customer_id,
              customerNumber: row.customer_number ?? '',
              name: customerName({
                kind: row.customer_kind ?? 'person',
                first_name: row.first_name,
                last_name: row.last_name,
                company_name: row.company_name,
              }),
              phone: row.phone,
            },
    })),
    page: page?.page ?? 1,
    pageSize: page?.pageSize ?? rows.rows.length,
    total: Number(count.rows[0]?.total ?? 0),
  };
}
