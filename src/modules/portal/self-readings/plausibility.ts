import { daysBetween, multiplyRoundHalfUp, type CalendarDate } from '../../../domain/index.ts';
import type { Localized } from '../../../http/language.ts';

/**
 * Plausibility of a self-reading against the meter's history. An implausible value is still stored (the
 * customer may have a real leak, which the office wants to know about fast), as pending with the reasons,
 * for the staff to check before it is used for a bill.
 */
export const ABSOLUTE_DAILY_LIMIT_LITRES = 10_000;
export const AVERAGE_MULTIPLE_LIMIT = 5;
export const HISTORY_DAYS = 365;

export interface PlausibilityInput {
  /** The last accepted register value the new reading continues from. */
  baseline: { date: CalendarDate; valueLitres: number };
  /** The register value about a year before the baseline (the earliest accepted one within 365 days). */
  yearAgo: { date: CalendarDate; valueLitres: number } | null;
  date: CalendarDate;
  valueLitres: number;
}

export interface PlausibilityResult {
  consumptionLitres: number;
  days: number;
  impliedDailyLitres: number;
  averageDailyLitres: number | null;
  reasons: Array<{ code: 'above_daily_limit' | 'above_average_multiple'; text: Localized }>;
}

const cubic = (litres: number, language: 'pl' | 'en') =>
  `${Math.floor(litres / 1000)}${language === 'pl' ? ',' : '.'}${String(litres % 1000).padStart(3, '0')}`;

export function checkPlausibility(input: PlausibilityInput): PlausibilityResult {
  const consumptionLitres = input.valueLitres - input.baseline.valueLitres;
  // A reading on the baseline's own day is measured against one day, so a big jump still shows as such.
  const days = Math.max(daysBetween(input.baseline.date, input.date), 1);
  const impliedDailyLitres = multiplyRoundHalfUp(consumptionLitres, 1, days);
  const historyDays = input.yearAgo ? daysBetween(input.yearAgo.date, input.baseline.date) : 0;
  const averageDailyLitres =
    input.yearAgo && historyDays > 0
      ? multiplyRoundHalfUp(input.baseline.valueLitres - input.yearAgo.valueLitres, 1, historyDays)
      : null;
  const reasons: PlausibilityResult['reasons'] = [];
  if (impliedDailyLitres > ABSOLUTE_DAILY_LIMIT_LITRES) {
    reasons.push({
      code: 'above_daily_limit',
      text: {
        pl: `Średnie zużycie od ostatniego odczytu to ${cubic(impliedDailyLitres, 'pl')} m³ na dobę (więcej niż 10 m³).`,
        en: `Average use since the last reading is ${cubic(impliedDailyLitres, 'en')} m³ a day (more than 10 m³).`,
      },
    });
  }
  if (
    averageDailyLitres !== null &&
    averageDailyLitres > 0 &&
    impliedDailyLitres > AVERAGE_MULTIPLE_LIMIT * averageDailyLitres
  ) {
    reasons.push({
      code: 'above_average_multiple',
      text: {
        pl: `Zużycie ${cubic(impliedDailyLitres, 'pl')} m³ na dobę jest ponad 5 razy większe niż średnia z ostatnich 12 miesięcy (${cubic(averageDailyLitres, 'pl')} m³ na dobę).`,
        en: `Use of ${cubic(impliedDailyLitres, 'en')} m³ a day is more than 5 times the 12-month average (${cubic(averageDailyLitres, 'en')} m³ a day).`,
      },
    });
  }
  return { consumptionLitres, days, impliedDailyLitres, averageDailyLitres, reasons };
}
