import { DomainError } from './errors.ts';

/**
 * A calendar date without time or zone, as an ISO string "YYYY-MM-DD". Billing periods, due dates and
 * legalization expiries are days on the Polish calendar, not instants, so no Date object (and no local
 * time zone) is involved: arithmetic is done on day numbers with integer formulas.
 */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** "YYYY-MM" */
export type CalendarMonth = string & { readonly __brand: 'CalendarMonth' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function calendarDate(value: string): CalendarDate {
  if (!isValidCalendarDate(value)) {
    throw new DomainError(
      'invalid_date',
      `Invalid calendar date "${value}": expected an existing YYYY-MM-DD`,
      {
        value,
      },
    );
  }
  return value;
}

export function dateFromParts(year: number, month: number, day: number): CalendarDate {
  return calendarDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil. */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const shifted = dayNumber + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthPrime = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthPrime + 2) / 5) + 1;
  const month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return dateFromParts(year, month, day);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isSafeInteger(days))
    throw new DomainError('invalid_days', `Days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Signed number of days from `from` to `to`, EXCLUSIVE of `from` (the difference of day numbers):
 * daysBetween('2026-01-01', '2026-01-02') = 1, equal dates give 0, `to` before `from` gives a negative.
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Length of a closed period counting both ends: daysInclusive('2026-01-01', '2026-01-31') = 31.
 * Billing periods are closed [from, to] ranges, so this is the "days in period" used for pro rata.
 */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return daysBetween(from, to) + 1;
}

/** -1, 0 or 1; ISO strings of the same width compare correctly as text. */
export function compareDates(left: CalendarDate, right: CalendarDate): -1 | 0 | 1 {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

export function minDate(left: CalendarDate, right: CalendarDate): CalendarDate {
  return left <= right ? left : right;
}

export function maxDate(left: CalendarDate, right: CalendarDate): CalendarDate {
  return left >= right ? left : right;
}

export function startOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = dateParts(date);
  return dateFromParts(year, month, 1);
}

export function endOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = dateParts(date);
  return dateFromParts(year, month, daysInMonth(year, month));
}

export function monthOf(date: CalendarDate): CalendarMonth {
  return date.slice(0, 7) as CalendarMonth;
}

/** Same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return dateFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * dd.mm.rrrr in both languages, as every page, e-mail and invoice prints dates: an English text beside a Polish
 * form, or an English page showing dates the way the rest of the interface does, must not switch formats.
 * The language stays a parameter for callers that format per language anyway.
 */
export function formatDate(date: CalendarDate, _language: 'pl' | 'en'): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${String(year).padStart(4, '0')}`;
}
