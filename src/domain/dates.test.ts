import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDate,
  compareDates,
  daysBetween,
  daysInclusive,
  endOfMonth,
  formatDate,
  fromDayNumber,
  isValidCalendarDate,
  monthOf,
  toDayNumber,
} from './dates.ts';

const d = calendarDate;

describe('dates', () => {
  it('validates real calendar days', () => {
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    expect(isValidCalendarDate('2026-02-29')).toBe(false);
    expect(isValidCalendarDate('1900-02-29')).toBe(false);
    expect(isValidCalendarDate('2000-02-29')).toBe(true);
    expect(isValidCalendarDate('2026-13-01')).toBe(false);
    expect(isValidCalendarDate('2026-1-01')).toBe(false);
    expect(isValidCalendarDate('2026-04-31')).toBe(false);
    expect(isValidCalendarDate(20260101)).toBe(false);
    expect(() => calendarDate('2026-02-30')).toThrow(/Invalid calendar date/);
  });

  it('matches the Unix epoch day numbers', () => {
    expect(toDayNumber(d('1970-01-01'))).toBe(0);
    expect(toDayNumber(d('2000-03-01'))).toBe(11017);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays(d('2026-01-31'), 1)).toBe('2026-02-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
  });

  it('counts days exclusive and inclusive', () => {
    expect(daysBetween(d('2026-01-01'), d('2026-01-02'))).toBe(1);
    expect(daysBetween(d('2026-01-02'), d('2026-01-01'))).toBe(-1);
    expect(daysInclusive(d('2026-01-01'), d('2026-01-31'))).toBe(31);
    expect(daysInclusive(d('2024-01-01'), d('2024-12-31'))).toBe(366);
  });

  it('agrees with Date.UTC over a wide range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (dayNumber) => {
        const expected = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(dayNumber)).toBe(expected);
        expect(toDayNumber(fromDayNumber(dayNumber))).toBe(dayNumber);
      }),
    );
  });

  it('compares, finds month ends and formats', () => {
    expect(compareDates(d('2026-01-01'), d('2026-01-02'))).toBe(-1);
    expect(compareDates(d('2026-01-02'), d('2026-01-02'))).toBe(0);
    expect(endOfMonth(d('2024-02-10'))).toBe('2024-02-29');
    expect(endOfMonth(d('2026-11-10'))).toBe('2026-11-30');
    expect(monthOf(d('2026-10-15'))).toBe('2026-10');
    expect(formatDate(d('2026-03-05'), 'pl')).toBe('05.03.2026');
    expect(formatDate(d('2026-03-05'), 'en')).toBe('05.03.2026');
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2026-11-15'), 3)).toBe('2027-02-15');
    expect(addMonths(d('2026-01-15'), -1)).toBe('2025-12-15');
  });
});
