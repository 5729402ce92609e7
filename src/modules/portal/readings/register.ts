import { compareDates, type CalendarDate } from '../../../domain/index.ts';

/** A register value on a day: a reading, or the value at installation or removal of the meter. */
export interface RegisterPoint {
  date: CalendarDate;
  valueLitres: number;
  /** The reading row, when the point is one (installation and removal values have none). */
  readingId: number | null;
}

/** An interval between two register points: its water was used on the days after `from` up to `to`. */
export interface ConsumptionInterval {
  from: CalendarDate;
  to: CalendarDate;
  litres: number;
}

/**
 * Litres between two register values. A smaller later value is a rollover (the register passed its maximum)
 * only when the wrapped difference is under half the register, as the billing rule says; anything else is
 * a wrong reading awaiting correction, and the portal shows no consumption for it rather than a guess.
 */
export function registerDifference(previous: number, current: number, registerDigits: number): number | null {
  if (current >= previous) return current - previous;
  const modulus = 10 ** registerDigits * 1000;
  const wrapped = modulus - previous + current;
  return wrapped * 2 < modulus ? wrapped : null;
}

/**
 * The register points of one meter, oldest first: its installation value (when the installation falls in
 * the customer's view: the span of their contracts for the point), the accepted readings, and its removal value. A reading on the installation or
 * removal day wins over the meter's own record of that day.
 */
export function registerPoints(
  meter: {
    installedOn: string;
    installReadingLitres: number;
    removedOn: string | null;
    removalReadingLitres: number | null;
  },
  acceptedReadings: ReadonlyArray<{ id: number; date: string; valueLitres: number }>,
  visible: { from: string; to: string | null },
): RegisterPoint[] {
  const inView = (date: string) => date >= visible.from && (visible.to === null || date <= visible.to);
  const points = new Map<string, RegisterPoint>();
  if (inView(meter.installedOn)) {
    points.set(meter.installedOn, {
      date: meter.installedOn as CalendarDate,
      valueLitres: meter.installReadingLitres,
      readingId: null,
    });
  }
  if (meter.removedOn !== null && meter.removalReadingLitres !== null && inView(meter.removedOn)) {
    points.set(meter.removedOn, {
      date: meter.removedOn as CalendarDate,
      valueLitres: meter.removalReadingLitres,
      readingId: null,
    });
  }
  for (const reading of acceptedReadings) {
    points.set(reading.date, {
      date: reading.date as CalendarDate,
      valueLitres: reading.valueLitres,
      readingId: reading.id,
    });
  }
  return [...points.values()].sort((left, right) => compareDates(left.date, right.date));
}

export function intervalsOf(points: readonly RegisterPoint[], registerDigits: number): ConsumptionInterval[] {
  const intervals: ConsumptionInterval[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1]!;
    const current = points[index]!;
    const litres = registerDifference(previous.valueLitres, current.valueLitres, registerDigits);
    if (litres !== null && current.date > previous.date)
      intervals.push({ from: previous.date, to: current.date, litres });
  }
  return intervals;
}
