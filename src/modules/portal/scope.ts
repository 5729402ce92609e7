import type { FastifyRequest } from 'fastify';
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CalendarDate } from '../../domain/index.ts';
import { customerAccessOf, type CustomerAccess } from '../../http/authorization.ts';
import { notFound } from '../../http/errors.ts';
import { localize } from '../../http/language.ts';
import { polishDate } from '../auth/calendar.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What every portal query is limited to: the customers the signed-in login holds. Repositories take it as
 * their first argument and put it into SQL, so a missing check cannot leak another customer's rows.
 */
export interface PortalScope {
  customerIds: readonly number[];
  loginId: number;
  language: CustomerAccess['language'];
  /** Today's date in Poland by the application clock: due dates and legalization are Polish calendar days. */
  today: CalendarDate;
  now: Date;
}

export function scopeOf(request: FastifyRequest): PortalScope {
  const access = customerAccessOf(request);
  const now = request.server.dependencies.now();
  return {
    customerIds: access.customerIds,
    loginId: access.loginId,
    language: access.language,
    today: polishDate(now) as CalendarDate,
    now,
  };
}

/**
 * The ids for an `in (...)` list. Identities start at 1, so 0 matches no row: a login that holds no customer
 * gets empty answers instead of a malformed `in ()`.
 */
export function idList(ids: readonly number[]): number[] {
  return ids.length > 0 ? [...ids] : [0];
}

/** The answer for another customer's id and for a missing one: the same 404, so ids cannot be probed. */
export function notFoundFor(scope: Pick<PortalScope, 'language'>, what: { pl: string; en: string }) {
  return notFound(localize(what, scope.language));
}

export const NOT_FOUND_TEXT = {
  invoice: { pl: 'Nie znaleziono faktury.', en: 'Invoice not found.' },
  meter: { pl: 'Nie znaleziono wodomierza.', en: 'Meter not found.' },
  servicePoint: { pl: 'Nie znaleziono punktu poboru.', en: 'Service point not found.' },
  customer: { pl: 'Nie znaleziono klienta.', en: 'Customer not found.' },
} as const;

/**
 * A meter is the customer's while a contract of theirs covers its service point at any time of the meter's
 * life; a reading is theirs when it falls inside such a contract, so the next tenant's readings stay private.
 */
export function meterVisible(customerIds: readonly number[], meterAlias = 'm'): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from contracts c
    where c.service_point_id = ${sql.ref(`${meterAlias}.service_point_id`)}
      and c.customer_id in (${sql.join(idList(customerIds))})
      and ${sql.ref(`${meterAlias}.installed_on`)} <= coalesce(c.valid_to, 'infinity'::date)
      and coalesce(${sql.ref(`${meterAlias}.removed_on`)}, 'infinity'::date) >= c.valid_from)`;
}

export function readingVisible(
  customerIds: readonly number[],
  meterAlias = 'm',
  readingAlias = 'r',
): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from contracts c
    where c.service_point_id = ${sql.ref(`${meterAlias}.service_point_id`)}
      and c.customer_id in (${sql.join(idList(customerIds))})
      and ${sql.ref(`${readingAlias}.read_on`)} >= c.valid_from
      and ${sql.ref(`${readingAlias}.read_on`)} <= coalesce(c.valid_to, 'infinity'::date))`;
}

export function servicePointVisible(customerIds: readonly number[], pointAlias = 'sp'): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from contracts c
    where c.service_point_id = ${sql.ref(`${pointAlias}.id`)} and c.customer_id in (${sql.join(idList(customerIds))}))`;
}

/** Checks a service point id taken from the caller; 404 when it is not one of theirs. */
export async function assertServicePoint(
  db: Executor,
  scope: PortalScope,
  servicePointId: number,
): Promise<void> {
  const row = await db
    .selectFrom('service_points as sp')
    .select('sp.id')
    .where('sp.id', '=', servicePointId)
    .where(servicePointVisible(scope.customerIds))
    .executeTakeFirst();
  if (!row) throw notFoundFor(scope, NOT_FOUND_TEXT.servicePoint);
}

/** Checks a customer id taken from the caller; 404 when the login does not hold it. */
export function assertCustomer(scope: PortalScope, customerId: number): void {
  if (!scope.customerIds.includes(customerId)) throw notFoundFor(scope, NOT_FOUND_TEXT.customer);
}
