import {
  addDays,
  compareDates,
  dateFromParts,
  dateParts,
  daysBetween,
  daysInMonth,
  minDate,
  type CalendarDate,
} from '../../domain/dates.ts';
import { mix32, type Random } from './random.ts';

/**
 * How much water a service point uses. Households: 90–130 litres per person per day, a little more in
 * summer; a garden watered from May to September on top. The garden part depends on the weather of the
 * month (the same for the whole city) and not on chance per reading, so a garden sub-meter and the main
 * meter in front of it always agree: the main meter measures the house plus the garden.
 */
export interface UsageProfile {
  /** Litres per day of the house or business, before the seasonal factor. */
  baseLitresPerDay: number;
  /** Per-mille factor of each month (January first); 1000 = the yearly average. */
  monthFactors: readonly number[];
  /** Litres per day on an average watering day; 0 without a garden. */
  gardenLitresPerDay: number;
  /** Seeds the city's weather: hot summers mean more watering for everybody. */
  weatherSeed: number;
}

export const HOUSEHOLD_MONTH_FACTORS: readonly number[] = [
  930, 930, 950, 980, 1040, 1100, 1130, 1110, 1020, 970, 950, 990,
];
/** Businesses follow the seasons less. */
export const BUSINESS_MONTH_FACTORS: readonly number[] = [
  965, 965, 975, 990, 1020, 1050, 1065, 1055, 1010, 985, 975, 995,
];
/** Watering share by month: none outside May–September. */
const GARDEN_MONTH_FACTORS: readonly number[] = [0, 0, 0, 0, 700, 1100, 1300, 1200, 700, 0, 0, 0];

/** 800–1200 per mille for each calendar month, the same for every garden in the city. */
export function weatherFactor(weatherSeed: number, year: number, month: number): number {
  return 800 + (mix32(weatherSeed ^ (year * 12 + month)) % 401);
}

/** Garden litres for the days of one month in (from, to]: integer per month so sums agree exactly. */
function gardenLitresInMonth(profile: UsageProfile, year: number, month: number, days: number): number {
  const share = GARDEN_MONTH_FACTORS[month - 1] ?? 0;
  if (share === 0 || profile.gardenLitresPerDay === 0) return 0;
  return Math.round(
    (days * profile.gardenLitresPerDay * share * weatherFactor(profile.weatherSeed, year, month)) / 1e6,
  );
}

interface MonthSlice {
  year: number;
  month: number;
  days: number;
}

/** Reading dates repeat for every point with the same billing cycle, so their splits are computed once. */
const sliceCache = new Map<string, readonly MonthSlice[]>();
const SLICE_CACHE_LIMIT = 50_000;

/** The days of (from, to] split by calendar month. */
function monthSlices(from: CalendarDate, to: CalendarDate): readonly MonthSlice[] {
  const key = from + to;
  const cached = sliceCache.get(key);
  if (cached) return cached;
  const slices: MonthSlice[] = [];
  let cursor = addDays(from, 1);
  while (compareDates(cursor, to) <= 0) {
    const { year, month } = dateParts(cursor);
    const monthEnd = minDate(dateFromParts(year, month, daysInMonth(year, month)), to);
    slices.push({ year, month, days: daysBetween(cursor, monthEnd) + 1 });
    cursor = addDays(monthEnd, 1);
  }
  if (sliceCache.size >= SLICE_CACHE_LIMIT) sliceCache.clear();
  sliceCache.set(key, slices);
  return slices;
}

/** Spans longer than this (the years before the history) use yearly averages: only their total matters. */
const LONG_SPAN_DAYS = 400;
const AVERAGE_GARDEN_SHARE = GARDEN_MONTH_FACTORS.reduce((sum, share) => sum + share, 0) / 12;

/** Litres through a garden sub-meter in (from, to]. */
export function gardenLitres(profile: UsageProfile, from: CalendarDate, to: CalendarDate): number {
  const days = daysBetween(from, to);
  if (days > LONG_SPAN_DAYS)
    return Math.round((days * profile.gardenLitresPerDay * AVERAGE_GARDEN_SHARE) / 1000);
  let litres = 0;
  for (const slice of monthSlices(from, to))
    litres += gardenLitresInMonth(profile, slice.year, slice.month, slice.days);
  return litres;
}

/**
 * Litres through the main meter in (from, to]: the house with ±15 % chance per reading (and now and then a
 * leak that doubles or triples it), plus exactly the garden water of the same days.
 */
export function mainLitres(
  profile: UsageProfile,
  from: CalendarDate,
  to: CalendarDate,
  random: Random,
): number {
  let house = 0;
  const days = daysBetween(from, to);
  if (days > LONG_SPAN_DAYS) {
    house = days * profile.baseLitresPerDay;
  } else {
    for (const slice of monthSlices(from, to)) {
      house +=
        (slice.days * profile.baseLitresPerDay * (profile.monthFactors[slice.month - 1] ?? 1000)) / 1000;
    }
  }
  const noise = random.integer(850, 1150) / 1000;
  const leak = random.chance(0.004) ? random.integer(2, 3) : 1;
  return Math.round(house * noise * leak) + gardenLitres(profile, from, to);
}
