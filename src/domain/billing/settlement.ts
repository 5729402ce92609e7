import { addDays, compareDates, daysInclusive, type CalendarDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import {
  effectiveReadings,
  inServiceAtEndOf,
  inServiceDuring,
  measureMeter,
  measurementDays,
  openingReading,
  type MeterMeasurement,
} from './consumption.ts';
import {
  averageLitresPerDay,
  DEFAULT_HISTORY_DAYS,
  estimateLitres,
  historicalDailyAverage,
  type Estimate,
} from './estimate.ts';
import { notes } from './notes.ts';
import { allocateByWeights } from './proportion.ts';
import { gardenDeduction, sewageVolumes } from './sewage.ts';
import type { BilledEstimate, BillingNote, BillingPeriod, Meter, MeterReading, MeterRole } from './types.ts';

/**
 * Volumes of one billing period. The settlement runs from the last ACTUAL reading: when earlier periods
 * were billed as estimates (`billedEstimates`), the span starts at the first of them, the measured
 * consumption of the span is split by days between those past days and the period (allocateByWeights,
 * past part rounded, the period takes the remainder), and the past part minus the estimates billed is
 * the true-up. A period is actual only when every main and sewage meter in service at its end has a
 * reading dated on that end; otherwise the whole period is estimated and nothing is settled yet.
 */

export interface EstimationSettings {
  /** Litres per day for a service point without reading history. */
  normLitresPerDay: number;
  historyDays?: number;
}

export interface ReadingUsed {
  meterId: string;
  role: MeterRole;
  previous: { date: CalendarDate; valueLitres: number };
  current: { date: CalendarDate; valueLitres: number } | null;
  consumptionLitres: number | null;
  estimated: boolean;
}

export interface SettledVolumes {
  estimated: boolean;
  waterLitres: number;
  sewageLitres: number;
  gardenDeductedLitres: number;
  /** Null when nothing is being settled; else the span of the earlier estimates and the differences. */
  trueUp: { from: CalendarDate; to: CalendarDate; waterLitres: number; sewageLitres: number } | null;
  readings: ReadingUsed[];
  notes: BillingNote[];
}

interface Split {
  past: number;
  current: number;
}

function splitMeasurement(measurement: MeterMeasurement, from: CalendarDate, settling: boolean): Split {
  const days = measurementDays(measurement, from);
  if (!settling || days.past === 0) return { past: 0, current: measurement.litres };
  if (days.current === 0) return { past: measurement.litres, current: 0 };
  const [past = 0, current = 0] = allocateByWeights(measurement.litres, [days.past, days.current]);
  return { past, current };
}

function sumSplits(splits: readonly Split[]): Split {
  return splits.reduce(
    (sum, split) => ({ past: sum.past + split.past, current: sum.current + split.current }),
    {
      past: 0,
      current: 0,
    },
  );
}

function estimateNote(estimate: Estimate): BillingNote {
  const perDay = averageLitresPerDay(estimate.average);
  return estimate.basis === 'history' ? notes.estimatedFromHistory(perDay) : notes.estimatedFromNorm(perDay);
}

export function settleVolumes(input: {
  period: BillingPeriod;
  meters: readonly Meter[];
  readings: readonly MeterReading[];
  billedEstimates: readonly BilledEstimate[];
  estimation: EstimationSettings | null;
  sewageFromWaterRequired: boolean;
}): SettledVolumes {
  const { period, billedEstimates } = input;
  for (const estimate of billedEstimates) {
    if (compareDates(estimate.from, estimate.to) > 0 || compareDates(estimate.to, period.from) >= 0) {
      throw new DomainError(
        'invalid_billed_estimate',
        `Billed estimate ${estimate.from}–${estimate.to} must end before ${period.from}`,
      );
    }
  }
  const settling = billedEstimates.length > 0;
  const settlementStart = billedEstimates.reduce<CalendarDate>(
    (earliest, estimate) => (compareDates(estimate.from, earliest) < 0 ? estimate.from : earliest),
    period.from,
  );
  const readings = effectiveReadings(input.readings);
  const inSpan = input.meters.filter((meter) => inServiceDuring(meter, settlementStart, period.to));
  const ofRole = (role: MeterRole): Meter[] => inSpan.filter((meter) => meter.role === role);
  const main = ofRole('main');
  const sewageMeters = ofRole('sewage');
  if (main.length === 0 && input.sewageFromWaterRequired && sewageMeters.length === 0) {
    throw new DomainError(
      'no_main_meter',
      `No main water meter is in service between ${settlementStart} and ${period.to}`,
    );
  }
  /**
   * A garden sub-meter without any usable reading only loses its deduction (and says so); a main or
   * sewage meter without one makes the invoice impossible, so that error propagates.
   */
  const unreadable = new Set<string>();
  const measure = (meter: Meter): MeterMeasurement | null => {
    try {
      return measureMeter(meter, readings, settlementStart, period.to);
    } catch (error) {
      if (meter.role !== 'garden' || !(error instanceof DomainError)) throw error;
      unreadable.add(meter.id);
      return null;
    }
  };
  const measurements = new Map(inSpan.map((meter) => [meter.id, measure(meter)]));
  const measurementOf = (meter: Meter): MeterMeasurement | null => measurements.get(meter.id) ?? null;
  const estimated = [...main, ...sewageMeters].some(
    (meter) => inServiceAtEndOf(meter, period.to) && measurementOf(meter) === null,
  );

  const printed: BillingNote[] = [];
  for (const meter of inSpan) {
    if (meter.removedOn !== null && compareDates(meter.removedOn, period.to) <= 0) {
      printed.push(notes.meterReplaced(meter.id, meter.removedOn));
    }
    if (!estimated && measurementOf(meter)?.rolledOver) printed.push(notes.rollover(meter.id));
  }
  const readingsUsed = inSpan
    .filter((meter) => !unreadable.has(meter.id))
    .map((meter): ReadingUsed => {
      const measurement = measurementOf(meter);
      const previous =
        measurement?.opening ??
        openingReading(
          meter,
          readings.filter((reading) => reading.meterId === meter.id),
          settlementStart,
        );
      return {
        meterId: meter.id,
        role: meter.role,
        previous: { date: previous.date, valueLitres: previous.valueLitres },
        current: measurement
          ? { date: measurement.closing.date, valueLitres: measurement.closing.valueLitres }
          : null,
        consumptionLitres: measurement?.litres ?? null,
        estimated: measurement === null,
      };
    });
  const garden = ofRole('garden').map((meter) => ({
    meterId: meter.id,
    measurement: estimated ? null : measurementOf(meter),
    expiry: meter.legalizationExpiry,
    removedOn: meter.removedOn,
  }));

  if (estimated) {
    const days = daysInclusive(period.from, period.to);
    const historyDays = input.estimation?.historyDays ?? DEFAULT_HISTORY_DAYS;
    const averageOf = (meters: readonly Meter[]) =>
      historicalDailyAverage(meters, readings, period.to, historyDays);
    const waterAverage = averageOf(main);
    if (waterAverage === null && input.estimation === null) {
      throw new DomainError(
        'estimate_needs_norm',
        'No reading history and no norm (litres per day) to estimate from',
      );
    }
    const water = estimateLitres(waterAverage, days, input.estimation?.normLitresPerDay ?? 0);
    // A sewage meter without history follows the water estimate: the norm is a water norm.
    const sewageAverage = sewageMeters.length > 0 ? averageOf(sewageMeters) : null;
    const sewageBase = sewageAverage ? estimateLitres(sewageAverage, days, 0) : water;
    const deduction = sewageMeters.length > 0 ? { litres: 0, notes: [] } : gardenDeduction(garden, period.to);
    return {
      estimated: true,
      waterLitres: water.litres,
      sewageLitres: sewageBase.litres,
      gardenDeductedLitres: 0,
      trueUp: null,
      readings: readingsUsed,
      notes: [estimateNote(water), ...printed, ...deduction.notes],
    };
  }

  const streamSplit = (meters: readonly Meter[]): Split =>
    sumSplits(
      meters
        .map((meter) => measurementOf(meter))
        .filter((m): m is MeterMeasurement => m !== null)
        .map((m) => splitMeasurement(m, period.from, settling)),
    );
  const water = streamSplit(main);
  const base = sewageMeters.length > 0 ? streamSplit(sewageMeters) : water;
  const deduction = sewageMeters.length > 0 ? { litres: 0, notes: [] } : gardenDeduction(garden, period.to);
  const sewage = sewageVolumes(base.past, base.current, deduction.litres);
  if (sewage.limited) printed.push(notes.sewageLimitedToZero());
  const trueUpTo = addDays(period.from, -1);
  const sum = (pick: (estimate: BilledEstimate) => number): number =>
    billedEstimates.reduce((total, estimate) => total + pick(estimate), 0);
  const trueUp = settling
    ? {
        from: settlementStart,
        to: trueUpTo,
        waterLitres: water.past - sum((estimate) => estimate.waterLitres),
        sewageLitres: sewage.pastLitres - sum((estimate) => estimate.sewageLitres),
      }
    : null;
  if (trueUp) printed.unshift(notes.trueUp(trueUp.from, trueUp.to, period.to));
  return {
    estimated: false,
    waterLitres: water.current,
    sewageLitres: sewage.currentLitres,
    gardenDeductedLitres: Math.min(deduction.litres, base.past + base.current),
    trueUp,
    readings: readingsUsed,
    notes: [...printed, ...deduction.notes],
  };
}
