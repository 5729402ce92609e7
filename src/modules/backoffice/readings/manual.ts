import { parseCubicMetres, type CalendarDate } from '../../../domain/index.ts';
import { AppError } from '../../../http/errors.ts';
import { localize } from '../../../http/language.ts';
import { presentReading } from '../customers/view.ts';
import { writeAudit } from '../shared/audit.ts';
import type { StaffContext } from '../shared/context.ts';
import {
  conflictError,
  fieldError,
  notFoundError,
  notFoundText,
  refusedAsConflict,
} from '../shared/errors.ts';
import { loadMeterStates } from './meter-state.ts';
import { judgeReading } from './rules.ts';

export interface ManualReading {
  meterId: number;
  date: CalendarDate;
  valueM3: string;
  /** Staff who read the meter themselves may take in a value the plausibility check would hold for review. */
  acceptImplausible: boolean;
}

/** A reading typed in by staff, checked by the same rules as an imported one; audited. */
export async function enterReading(context: StaffContext, input: ManualReading) {
  const { database, actor, now, today, language } = context;
  const valueLitres = parseCubicMetres(input.valueM3);
  const sameDay = {
    pl: 'Ten wodomierz ma już odczyt z tego dnia.',
    en: 'This meter already has a reading of that day.',
  };
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const meter = await trx
          .selectFrom('meters')
          .select('id')
          .where('id', '=', input.meterId)
          .forUpdate()
          .executeTakeFirst();
        if (!meter) throw notFoundError(notFoundText.meter, language);
        const state = (await loadMeterStates(trx, [meter.id], input.date)).get(meter.id)!;
        const verdict = judgeReading(state, input.date, valueLitres, today);
        if (!verdict.ok) {
          const { reason, detail } = verdict.rejection;
          if (reason === 'duplicate') throw conflictError(detail, language);
          if (reason === 'future_date' || reason === 'meter_not_installed')
            throw fieldError('date', detail, language);
          throw new AppError(
            'validation_failed',
            localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, language),
            { valueM3: localize(detail, language) },
          );
        }
        const status = input.acceptImplausible ? 'accepted' : verdict.status;
        const reason =
          verdict.reviewNote === null
            ? null
            : input.acceptImplausible
              ? `Przyjęty mimo ostrzeżenia: ${verdict.reviewNote}`
              : verdict.reviewNote;
        const row = await trx
          .insertInto('readings')
          .values({
            meter_id: meter.id,
            read_on: input.date,
            value_litres: valueLitres,
            source: 'staff',
            status,
            status_reason: reason,
            created_by_staff_id: actor.staffUserId,
            created_at: now,
          })
          .returning(['id', 'read_on', 'value_litres', 'source', 'status', 'status_reason'])
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          {
            action: 'reading.entered',
            entity: 'reading',
            entityId: row.id,
            after: {
              meterId: meter.id,
              date: input.date,
              valueLitres,
              status,
              reviewNote: verdict.reviewNote,
            },
          },
          now,
        );
        return { ...presentReading(row), meterId: meter.id, previous: verdict.previous };
      }),
    (code) => (code === '23505' ? sameDay : undefined),
    language,
  );
}
