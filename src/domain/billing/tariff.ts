import {
  addDays,
  compareDates,
  dateParts,
  daysInclusive,
  daysInMonth,
  endOfMonth,
  maxDate,
  minDate,
  type CalendarDate,
} from '../dates.ts';
import { DomainError } from '../errors.ts';
import { grosze, multiplyRoundHalfUp, roundHalfUp, type Grosze } from '../money.ts';
import { allocateByWeights } from './proportion.ts';
import type { BillingPeriod, CustomerGroup, InvoiceLine, LineKind, TariffVersion } from './types.ts';

export interface TariffSegment {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  tariff: TariffVersion;
}

/**
 * The parts of a period under each tariff version of the customer's group. A version is in force from
 * its validFrom until the day before the next version's validFrom (the last one: open-ended).
 */
export function tariffSegments(
  versions: readonly TariffVersion[],
  customerGroup: CustomerGroup,
  period: BillingPeriod,
): TariffSegment[] {
  if (compareDates(period.from, period.to) > 0) {
    throw new DomainError('invalid_period', `Period starts ${period.from} after it ends ${period.to}`);
  }
  const ofGroup = versions
    .filter((version) => version.customerGroup === customerGroup)
    .sort((left, right) => compareDates(left.validFrom, right.validFrom));
  for (let index = 1; index < ofGroup.length; index += 1) {
    if (ofGroup[index]?.validFrom === ofGroup[index - 1]?.validFrom) {
      throw new DomainError(
        'duplicate_tariff',
        `Two tariff versions for ${customerGroup} start on ${ofGroup[index]?.validFrom}`,
      );
    }
  }
  const segments: TariffSegment[] = [];
  ofGroup.forEach((tariff, index) => {
    const next = ofGroup[index + 1];
    const validTo = next ? addDays(next.validFrom, -1) : period.to;
    const from = maxDate(tariff.validFrom, period.from);
    const to = minDate(validTo, period.to);
    if (compareDates(from, to) <= 0) segments.push({ from, to, days: daysInclusive(from, to), tariff });
  });
  if (segments[0]?.from !== period.from) {
    throw new DomainError('no_tariff', `No ${customerGroup} tariff is in force on ${period.from}`, {
      customerGroup,
      date: period.from,
    });
  }
  return segments;
}

const LINE_NAMES: Record<LineKind, readonly [pl: string, en: string]> = {
  water: ['Dostawa wody', 'Water supply'],
  sewage: ['Odprowadzanie ścieków', 'Sewage disposal'],
  subscription: ['Opłata abonamentowa', 'Subscription charge'],
  water_true_up: ['Rozliczenie zużycia szacunkowego – woda', 'Settlement of estimated consumption – water'],
  sewage_true_up: [
    'Rozliczenie zużycia szacunkowego – ścieki',
    'Settlement of estimated consumption – sewage',
  ],
};

function priceFor(kind: LineKind, tariff: TariffVersion): Grosze {
  switch (kind) {
    case 'water':
    case 'water_true_up':
      return tariff.waterPricePerCubicMetre;
    case 'sewage':
    case 'sewage_true_up':
      return tariff.sewagePricePerCubicMetre;
    case 'subscription':
      return tariff.subscriptionPerMonth;
  }
}

export function buildLine(
  kind: LineKind,
  segment: Pick<TariffSegment, 'from' | 'to' | 'tariff'>,
  quantityThousandths: number,
  estimated: boolean,
): InvoiceLine {
  const [namePl, nameEn] = LINE_NAMES[kind];
  const unitNetPrice = priceFor(kind, segment.tariff);
  return {
    kind,
    namePl: estimated ? `${namePl} (szacunek)` : namePl,
    nameEn: estimated ? `${nameEn} (estimate)` : nameEn,
    unit: kind === 'subscription' ? 'month' : 'm3',
    quantityThousandths,
    unitNetPrice,
    netValue: grosze(multiplyRoundHalfUp(unitNetPrice, quantityThousandths, 1000)),
    vatRateBasisPoints: segment.tariff.vatRateBasisPoints,
    periodFrom: segment.from,
    periodTo: segment.to,
    estimated,
  };
}

/**
 * One line per tariff segment. Litres are split by days (allocateByWeights: each segment gets
 * round_half_up(total × segment days / period days), the last the remainder), because without a reading
 * at the price-change date nothing tells when the water was used.
 */
export function volumeLines(
  kind: 'water' | 'sewage' | 'water_true_up' | 'sewage_true_up',
  litres: number,
  segments: readonly TariffSegment[],
  estimated: boolean,
): InvoiceLine[] {
  const parts = allocateByWeights(
    litres,
    segments.map((segment) => segment.days),
  );
  return segments.map((segment, index) => buildLine(kind, segment, parts[index] ?? 0, estimated));
}

/**
 * Subscription quantity of [from, to] in thousandths of a month. Each calendar month counts
 * days-in-period ÷ days-in-that-month (15 days of a 30-day month = 0.500). Within a month the rounding
 * to thousandths is cumulative: days d1..d2 get round(1000·d2/n) − round(1000·(d1−1)/n), so a whole
 * month is exactly 1.000 however many tariff segments split it, and the parts always add up.
 */
export function subscriptionThousandths(from: CalendarDate, to: CalendarDate): number {
  let total = 0;
  for (
    let monthStart = from;
    compareDates(monthStart, to) <= 0;
    monthStart = addDays(endOfMonth(monthStart), 1)
  ) {
    const monthEnd = minDate(endOfMonth(monthStart), to);
    const { year, month, day: firstDay } = dateParts(monthStart);
    const lastDay = dateParts(monthEnd).day;
    const length = BigInt(daysInMonth(year, month));
    total += Number(
      roundHalfUp(1000n * BigInt(lastDay), length) - roundHalfUp(1000n * BigInt(firstDay - 1), length),
    );
  }
  return total;
}

export function subscriptionLines(segments: readonly TariffSegment[]): InvoiceLine[] {
  return segments.map((segment) =>
    buildLine('subscription', segment, subscriptionThousandths(segment.from, segment.to), false),
  );
}
