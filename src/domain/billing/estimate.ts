import { addDays, compareDates, daysBetween, type CalendarDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { roundHalfUp } from '../money.ts';
import { consumptionBetween } from './consumption.ts';
import type { Meter, MeterReading } from './types.ts';

export const DEFAULT_HISTORY_DAYS = 365;

/** Litres over days, kept as a ratio so the estimate is rounded once, at the end. */
export interface DailyAverage {
  litres: number;
  days: number;
}

/**
 * Average daily consumption from actual readings of the given meters in the `historyDays` (12 months)
 * before the latest of those readings up to `asOf`: the sum of consumption between consecutive readings
 * of each meter inside that window over the days those pairs cover. Null without any such pair
 * (a new service point), in which case the configured norm applies.
 */
export function historicalDailyAverage(
  meters: readonly Meter[],
  readings: readonly MeterReading[],
  asOf: CalendarDate,
  historyDays: number = DEFAULT_HISTORY_DAYS,
): DailyAverage | null {
  const meterIds = new Set(meters.map((meter) => meter.id));
  const relevant = readings.filter(
    (reading) => meterIds.has(reading.meterId) && compareDates(reading.date, asOf) <= 0,
  );
  const latest = relevant.at(-1);
  if (!latest) return null;
  const windowStart = addDays(
    relevant.reduce(
      (last, reading) => (compareDates(reading.date, last) > 0 ? reading.date : last),
      latest.date,
    ),
    -historyDays,
  );
  let litres = 0;
  let days = 0;
  for (const meter of meters) {
    const ofMeter = relevant.filter(
      (reading) => reading.meterId === meter.id && compareDates(reading.date, windowStart) >= 0,
    );
    for (let index = 1; index < ofMeter.length; index += 1) {
      const previous = ofMeter[index - 1];
      const current = ofMeter[index];
      if (!previous || !current) continue;
      litres += consumptionBetween(meter, previous, current);
      days += daysBetween(previous.date, current.date);
    }
  }
  return days > 0 ? { litres, days } : null;
}

export type EstimateBasis = 'history' | 'norm';

export interface Estimate {
  litres: number;
  basis: EstimateBasis;
  /** Litres per day as a ratio, for the note printed on the invoice. */
  average: DailyAverage;
}

/** round_half_up(average × days) litres; the norm (litres per day) when there is no history. */
export function estimateLitres(
  average: DailyAverage | null,
  days: number,
  normLitresPerDay: number,
): Estimate {
  if (!Number.isSafeInteger(normLitresPerDay) || normLitresPerDay < 0) {
    throw new DomainError(
      'invalid_norm',
      `Norm must be a non-negative integer of litres per day, got ${normLitresPerDay}`,
    );
  }
  if (!Number.isSafeInteger(days) || days < 0)
    throw new DomainError('invalid_days', `Days must be >= 0, got ${days}`);
  const basis: EstimateBasis = average ? 'history' : 'norm';
  const used = average ?? { litres: normLitresPerDay, days: 1 };
  return {
    litres: Number(roundHalfUp(BigInt(used.litres) * BigInt(days), BigInt(used.days))),
    basis,
    average: used,
  };
}

/** Litres per day rounded half-up, for printing only. */
export function averageLitresPerDay(average: DailyAverage): number {
  return Number(roundHalfUp(BigInt(average.litres), BigInt(average.days)));
}
