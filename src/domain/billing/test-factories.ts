import { calendarDate, type CalendarDate } from '../dates.ts';
import { grosze } from '../money.ts';
import type { CustomerGroup, Meter, MeterReading, TariffVersion } from './types.ts';

/** Builders for tests in and outside the domain: defaults are a plain household with one main meter. */

export const date = (value: string): CalendarDate => calendarDate(value);

export function buildMeter(overrides: Partial<Meter> & { id: string }): Meter {
  return {
    role: 'main',
    installedOn: date('2020-01-01'),
    removedOn: null,
    legalizationExpiry: date('2030-12-31'),
    registerDigits: 5,
    ...overrides,
  };
}

let readingCounter = 0;

export function buildReading(
  meterId: string,
  on: string,
  valueLitres: number,
  extra: Partial<Pick<MeterReading, 'id' | 'supersedesId'>> = {},
): MeterReading {
  readingCounter += 1;
  return {
    id: extra.id ?? `r${readingCounter}`,
    meterId,
    date: date(on),
    valueLitres,
    supersedesId: extra.supersedesId ?? null,
  };
}

export function buildTariff(
  validFrom: string,
  prices: { water: number; sewage: number; subscription: number; vat?: number; group?: CustomerGroup },
): TariffVersion {
  return {
    validFrom: date(validFrom),
    customerGroup: prices.group ?? 'household',
    waterPricePerCubicMetre: grosze(prices.water),
    sewagePricePerCubicMetre: grosze(prices.sewage),
    subscriptionPerMonth: grosze(prices.subscription),
    vatRateBasisPoints: prices.vat ?? 800,
  };
}
