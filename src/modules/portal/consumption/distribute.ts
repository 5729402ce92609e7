import {
  addDays,
  daysInMonth,
  fromDayNumber,
  roundHalfUp,
  toDayNumber,
  type CalendarDate,
} from '../../../domain/index.ts';
import type { ConsumptionInterval } from '../readings/register.ts';

/**
 * Spreading consumption between readings over calendar months.
 *
 * Rule: the water of an interval between two register values (`from`, `to`] was used evenly on each day
 * after the earlier reading up to and including the later one. The litres of the first k days are
 * round_half_up(litres × k ÷ days); a span of days gets the difference of two such cumulative figures.
 * So every interval's litres are shared out exactly (no litre lost or created by rounding), the split does
 * not depend on how the months are cut, and nothing but integers is involved.
 */

/** An inclusive range of day numbers (days since 1970-01-01). */
export interface DayRange {
  first: number;
  last: number;
}

export function dayRange(from: CalendarDate, to: CalendarDate): DayRange {
  return { first: toDayNumber(from), last: toDayNumber(to) };
}

export function intersect(left: DayRange, right: DayRange): DayRange | null {
  const first = Math.max(left.first, right.first);
  const last = Math.min(left.last, right.last);
  return first <= last ? { first, last } : null;
}

/** The litres of an interval used on the days of `range` (clipped to the interval's own days). */
export function litresWithin(interval: ConsumptionInterval, range: DayRange): number {
  const firstDay = toDayNumber(interval.from) + 1;
  const lastDay = toDayNumber(interval.to);
  const days = lastDay - firstDay + 1;
  const overlap = intersect({ first: firstDay, last: lastDay }, range);
  if (!overlap || days <= 0) return 0;
  const cumulative = (count: number) =>
    Number(roundHalfUp(BigInt(interval.litres) * BigInt(count), BigInt(days)));
  return cumulative(overlap.last - firstDay + 1) - cumulative(overlap.first - firstDay);
}

/** Days of `range` covered by at least one interval. */
export function coveredDays(intervals: readonly ConsumptionInterval[], range: DayRange): number {
  const covered: DayRange[] = intervals
    .map((interval) =>
      intersect({ first: toDayNumber(interval.from) + 1, last: toDayNumber(interval.to) }, range),
    )
    .filter((part): part is DayRange => part !== null)
    .sort((left, right) => left.first - right.first);
  let total = 0;
  let reached = range.first - 1;
  for (const part of covered) {
    const first = Math.max(part.first, reached + 1);
    if (part.last >= first) {
      total += part.last - first + 1;
      reached = part.last;
    }
  }
  return total;
}

export interface MonthSlot {
  /** YYYY-MM */
  month: string;
  /** The part of the month inside the asked period. */
  range: DayRange;
  from: CalendarDate;
  to: CalendarDate;
}

/** The months of a period, the first and last cut to the period. */
export function monthSlots(from: CalendarDate, to: CalendarDate): MonthSlot[] {
  const slots: MonthSlot[] = [];
  let start = from;
  while (start <= to) {
    const year = Number(start.slice(0, 4));
    const month = Number(start.slice(5, 7));
    const monthEnd = fromDayNumber(
      toDayNumber(start) + daysInMonth(year, month) - Number(start.slice(8, 10)),
    );
    const end = monthEnd < to ? monthEnd : to;
    slots.push({ month: start.slice(0, 7), range: dayRange(start, end), from: start, to: end });
    start = addDays(end, 1);
  }
  return slots;
}
