import {
  addDays,
  compareDates,
  dateFromParts,
  dateParts,
  maxDate,
  minDate,
  type CalendarDate,
} from '../../domain/dates.ts';
import { randomDay } from './history.ts';
import type { Random } from './random.ts';

/**
 * Which meters a meter slot (the main meter, or the garden sub-meter) of a service point had during the
 * history. Legalization lasts 5 years from the year after the legalization, so utilities replace meters
 * about every five years: the current meter is chosen first (its legalization year decides whether it is
 * valid, due or expired today) and the meters it replaced are added backwards until the opening reading
 * of the history is covered.
 */
export interface MeterSpan {
  installedOn: CalendarDate;
  /** The replacement day (final reading of this meter, installation of the next); null for the current one. */
  removedOn: CalendarDate | null;
  legalizationYear: number;
}

/**
 * expired: legalization ended before today; due: it ends on 31 December of this year (within the
 * reminder window late in the year); valid: a later end; replaced: valid, and installed inside the history
 * so that the history shows a replacement; random: drawn with the slot's usual shares.
 */
export type MeterPlan = 'expired' | 'due' | 'valid' | 'replaced' | 'random';

export interface MeterSlot {
  kind: 'main' | 'sub';
  /** The earliest day a meter can be in this slot: the connection, or when the garden meter was added. */
  firstInstall: CalendarDate;
  /** The opening reading date of the history for the point's billing cycle. */
  opening: CalendarDate;
  lastReadingDate: CalendarDate;
  today: CalendarDate;
  plan: MeterPlan;
}

/** Customers often leave a sub-meter they paid for unreplaced (it then gives no sewage deduction). */
const SHARES: Record<MeterSlot['kind'], ReadonlyArray<readonly [Exclude<MeterPlan, 'random'>, number]>> = {
  main: [
    ['expired', 4],
    ['due', 5],
    ['valid', 91],
  ],
  sub: [
    ['expired', 25],
    ['due', 10],
    ['valid', 65],
  ],
};

function yearOf(date: CalendarDate): number {
  return dateParts(date).year;
}

/** Meters are legalized before they are installed, usually in the same or the previous year. */
function installDay(
  random: Random,
  legalizationYear: number,
  slot: MeterSlot,
  latest: CalendarDate,
): CalendarDate {
  const from = maxDate(dateFromParts(legalizationYear, 1, 1), slot.firstInstall);
  const to = minDate(dateFromParts(legalizationYear + 1, 12, 31), latest);
  // A connection made after the meter's usual installation years gets a meter from stock.
  return compareDates(from, to) > 0
    ? maxDate(slot.firstInstall, minDate(from, latest))
    : randomDay(random, from, to);
}

function currentMeter(random: Random, slot: MeterSlot): MeterSpan {
  const thisYear = yearOf(slot.today);
  if (compareDates(slot.firstInstall, slot.opening) > 0) {
    // A connection made during the history starts with a new meter.
    return {
      installedOn: slot.firstInstall,
      removedOn: null,
      legalizationYear: yearOf(slot.firstInstall) - random.integer(0, 1),
    };
  }
  const plan = slot.plan === 'random' ? random.weighted(SHARES[slot.kind]) : slot.plan;
  if (plan === 'replaced') {
    const installedOn = randomDay(random, addDays(slot.opening, 1), slot.lastReadingDate);
    return { installedOn, removedOn: null, legalizationYear: yearOf(installedOn) - random.integer(0, 1) };
  }
  const legalizationYear =
    plan === 'expired'
      ? thisYear - 6 - random.integer(0, 2)
      : plan === 'due'
        ? thisYear - 5
        : Math.min(thisYear - random.integer(0, 4), yearOf(slot.lastReadingDate));
  const installedOn = installDay(random, legalizationYear, slot, slot.lastReadingDate);
  return { installedOn, removedOn: null, legalizationYear: Math.min(legalizationYear, yearOf(installedOn)) };
}

/** The meters of one slot, oldest first; every one of them has at least one reading inside the history. */
export function meterHistory(random: Random, slot: MeterSlot): MeterSpan[] {
  const spans = [currentMeter(random, slot)];
  let replacedOn = spans[0]!.installedOn;
  while (compareDates(replacedOn, slot.opening) > 0 && compareDates(replacedOn, slot.firstInstall) > 0) {
    // The predecessor was replaced around the end of its legalization.
    const legalizationYear = yearOf(replacedOn) - 5 - random.integer(0, 1);
    const installedOn = installDay(random, legalizationYear, slot, addDays(replacedOn, -1));
    spans.unshift({
      installedOn,
      removedOn: replacedOn,
      legalizationYear: Math.min(legalizationYear, yearOf(installedOn)),
    });
    replacedOn = installedOn;
  }
  return spans;
}
