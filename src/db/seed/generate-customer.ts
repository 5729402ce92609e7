import { compareDates, type CalendarDate } from '../../domain/dates.ts';
import { legalizationExpiry } from '../../domain/legalization.ts';
import { gardenLitres, mainLitres, type UsageProfile } from './consumption.ts';
import {
  customerPlace,
  customerProfile,
  SHOWCASE,
  type CustomerPlace,
  type CustomerProfile,
} from './generate-profile.ts';
import type { HistoryWindow } from './history.ts';
import { meterHistory, type MeterPlan, type MeterSpan } from './meter-history.ts';
import { mix32, Random, streamSeed } from './random.ts';

/**
 * One demo customer with everything that hangs off it: a service point, a contract, the meters the point
 * had during the history and their readings. Pure: the same seed and index always give the same record.
 * The first few positions are fixed showcases so that even a tiny seed contains every case the product
 * must handle (see SHOWCASE).
 */

export interface SeedPlan {
  randomSeed: number;
  window: HistoryWindow;
  /** Reading dates (billing period ends) per cycle length, computed once for the whole run. */
  cycleEnds: ReadonlyMap<number, readonly CalendarDate[]>;
}

export interface GeneratedReading {
  readOn: CalendarDate;
  valueLitres: number;
}

export interface GeneratedMeter {
  kind: 'main' | 'sub';
  serialNumber: string;
  installedOn: CalendarDate;
  removedOn: CalendarDate | null;
  removalReadingLitres: number | null;
  legalizationYear: number;
  legalizationExpiresOn: CalendarDate;
  readings: GeneratedReading[];
}

export interface GeneratedCustomer extends CustomerProfile {
  place: CustomerPlace;
  meters: GeneratedMeter[];
}

const MAIN_PLANS: Readonly<Record<number, MeterPlan>> = {
  [SHOWCASE.demoLogin]: 'valid',
  [SHOWCASE.expired]: 'expired',
  [SHOWCASE.replaced]: 'replaced',
};

const METER_BRANDS = ['APT', 'DHL', 'ITR', 'SNS', 'ZNR', 'PWM'] as const;

function serialNumber(random: Random, index: number, slot: number, legalizationYear: number): string {
  const ordinal = String(index * 16 + slot).padStart(8, '0');
  return `${random.pick(METER_BRANDS)}${String(legalizationYear % 100).padStart(2, '0')}${ordinal}`;
}

/** Readings on the installation day (inside the history), each period end in service, and the removal day. */
function readingDates(span: MeterSpan, ends: readonly CalendarDate[], opening: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  if (compareDates(span.installedOn, opening) >= 0) dates.push(span.installedOn);
  for (const end of ends) {
    if (compareDates(end, span.installedOn) <= 0) continue;
    if (span.removedOn !== null && compareDates(end, span.removedOn) >= 0) break;
    dates.push(end);
  }
  if (span.removedOn !== null) dates.push(span.removedOn);
  return dates;
}

function buildMeter(
  random: Random,
  kind: GeneratedMeter['kind'],
  span: MeterSpan,
  serial: string,
  ends: readonly CalendarDate[],
  profile: UsageProfile,
): GeneratedMeter {
  const opening = ends[0] ?? span.installedOn;
  // New meters start at zero: the register of the old one ends with its final reading.
  let value = 0;
  let previous = span.installedOn;
  const readings: GeneratedReading[] = [];
  for (const readOn of readingDates(span, ends, opening)) {
    if (readOn !== previous) {
      value +=
        kind === 'main'
          ? mainLitres(profile, previous, readOn, random)
          : gardenLitres(profile, previous, readOn);
    }
    readings.push({ readOn, valueLitres: value });
    previous = readOn;
  }
  return {
    kind,
    serialNumber: serial,
    installedOn: span.installedOn,
    removedOn: span.removedOn,
    removalReadingLitres: span.removedOn === null ? null : value,
    legalizationYear: span.legalizationYear,
    legalizationExpiresOn: legalizationExpiry(span.legalizationYear),
    readings,
  };
}

export function generateCustomer(plan: SeedPlan, index: number): GeneratedCustomer {
  const random = new Random(streamSeed(plan.randomSeed, 1, index));
  const profile = customerProfile(random, plan.randomSeed, index);
  const ends = plan.cycleEnds.get(profile.cycleMonths) ?? [];
  const opening = ends[0] ?? plan.window.start;
  const place = customerPlace(random, index, profile, opening, plan.window, mix32(plan.randomSeed ^ 0x77ea));
  const slot = { opening, lastReadingDate: plan.window.lastReadingDate, today: plan.window.today };

  const meters: GeneratedMeter[] = [];
  const mainSpans = meterHistory(random, {
    ...slot,
    kind: 'main',
    firstInstall: place.connectedOn,
    plan: MAIN_PLANS[index] ?? 'random',
  });
  mainSpans.forEach((span, position) => {
    const serial = serialNumber(random, index, position, span.legalizationYear);
    meters.push(buildMeter(random, 'main', span, serial, ends, place.usage));
  });
  if (place.gardenMeterFrom !== null) {
    const subSpans = meterHistory(random, {
      ...slot,
      kind: 'sub',
      firstInstall: place.gardenMeterFrom,
      plan: index === SHOWCASE.demoLogin ? 'due' : 'random',
    });
    subSpans.forEach((span, position) => {
      const serial = serialNumber(random, index, 8 + position, span.legalizationYear);
      meters.push(buildMeter(random, 'sub', span, serial, ends, place.usage));
    });
  }
  return { ...profile, place, meters };
}
