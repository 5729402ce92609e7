import { sql } from 'kysely';
import {
  daysBetween,
  formatDate,
  isDomainError,
  parseCubicMetres,
  type CalendarDate,
} from '../../../domain/index.ts';
import { CorrectionError, issueCorrection } from '../../billing/correction.ts';
import { addressLine, customerName } from '../customers/search.ts';
import { presentReading } from '../customers/view.ts';
import { writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { conflictError, notFoundError, notFoundText, refusedAsConflict } from '../shared/errors.ts';
import { offsetOf, type PageQuery } from '../shared/schemas.ts';
import { loadMeterStates } from './meter-state.ts';
import { judgeReading, type MeterState } from './rules.ts';

export type ReviewSource = 'customer' | 'staff' | 'amr';

/**
 * Readings waiting for a decision: customers' self-readings and implausible values from staff or imports,
 * oldest first, each with what a reviewer needs beside it (the previous accepted value, the consumption and
 * daily average it implies, the holder of the point on that day, who submitted it and why it was held).
 */
export async function reviewQueue(
  db: Executor,
  filter: { source?: ReviewSource | undefined },
  page: PageQuery,
) {
  const sourceFilter = filter.source ? sql`and r.source = ${filter.source}` : sql``;
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      meter_id: number;
      read_on: string;
      value_litres: number;
      source: string;
      status_reason: string | null;
      created_at: Date;
      import_batch_id: number | null;
      serial_number: string;
      kind: string;
      installed_on: string;
      install_reading_litres: number;
      service_point_id: number;
      code: string;
      street: string;
      building: string;
      apartment: string | null;
      postal_code: string;
      city: string;
      previous_on: string | null;
      previous_litres: number | null;
      customer_id: number | null;
      customer_number: string | null;
      customer_kind: string | null;
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      login_email: string | null;
      staff_name: string | null;
    }>`
      select r.id, r.meter_id, r.read_on, r.value_litres, r.source, r.status_reason, r.created_at, r.import_batch_id,
        m.serial_number, m.kind, m.installed_on, m.install_reading_litres, sp.id as service_point_id, sp.code,
        sp.street, sp.building, sp.apartment, sp.postal_code, sp.city,
        previous.read_on as previous_on, previous.value_litres as previous_litres,
        holder.id as customer_id, holder.customer_number, holder.kind as customer_kind, holder.first_name,
        holder.last_name, holder.company_name, login.email as login_email, staff.full_name as staff_name
      from readings r
      join meters m on m.id = r.meter_id
      join service_points sp on sp.id = m.service_point_id
      left join lateral (
        select p.read_on, p.value_litres from readings p
        where p.meter_id = r.meter_id and p.status = 'accepted' and p.read_on < r.read_on
        order by p.read_on desc limit 1
      ) previous on true
      left join lateral (
        select cu.* from contracts c join customers cu on cu.id = c.customer_id
        where c.service_point_id = sp.id and c.valid_from <= r.read_on and (c.valid_to is null or c.valid_to >= r.read_on)
        order by c.valid_from desc limit 1
      ) holder on true
      left join customer_logins login on login.id = r.created_by_login_id
      left join staff_users staff on staff.id = r.created_by_staff_id
      where r.status = 'pending' ${sourceFilter}
      order by r.created_at, r.id
      limit ${page.pageSize} offset ${offsetOf(page)}`.execute(db),
    sql<{
      total: number;
    }>`select count(*)::int as total from readings r where r.status = 'pending' ${sourceFilter}`.execute(db),
  ]);
  return {
    items: rows.rows.map((row) => {
      const previousDate = (row.previous_on ?? row.installed_on) as CalendarDate;
      const previousLitres = row.previous_litres ?? row.install_reading_litres;
      const consumption = row.value_litres - previousLitres;
      const days = Math.max(daysBetween(previousDate, row.read_on as CalendarDate), 1);
      return {
        id: row.id,
        meterId: row.meter_id,
        meterSerial: row.serial_number,
        meterKind: row.kind as 'main' | 'sub' | 'sewage',
        date: row.read_on,
        valueLitres: row.value_litres,
        source: row.source as ReviewSource,
        reviewNote: row.status_reason,
        submittedAt: row.created_at.toISOString(),
        submittedBy:
          row.login_email ??
          row.staff_name ??
          (row.import_batch_id !== null ? `import #${row.import_batch_id}` : null),
        servicePointId: row.service_point_id,
        servicePointCode: row.code,
        servicePointAddress: addressLine(row),
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
              },
        previous: { date: previousDate, valueLitres: previousLitres, installation: row.previous_on === null },
        consumptionLitres: consumption,
        days,
        dailyLitres: Math.round(consumption / days),
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.rows[0]?.total ?? 0),
  };
}

