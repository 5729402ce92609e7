import { compareDates, daysBetween, type CalendarDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Meter, MeterReading } from './types.ts';

export const DEFAULT_REGISTER_DIGITS = 5;

/** Register values run 0 .. modulus − 1 litres; 5 digits = 99999.999 m³ → modulus 100 000 000 L. */
export function registerModulusLitres(meter: Pick<Meter, 'registerDigits'>): number {
  const digits = meter.registerDigits ?? DEFAULT_REGISTER_DIGITS;
  if (!Number.isInteger(digits) || digits < 1 || digits > 9) {
    throw new DomainError('invalid_register', `Register digits must be 1..9, got ${digits}`);
  }
  return 10 ** digits * 1000;
}

/**
 * Drops readings that a correction superseded (following chains of corrections), sorts by date and
 * refuses two effective readings of one meter on one day, which would make consumption ambiguous.
 */
export function effectiveReadings(readings: readonly MeterReading[]): MeterReading[] {
  const superseded = new Set(
    readings.map((reading) => reading.supersedesId).filter((id): id is string => typeof id === 'string'),
  );
  const effective = readings
    .filter((reading) => !superseded.has(reading.id))
    .sort((left, right) => compareDates(left.date, right.date) || left.meterId.localeCompare(right.meterId));
  const seen = new Set<string>();
  for (const reading of effective) {
    if (!Number.isSafeInteger(reading.valueLitres) || reading.valueLitres < 0) {
      throw new DomainError(
        'invalid_reading',
        `Reading ${reading.id} must be a non-negative integer of litres`,
        {
          readingId: reading.id,
        },
      );
    }
    const key = `${reading.meterId}|${reading.date}`;
    if (seen.has(key)) {
      throw new DomainError(
        'duplicate_reading',
        `Meter ${reading.meterId} has two readings on ${reading.date}; supersede one of them`,
        { meterId: reading.meterId, date: reading.date },
      );
    }
    seen.add(key);
  }
  return effective;
}

/**
 * Consumption between two register values. A smaller later value means the register rolled over
 * (passed its maximum and restarted at zero) only when the wrapped difference is under half the
 * register; anything else is a wrong reading, which must be corrected rather than billed.
 */
export function consumptionBetween(meter: Meter, previous: MeterReading, current: MeterReading): number {
  const modulus = registerModulusLitres(meter);
  for (const reading of [previous, current]) {
    if (reading.valueLitres >= modulus) {
      throw new DomainError(
        'invalid_reading',
        `Reading ${reading.id} exceeds the register of meter ${meter.id}`,
        {
          readingId: reading.id,
        },
      );
    }
  }
  if (current.valueLitres >= previous.valueLitres) return current.valueLitres - previous.valueLitres;
  const wrapped = modulus - previous.valueLitres + current.valueLitres;
  if (wrapped * 2 >= modulus) {
    throw new DomainError(
      'reading_decreased',
      `Meter ${meter.id}: reading ${current.id} (${current.date}) is lower than ${previous.id} (${previous.date}) and is not a rollover`,
      { meterId: meter.id, readingId: current.id },
    );
  }
  return wrapped;
}

/** Whether a meter was in service on at least one day of [from, to]. */
export function inServiceDuring(meter: Meter, from: CalendarDate, to: CalendarDate): boolean {
  return (
    compareDates(meter.installedOn, to) <= 0 &&
    (meter.removedOn === null || compareDates(meter.removedOn, from) >= 0)
  );
}

/** In service at the end of `date` (a meter removed that day has its final reading then instead). */
export function inServiceAtEndOf(meter: Meter, date: CalendarDate): boolean {
  return (
    compareDates(meter.installedOn, date) <= 0 &&
    (meter.removedOn === null || compareDates(meter.removedOn, date) > 0)
  );
}

export interface MeterMeasurement {
  meter: Meter;
  opening: MeterReading;
  closing: MeterReading;
  /** Measured litres between opening and closing, summed step by step so each rollover is seen. */
  litres: number;
  rolledOver: boolean;
}

function readingOn(readings: readonly MeterReading[], date: CalendarDate): MeterReading | undefined {
  return readings.find((reading) => reading.date === date);
}

/**
 * The reading a settlement starts from: the last reading before `settlementStart`, or, for a meter
 * installed inside the settled span, its installation reading.
 */
export function openingReading(
  meter: Meter,
  readings: readonly MeterReading[],
  settlementStart: CalendarDate,
): MeterReading {
  const before = readings.filter((reading) => compareDates(reading.date, settlementStart) < 0);
  const opening =
    before.at(-1) ??
    (compareDates(meter.installedOn, settlementStart) >= 0
      ? readingOn(readings, meter.installedOn)
      : undefined);
  if (!opening) {
    throw new DomainError(
      'missing_opening_reading',
      `Meter ${meter.id} has no reading before ${settlementStart} nor an installation reading`,
      { meterId: meter.id },
    );
  }
  return opening;
}

/**
 * Measures one meter over the settled span up to `to`: from its opening reading to its final reading
 * (when removed inside the span) or to its reading on `to`; null when that closing reading is missing.
 */
export function measureMeter(
  meter: Meter,
  allReadings: readonly MeterReading[],
  settlementStart: CalendarDate,
  to: CalendarDate,
): MeterMeasurement | null {
  const readings = allReadings.filter((reading) => reading.meterId === meter.id);
  const opening = openingReading(meter, readings, settlementStart);
  const removedInside = meter.removedOn !== null && compareDates(meter.removedOn, to) <= 0;
  const closingDate = removedInside && meter.removedOn !== null ? meter.removedOn : to;
  const closing = readingOn(readings, closingDate);
  if (!closing) {
    if (removedInside) {
      throw new DomainError(
        'missing_final_reading',
        `Meter ${meter.id} was removed on ${closingDate} without a final reading`,
        {
          meterId: meter.id,
        },
      );
    }
    return null;
  }
  const steps = readings.filter(
    (reading) =>
      compareDates(reading.date, opening.date) >= 0 && compareDates(reading.date, closing.date) <= 0,
  );
  let litres = 0;
  let rolledOver = false;
  for (let index = 1; index < steps.length; index += 1) {
    const previous = steps[index - 1];
    const current = steps[index];
    if (!previous || !current) continue;
    litres += consumptionBetween(meter, previous, current);
    if (current.valueLitres < previous.valueLitres) rolledOver = true;
  }
  return { meter, opening, closing, litres, rolledOver };
}

/** Days a measurement covers before `from` and from `from` on (a reading counts at the end of its day). */
export function measurementDays(
  measurement: MeterMeasurement,
  from: CalendarDate,
): { past: number; current: number } {
  const total = daysBetween(measurement.opening.date, measurement.closing.date);
  const past = Math.min(Math.max(daysBetween(measurement.opening.date, from) - 1, 0), total);
  return { past, current: total - past };
}
