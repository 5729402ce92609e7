import { compareDates, dateFromParts, daysBetween, type CalendarDate } from './dates.ts';
import { DomainError } from './errors.ts';

/**
 * Legalization of water meters (legal metrology). A validity given in years runs from 1 January of the
 * year after the legalization, so a meter legalized at any day of 2021 with 5 years' validity is valid
 * until 31 December 2026. The period is a parameter because regulations and meter classes differ.
 */
export const DEFAULT_LEGALIZATION_VALIDITY_YEARS = 5;
export const DEFAULT_LEGALIZATION_WARNING_DAYS = 90;

export function legalizationExpiry(
  legalizationYear: number,
  validityYears: number = DEFAULT_LEGALIZATION_VALIDITY_YEARS,
): CalendarDate {
  if (!Number.isInteger(legalizationYear) || legalizationYear < 1900 || legalizationYear > 9000) {
    throw new DomainError('invalid_year', `Invalid legalization year ${legalizationYear}`);
  }
  if (!Number.isInteger(validityYears) || validityYears < 1) {
    throw new DomainError(
      'invalid_validity',
      `Validity must be a positive number of years, got ${validityYears}`,
    );
  }
  // Counting starts on 1 January of year + 1 and lasts `validityYears` whole years.
  return dateFromParts(legalizationYear + validityYears, 12, 31);
}

/** Valid through the whole expiry day itself. */
export function isLegalizationValidOn(expiry: CalendarDate, date: CalendarDate): boolean {
  return compareDates(date, expiry) <= 0;
}

export type LegalizationStatus = 'valid' | 'expiring' | 'expired';

/** 'expiring' when the expiry is at most `warningDays` days after today, so reminders go out in time. */
export function legalizationStatus(
  expiry: CalendarDate,
  today: CalendarDate,
  warningDays: number = DEFAULT_LEGALIZATION_WARNING_DAYS,
): LegalizationStatus {
  if (!isLegalizationValidOn(expiry, today)) return 'expired';
  return daysBetween(today, expiry) <= warningDays ? 'expiring' : 'valid';
}