async function lockedReading(trx: Executor, readingId: number, language: StaffContext['language']) {
  const reading = await trx
    .selectFrom('readings as r')
    .innerJoin('meters as m', 'm.id', 'r.meter_id')
    .select([
      'r.id',
      'r.meter_id',
      'r.read_on',
      'r.value_litres',
      'r.source',
      'r.status',
      'r.status_reason',
      'm.serial_number',
    ])
    .where('r.id', '=', readingId)
    .forUpdate('r')
    .executeTakeFirst();
  if (!reading) throw notFoundError(notFoundText.reading, language);
  return reading;
}

const notPending = {
  pl: 'Ten odczyt nie czeka już na decyzję.',
  en: 'This reading no longer awaits a decision.',
};
const sameDay = {
  pl: 'Na ten dzień jest już przyjęty inny odczyt tego wodomierza.',
  en: 'Another accepted reading of this meter exists for that day.',
};

/** The meter as it would be without the reading under review, so the reading is judged against its neighbours only. */
async function stateWithout(
  trx: Executor,
  reading: { id: number; meter_id: number; read_on: string; value_litres: number; status: string },
): Promise<MeterState> {
  const state = (await loadMeterStates(trx, [reading.meter_id], reading.read_on as CalendarDate)).get(
    reading.meter_id,
  )!;
  state.takenDays.delete(reading.read_on);
  if (reading.status === 'accepted')
    state.accepted = state.accepted.filter((entry) => entry.date !== reading.read_on);
  return state;
}

export async function acceptReading(context: StaffContext, readingId: number, note: string | null) {
  const { database, actor, now, language } = context;
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const reading = await lockedReading(trx, readingId, language);
        if (reading.status !== 'pending') throw conflictError(notPending, language);
        const state = await stateWithout(trx, reading);
        // The reviewer vouches for plausibility; the order of the register still has to hold.
        const verdict = judgeReading(
          state,
          reading.read_on as CalendarDate,
          reading.value_litres,
          context.today,
        );
        if (!verdict.ok && verdict.rejection.reason !== 'future_date')
          throw conflictError(verdict.rejection.detail, language);
        const updated = await trx
          .updateTable('readings')
          .set({ status: 'accepted', status_reason: note ?? reading.status_reason })
          .where('id', '=', reading.id)
          .returning(['id', 'read_on', 'value_litres', 'source', 'status', 'status_reason'])
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          {
            action: 'reading.accepted',
            entity: 'reading',
            entityId: reading.id,
            before: { status: reading.status },
            after: { status: 'accepted', note },
          },
          now,
        );
        return { ...presentReading(updated), meterId: reading.meter_id };
      }),
    (code) => (code === '23505' ? sameDay : undefined),
    language,
  );
}

export async function rejectReading(context: StaffContext, readingId: number, reason: string) {
  const { database, actor, now, language } = context;
  return database.db.transaction().execute(async (trx) => {
    const reading = await lockedReading(trx, readingId, language);
    if (reading.status !== 'pending') throw conflictError(notPending, language);
    const updated = await trx
      .updateTable('readings')
      .set({ status: 'rejected', status_reason: reason })
      .where('id', '=', reading.id)
      .returning(['id', 'read_on', 'value_litres', 'source', 'status', 'status_reason'])
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      actor,
      {
        action: 'reading.rejected',
        entity: 'reading',
        entityId: reading.id,
        before: { status: reading.status, reviewNote: reading.status_reason },
        after: { status: 'rejected', reason },
      },
      now,
    );
    return { ...presentReading(updated), meterId: reading.meter_id };
  });
}

export interface InvoiceCorrectionOutcome {
  invoiceId: number;
  invoiceNumber: string;
  correctionId: number | null;
  correctionNumber: string | null;
  /** Why no correcting invoice was issued (e.g. the recalculated invoice does not differ). */
  error: string | null;
}

