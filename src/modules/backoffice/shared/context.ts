import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { DB } from '../../../db/schema.ts';
import type { CalendarDate } from '../../../domain/index.ts';
import { staffAccessOf, type StaffAccess } from '../../../http/authorization.ts';
import { languageFromHeader, type Language } from '../../../http/language.ts';
import type { StaffActor } from '../../audit/log.ts';
import { polishDate } from '../../auth/calendar.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Who acts: the staff member behind the request and where the request came from (kept in the audit log). */
export type Actor = StaffActor;

/** What a back-office service needs from a request: the database, the clock, who acts and their language. */
export interface StaffContext {
  database: Database;
  now: Date;
  /** Today in Poland by the application clock. */
  today: CalendarDate;
  actor: Actor;
  staff: StaffAccess;
  language: Language;
}

export function staffContextOf(request: FastifyRequest): StaffContext {
  const staff = staffAccessOf(request);
  const { database, now } = request.server.dependencies;
  const instant = now();
  return {
    database,
    now: instant,
    today: polishDate(instant) as CalendarDate,
    actor: { staffUserId: staff.staffUserId, ip: request.ip },
    staff,
    language: languageFromHeader(request.headers['accept-language']),
  };
}
