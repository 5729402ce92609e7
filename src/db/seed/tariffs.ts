import { compareDates, dateFromParts, dateParts, type CalendarDate } from '../../domain/dates.ts';

/**
 * Demo tariffs: one version per customer group taking effect on 1 June of every year of the history, so
 * that billing periods crossing the change are split. The two latest years carry realistic net prices of
 * a mid-size Polish utility; older years are 4 % cheaper per year back. VAT 8 % (water and sewage).
 */
export interface TariffSeed {
  customerGroup: 'household' | 'other';
  validFrom: CalendarDate;
  waterPriceGroszePerM3: number;
  sewagePriceGroszePerM3: number;
  subscriptionGroszePerMonth: number;
  vatRateBasisPoints: number;
  description: string;
}

interface Prices {
  water: number;
  sewage: number;
  subscription: number;
}

const CURRENT: Record<TariffSeed['customerGroup'], Prices> = {
  household: { water: 605, sewage: 731, subscription: 620 },
  other: { water: 652, sewage: 795, subscription: 1450 },
};
const PREVIOUS: Record<TariffSeed['customerGroup'], Prices> = {
  household: { water: 582, sewage: 699, subscription: 590 },
  other: { water: 627, sewage: 760, subscription: 1390 },
};
const GROUP_NAMES: Record<TariffSeed['customerGroup'], string> = {
  household: 'gospodarstwa domowe',
  other: 'pozostali odbiorcy',
};
const VAT_BASIS_POINTS = 800;

/** The year of the last 1 June on or before `date`. */
function tariffYear(date: CalendarDate): number {
  const { year } = dateParts(date);
  return compareDates(date, dateFromParts(year, 6, 1)) >= 0 ? year : year - 1;
}

function pricesYearsBack(group: TariffSeed['customerGroup'], yearsBack: number): Prices {
  if (yearsBack === 0) return CURRENT[group];
  let prices = PREVIOUS[group];
  for (let step = 1; step < yearsBack; step += 1) {
    prices = {
      water: Math.round((prices.water * 100) / 104),
      sewage: Math.round((prices.sewage * 100) / 104),
      subscription: Math.round((prices.subscription * 100) / 104),
    };
  }
  return prices;
}

/** Versions in force from `from` (the first opening reading) through `today`. */
export function tariffSeeds(from: CalendarDate, today: CalendarDate): TariffSeed[] {
  const firstYear = tariffYear(from);
  const lastYear = tariffYear(today);
  const seeds: TariffSeed[] = [];
  for (const customerGroup of ['household', 'other'] as const) {
    for (let year = firstYear; year <= lastYear; year += 1) {
      const prices = pricesYearsBack(customerGroup, lastYear - year);
      seeds.push({
        customerGroup,
        validFrom: dateFromParts(year, 6, 1),
        waterPriceGroszePerM3: prices.water,
        sewagePriceGroszePerM3: prices.sewage,
        subscriptionGroszePerMonth: prices.subscription,
        vatRateBasisPoints: VAT_BASIS_POINTS,
        description: `Taryfa ${year}/${year + 1} – ${GROUP_NAMES[customerGroup]}`,
      });
    }
  }
  return seeds;
}
