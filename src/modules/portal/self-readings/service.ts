import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import {
  addDays,
  dateParts,
  formatCubicMetres,
  formatDate,
  parseCubicMetres,
  type CalendarDate,
} from '../../../domain/index.ts';
import { AppError } from '../../../http/errors.ts';
import { localize, type Localized } from '../../../http/language.ts';
import { cycleEndsIn, cycleSpan } from '../../billing/cycle.ts';
import { meterVisible, notFoundFor, NOT_FOUND_TEXT, readingVisible, type PortalScope } from '../scope.ts';
import { validationFailed } from '../validation.ts';
import { checkPlausibility, HISTORY_DAYS } from './plausibility.ts';

/** How far back a customer may date a self-reading: a forgotten note from last month, not last year. */
export const MAXIMUM_AGE_DAYS = 31;

export interface SelfReadingRequest {
  meterId: number;
  date?: CalendarDate;
  valueM3: string;
}

/** The billing period (of the point's cycle) that contains a day: one self-reading per meter in it. */
export function billingPeriodOf(
  date: CalendarDate,
  cycleMonths: number,
  offset: number,
): { from: CalendarDate; to: CalendarDate } {
  let { year, month } = dateParts(date);
  while (!cycleEndsIn(cycleMonths, offset, month)) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return cycleSpan(cycleMonths, { year, month });
}

function fieldError(scope: PortalScope, field: string, text: Localized): AppError {
  return new AppError('validation_failed', localize(validationFailed, scope.language), {
    [field]: localize(text, scope.language),
  });
}

/**
 * Records a self-reading (samoodczyt) as pending, for the office to accept. The meter row is locked for the
 * transaction so two submissions at once cannot both pass the once-per-period check.
 */
