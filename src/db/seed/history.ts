import {
  addDays,
  addMonths,
  compareDates,
  dateFromParts,
  dateParts,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  startOfMonth,
  toDayNumber,
  type CalendarDate,
} from '../../domain/dates.ts';
import type { Random } from './random.ts';

/**
 * The span of demo history: `years` whole years of billing periods ending with the month before today.
 * Readings are taken on the last day of each billing period, so the last reading date is the end of the
 * month before today's and no reading lies in the future.
 */
export interface HistoryWindow {
  today: CalendarDate;
  /** First day of the first billed month. */
  start: CalendarDate;
  lastReadingDate: CalendarDate;
}

export function historyWindow(today: CalendarDate, years: number): HistoryWindow {
  const start = addMonths(startOfMonth(today), -12 * years);
  return { today, start, lastReadingDate: addDays(startOfMonth(today), -1) };
}

/**
 * Period ends of a billing cycle inside the window: months where (month − offset) is divisible by the
 * cycle length (the rule of service_points.billing_cycle_*). The first is the last end before `start`:
 * the opening reading of the first billed period.
 */
export function cycleEnds(window: HistoryWindow, cycleMonths: number, offset: number): CalendarDate[] {
  const ends: CalendarDate[] = [];
  let month = addMonths(startOfMonth(window.start), -12);
  while (compareDates(month, window.lastReadingDate) <= 0) {
    const { year, month: number } = dateParts(month);
    if ((((number - offset) % cycleMonths) + cycleMonths) % cycleMonths === 0) {
      ends.push(dateFromParts(year, number, daysInMonth(year, number)));
    }
    month = addMonths(month, 1);
  }
  const firstInside = ends.findIndex((end) => compareDates(end, window.start) >= 0);
  const openingIndex = Math.max((firstInside === -1 ? ends.length : firstInside) - 1, 0);
  return ends.slice(openingIndex).filter((end) => compareDates(end, window.lastReadingDate) <= 0);
}

/** A uniformly drawn day in [from, to]; `from` when the range is empty. */
export function randomDay(random: Random, from: CalendarDate, to: CalendarDate): CalendarDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : fromDayNumber(toDayNumber(from) + random.integer(0, span));
}