/**
 * Corrects a reading (pending or accepted): the old row is kept as superseded and a new accepted one carries
 * the right value. When the old value was already used by invoices (as the current or the previous reading of
 * a billed period), a correcting invoice is issued for each, with the reason, by the billing module.
 */
export async function correctReading(
  context: StaffContext,
  readingId: number,
  input: { valueM3: string; reason: string },
) {
  const { database, actor, now, today, language } = context;
  const valueLitres = parseCubicMetres(input.valueM3);
  const result = await refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const reading = await lockedReading(trx, readingId, language);
        if (reading.status !== 'pending' && reading.status !== 'accepted') {
          throw conflictError(
            {
              pl: 'Poprawić można tylko odczyt przyjęty albo oczekujący.',
              en: 'Only an accepted or pending reading can be corrected.',
            },
            language,
          );
        }
        const state = await stateWithout(trx, reading);
        const verdict = judgeReading(state, reading.read_on as CalendarDate, valueLitres, today);
        if (!verdict.ok && verdict.rejection.reason !== 'future_date')
          throw conflictError(verdict.rejection.detail, language);
        await trx
          .updateTable('readings')
          .set({ status: 'superseded', status_reason: `Poprawiony: ${input.reason}` })
          .where('id', '=', reading.id)
          .execute();
        const corrected = await trx
          .insertInto('readings')
          .values({
            meter_id: reading.meter_id,
            read_on: reading.read_on,
            value_litres: valueLitres,
            source: 'staff',
            status: 'accepted',
            status_reason: `Korekta odczytu #${reading.id}: ${input.reason}`,
            created_by_staff_id: actor.staffUserId,
            created_at: now,
          })
          .returning(['id', 'read_on', 'value_litres', 'source', 'status', 'status_reason'])
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('readings')
          .set({ superseded_by_id: corrected.id })
          .where('id', '=', reading.id)
          .execute();
        const invoices =
          reading.status !== 'accepted'
            ? []
            : await trx
                .selectFrom('invoice_readings as ir')
                .innerJoin('invoices as i', 'i.id', 'ir.invoice_id')
                .where('ir.meter_id', '=', reading.meter_id)
                .where((where) =>
                  where.or([
                    where('ir.current_reading_on', '=', reading.read_on),
                    where('ir.previous_reading_on', '=', reading.read_on),
                  ]),
                )
                .where('i.kind', '=', 'invoice')
                .where('i.cancelled_at', 'is', null)
                .select(['i.id', 'i.number'])
                .distinct()
                .orderBy('i.id')
                .execute();
        await writeAudit(
          trx,
          actor,
          {
            action: 'reading.corrected',
            entity: 'reading',
            entityId: reading.id,
            before: { valueLitres: reading.value_litres, status: reading.status },
            after: {
              valueLitres,
              correctedReadingId: corrected.id,
              reason: input.reason,
              affectedInvoices: invoices.map((invoice) => invoice.number),
            },
          },
          now,
        );
        return { reading, corrected, invoices };
      }),
    (code) => (code === '23505' ? sameDay : undefined),
    language,
  );

  // Each correcting invoice is its own unit of work in the billing module, after the reading is committed.
  const corrections: InvoiceCorrectionOutcome[] = [];
  const why = `Korekta odczytu wodomierza ${result.reading.serial_number} z ${formatDate(result.reading.read_on as CalendarDate, 'pl')}: ${input.reason}`;
  for (const invoice of result.invoices) {
    try {
      const correction = await issueCorrection(database, {
        invoiceId: invoice.id,
        reason: why,
        mode: 'recalculate',
        today,
        staffUserId: actor.staffUserId,
      });
      corrections.push({
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        correctionId: correction.correctionId,
        correctionNumber: correction.number,
        error: null,
      });
    } catch (error) {
      if (!(error instanceof CorrectionError) && !isDomainError(error)) throw error;
      corrections.push({
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        correctionId: null,
        correctionNumber: null,
        error: error.message,
      });
    }
  }
  return {
    reading: { ...presentReading(result.corrected), meterId: result.reading.meter_id },
    supersededReadingId: result.reading.id,
    corrections,
  };
}