export async function submitSelfReading(
  database: Database,
  scope: PortalScope,
  request: SelfReadingRequest,
  ip: string,
) {
  const valueLitres = parseCubicMetres(request.valueM3);
  const date = request.date ?? scope.today;
  const pl = (day: string) => formatDate(day as CalendarDate, 'pl');
  const en = (day: string) => formatDate(day as CalendarDate, 'en');
  if (date > scope.today) {
    throw fieldError(scope, 'date', {
      pl: 'Data odczytu nie może być z przyszłości.',
      en: 'The reading date cannot be in the future.',
    });
  }
  const earliest = addDays(scope.today, -MAXIMUM_AGE_DAYS);
  if (date < earliest) {
    throw fieldError(scope, 'date', {
      pl: `Odczyt może mieć datę najwcześniej ${pl(earliest)} (${MAXIMUM_AGE_DAYS} dni wstecz).`,
      en: `The reading may be dated ${en(earliest)} at the earliest (${MAXIMUM_AGE_DAYS} days back).`,
    });
  }

  return database.db.transaction().execute(async (trx) => {
    const meter = await trx
      .selectFrom('meters as m')
      .innerJoin('service_points as sp', 'sp.id', 'm.service_point_id')
      .select([
        'm.id',
        'm.serial_number',
        'm.kind',
        'm.installed_on',
        'm.install_reading_litres',
        'm.removed_on',
        'm.register_digits',
        'sp.billing_cycle_months',
        'sp.billing_cycle_offset',
      ])
      .where('m.id', '=', request.meterId)
      .where(meterVisible(scope.customerIds))
      .forUpdate('m')
      .executeTakeFirst();
    if (!meter) throw notFoundFor(scope, NOT_FOUND_TEXT.meter);
    if (meter.removed_on !== null) {
      throw new AppError(
        'conflict',
        localize(
          {
            pl: `Wodomierz ${meter.serial_number} został zdjęty ${pl(meter.removed_on)}; podaj odczyt obecnego wodomierza.`,
            en: `Meter ${meter.serial_number} was removed on ${en(meter.removed_on)}; enter the reading of the current meter.`,
          },
          scope.language,
        ),
      );
    }
    if (date < meter.installed_on) {
      throw fieldError(scope, 'date', {
        pl: `Wodomierz zamontowano ${pl(meter.installed_on)}; odczyt nie może być wcześniejszy.`,
        en: `The meter was installed on ${en(meter.installed_on)}; the reading cannot be earlier.`,
      });
    }
    if (valueLitres >= 10 ** meter.register_digits * 1000) {
      throw fieldError(scope, 'valueM3', {
        pl: `Liczydło tego wodomierza ma ${meter.register_digits} cyfr przed przecinkiem; sprawdź podany stan.`,
        en: `This meter's register has ${meter.register_digits} digits before the decimal point; check the value.`,
      });
    }

    const accepted = await trx
      .selectFrom('readings as r')
      .innerJoin('meters as m', 'm.id', 'r.meter_id')
      .select(['r.read_on', 'r.value_litres'])
      .where('r.meter_id', '=', meter.id)
      .where('r.status', '=', 'accepted')
      .where(readingVisible(scope.customerIds))
      .orderBy('r.read_on', 'desc')
      .execute();
    const install = { date: meter.installed_on as CalendarDate, valueLitres: meter.install_reading_litres };
    const history = [
      ...accepted.map((row) => ({ date: row.read_on as CalendarDate, valueLitres: row.value_litres })),
      install,
    ];
    const baseline = history[0]!;
    if (accepted.length > 0 && date <= baseline.date) {
      throw fieldError(scope, 'date', {
        pl: `Ostatni przyjęty odczyt jest z ${pl(baseline.date)}; nowy odczyt musi mieć późniejszą datę.`,
        en: `The last accepted reading is from ${en(baseline.date)}; a new reading must be dated later.`,
      });
    }
    if (valueLitres < baseline.valueLitres) {
      throw fieldError(scope, 'valueM3', {
        pl: `Stan wodomierza nie może być niższy niż ostatni przyjęty odczyt: ${formatCubicMetres(baseline.valueLitres, 'pl')} z ${pl(baseline.date)}.`,
        en: `The reading cannot be lower than the last accepted one: ${formatCubicMetres(baseline.valueLitres, 'en')} on ${en(baseline.date)}.`,
      });
    }

    const period = billingPeriodOf(date, meter.billing_cycle_months, meter.billing_cycle_offset);
    const earlier = await trx
      .selectFrom('readings')
      .select(['read_on'])
      .where('meter_id', '=', meter.id)
      .where('source', '=', 'customer')
      .where('status', 'in', ['pending', 'accepted'])
      .where('read_on', '>=', period.from)
      .where('read_on', '<=', period.to)
      .executeTakeFirst();
    if (earlier) {
      throw new AppError(
        'conflict',
        localize(
          {
            pl: `Odczyt tego wodomierza w okresie rozliczeniowym ${pl(period.from)}–${pl(period.to)} został już przekazany (${pl(earlier.read_on)}). Kolejny możesz podać w następnym okresie.`,
            en: `A reading of this meter for the billing period ${en(period.from)} – ${en(period.to)} was already submitted (${en(earlier.read_on)}). You can submit the next one in the next period.`,
          },
          scope.language,
        ),
      );
    }

    const yearAgo =
      history.filter((point) => point.date >= addDays(baseline.date, -HISTORY_DAYS)).at(-1) ?? null;
    const plausibility = checkPlausibility({
      baseline,
      yearAgo: yearAgo && yearAgo.date < baseline.date ? yearAgo : null,
      date,
      valueLitres,
    });
    // The staff see why the reading needs a closer look; the codes stay stable for filtering.
    const reviewNote =
      plausibility.reasons.length > 0
        ? `Do weryfikacji [${plausibility.reasons.map((reason) => reason.code).join(', ')}]: ${plausibility.reasons.map((reason) => reason.text.pl).join(' ')}`
        : null;
    const inserted = await trx
      .insertInto('readings')
      .values({
        meter_id: meter.id,
        read_on: date,
        value_litres: valueLitres,
        source: 'customer',
        status: 'pending',
        status_reason: reviewNote,
        created_by_login_id: scope.loginId,
        created_at: scope.now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('audit_log')
      .values({
        occurred_at: scope.now,
        actor_kind: 'customer',
        actor_id: scope.loginId,
        action: 'self_reading.submitted',
        entity: 'reading',
        entity_id: String(inserted.id),
        after: sql`${JSON.stringify({ meterId: meter.id, date, valueLitres, flagged: reviewNote !== null })}::jsonb`,
        ip,
      })
      .execute();
    return {
      id: inserted.id,
      meterId: meter.id,
      serialNumber: meter.serial_number,
      date,
      valueLitres,
      source: 'customer' as const,
      kind: 'self_reading' as const,
      status: 'pending' as const,
      previousDate: baseline.date,
      consumptionLitres: plausibility.consumptionLitres,
      days: plausibility.days,
      averageDailyLitres: plausibility.impliedDailyLitres,
      billingPeriod: period,
      review: {
        flagged: plausibility.reasons.length > 0,
        reasons: plausibility.reasons.map((reason) => ({ code: reason.code, text: reason.text })),
      },
    };
  });
}
