import { minDate, type CalendarDate } from '../dates.ts';
import { isLegalizationValidOn } from '../legalization.ts';
import type { MeterMeasurement } from './consumption.ts';
import { notes } from './notes.ts';
import type { BillingNote } from './types.ts';

/**
 * Sewage volume (act on collective water supply, art. 27): the water volume of the main meter, or the
 * sewage meter's volume where one exists, reduced by water used up for good (garden) only when a
 * sub-meter measured it. A sewage meter measures what actually left, so the garden deduction applies only
 * when sewage is derived from water. Never negative.
 */

export interface GardenDeduction {
  litres: number;
  notes: BillingNote[];
}

/**
 * Deducts each measured garden sub-meter whose legalization is valid on the period end (or, for a
 * sub-meter removed inside the period, on its removal day). Unread or expired sub-meters deduct nothing
 * and say why; an unread one is deducted in full at its next reading, because the settlement always
 * runs from its last reading.
 */
export function gardenDeduction(
  measurements: ReadonlyArray<{
    meterId: string;
    measurement: MeterMeasurement | null;
    expiry: CalendarDate;
    removedOn: CalendarDate | null;
  }>,
  periodEnd: CalendarDate,
): GardenDeduction {
  let litres = 0;
  const printed: BillingNote[] = [];
  for (const { meterId, measurement, expiry, removedOn } of measurements) {
    const checkedOn = removedOn === null ? periodEnd : minDate(removedOn, periodEnd);
    if (!isLegalizationValidOn(expiry, checkedOn)) {
      printed.push(notes.gardenLegalizationExpired(meterId, expiry));
    } else if (measurement === null) {
      printed.push(notes.gardenNotRead(meterId));
    } else {
      litres += measurement.litres;
      if (measurement.litres > 0) printed.push(notes.gardenDeducted(meterId, measurement.litres));
    }
  }
  return { litres, notes: printed };
}

export interface SewageVolumes {
  /** Part of the settled span before the period (only non-zero when estimates are being settled). */
  pastLitres: number;
  currentLitres: number;
  /** True when the deduction exceeded the base and was cut to keep the volume non-negative. */
  limited: boolean;
}

/**
 * The whole garden deduction belongs to the current period (a sub-meter's use is seasonal, so splitting
 * it by days would be arbitrary); whatever exceeds the current volume reduces the settled past, and the
 * total over the span is never below zero.
 */
export function sewageVolumes(
  basePastLitres: number,
  baseCurrentLitres: number,
  deductedLitres: number,
): SewageVolumes {
  const total = Math.max(basePastLitres + baseCurrentLitres - deductedLitres, 0);
  const currentLitres = Math.max(baseCurrentLitres - deductedLitres, 0);
  return {
    pastLitres: total - currentLitres,
    currentLitres,
    limited: deductedLitres > basePastLitres + baseCurrentLitres,
  };
}
