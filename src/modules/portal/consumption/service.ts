import { addMonths, multiplyRoundHalfUp, toDayNumber, type CalendarDate } from '../../../domain/index.ts';
import { loadMeters } from '../meters/repository.ts';
import { intervalsOf, registerPoints, type ConsumptionInterval } from '../readings/register.ts';
import { loadReadings } from '../readings/repository.ts';
import { loadServicePoints, visibleSpan } from '../service-points.ts';
import { assertServicePoint, type Executor, type PortalScope } from '../scope.ts';
import { coveredDays, intersect, litresWithin, monthSlots, type DayRange } from './distribute.ts';

/** What the analysis knows of one service point: its meters' intervals inside the customer's contracts. */
export interface PointConsumption {
  windows: DayRange[];
  sewageBilled: boolean;
  main: ConsumptionInterval[];
  sewageMeter: ConsumptionInterval[];
  subMeters: Array<{ intervals: ConsumptionInterval[]; legalizationExpiresOn: CalendarDate }>;
}

export interface Volumes {
  waterLitres: number;
  sewageLitres: number;
  subMeterLitres: number;
  /** Days with readings on both sides (the average is taken over these). */
  coveredDays: number;
  averageDailyWaterLitres: number | null;
}

export interface MonthVolumes extends Volumes {
  month: string;
  from: CalendarDate;
  to: CalendarDate;
  days: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Volumes of one stretch of days. Sewage is the water of the main meter minus the sub-meter's water used on
 * days when the sub-meter's legalization was valid (an expired sub-meter deducts nothing), never below zero;
 * where a sewage meter measures, its volume is the sewage. The invoice settles this per billing period, so
 * a month here can differ slightly from what a bill shows; over whole billing periods the figures agree.
 */
export function volumesOf(
  points: readonly PointConsumption[],
  range: DayRange,
): Omit<Volumes, 'averageDailyWaterLitres'> {
  let waterLitres = 0;
  let sewageLitres = 0;
  let subMeterLitres = 0;
  let covered = 0;
  for (const point of points) {
    for (const window of point.windows) {
      const part = intersect(window, range);
      if (!part) continue;
      const water = sum(point.main.map((interval) => litresWithin(interval, part)));
      const sub = sum(
        point.subMeters.flatMap((meter) => meter.intervals.map((interval) => litresWithin(interval, part))),
      );
      const deductible = sum(
        point.subMeters.flatMap((meter) => {
          const valid = intersect(part, {
            first: part.first,
            last: toDayNumber(meter.legalizationExpiresOn),
          });
          return valid ? meter.intervals.map((interval) => litresWithin(interval, valid)) : [];
        }),
      );
      const measuredSewage = coveredDays(point.sewageMeter, part) > 0;
      const sewage = !point.sewageBilled
        ? 0
        : measuredSewage
          ? sum(point.sewageMeter.map((interval) => litresWithin(interval, part)))
          : Math.max(water - deductible, 0);
      waterLitres += water;
      sewageLitres += sewage;
      subMeterLitres += sub;
      covered = Math.max(covered, coveredDays(point.main, part));
    }
  }
  return { waterLitres, sewageLitres, subMeterLitres, coveredDays: covered };
}

const withAverage = (volumes: Omit<Volumes, 'averageDailyWaterLitres'>): Volumes => ({
  ...volumes,
  averageDailyWaterLitres:
    volumes.coveredDays > 0 ? multiplyRoundHalfUp(volumes.waterLitres, 1, volumes.coveredDays) : null,
});

export function monthlyVolumes(
  points: readonly PointConsumption[],
  from: CalendarDate,
  to: CalendarDate,
): MonthVolumes[] {
  return monthSlots(from, to).map((slot) => ({
    month: slot.month,
    from: slot.from,
    to: slot.to,
    days: slot.range.last - slot.range.first + 1,
    ...withAverage(volumesOf(points, slot.range)),
  }));
}

export function totalOf(months: readonly MonthVolumes[]): Volumes & { days: number } {
  return {
    days: sum(months.map((month) => month.days)),
    ...withAverage({
      waterLitres: sum(months.map((month) => month.waterLitres)),
      sewageLitres: sum(months.map((month) => month.sewageLitres)),
      subMeterLitres: sum(months.map((month) => month.subMeterLitres)),
      coveredDays: sum(months.map((month) => month.coveredDays)),
    }),
  };
}

const FAR_FUTURE = toDayNumber('9999-12-31' as CalendarDate);

/** Loads the intervals of the customer's meters (all points, or one) inside their contracts. */
export async function loadPointConsumption(
  db: Executor,
  scope: PortalScope,
  servicePointId: number | undefined,
): Promise<PointConsumption[]> {
  if (servicePointId !== undefined) await assertServicePoint(db, scope, servicePointId);
  const points = (await loadServicePoints(db, scope)).filter(
    (point) => servicePointId === undefined || point.id === servicePointId,
  );
  const meters = await loadMeters(db, scope, servicePointId !== undefined ? { servicePointId } : {});
  const readings = (await loadReadings(db, scope, { meterIds: meters.map((meter) => meter.id) })).filter(
    (reading) => reading.status === 'accepted',
  );
  return points.map((point) => {
    const span = visibleSpan(point);
    const intervalsFor = (kind: 'main' | 'sub' | 'sewage') =>
      meters
        .filter((meter) => meter.servicePointId === point.id && meter.kind === kind)
        .map((meter) => ({
          meter,
          intervals: intervalsOf(
            registerPoints(
              meter,
              readings.filter((reading) => reading.meterId === meter.id),
              span,
            ),
            meter.registerDigits,
          ),
        }));
    return {
      windows: mergeRanges(
        point.contracts.map((contract) => ({
          first: toDayNumber(contract.from as CalendarDate),
          last: contract.to === null ? FAR_FUTURE : toDayNumber(contract.to as CalendarDate),
        })),
      ),
      sewageBilled: point.contracts.some((contract) => contract.services !== 'water'),
      main: intervalsFor('main').flatMap((entry) => entry.intervals),
      sewageMeter: intervalsFor('sewage').flatMap((entry) => entry.intervals),
      subMeters: intervalsFor('sub').map((entry) => ({
        intervals: entry.intervals,
        legalizationExpiresOn: entry.meter.legalizationExpiresOn as CalendarDate,
      })),
    };
  });
}

/** Two contracts of the login's customers for one point may overlap; each day counts once. */
export function mergeRanges(ranges: readonly DayRange[]): DayRange[] {
  const merged: DayRange[] = [];
  for (const range of [...ranges].sort((left, right) => left.first - right.first)) {
    const last = merged.at(-1);
    if (last && range.first <= last.last + 1) last.last = Math.max(last.last, range.last);
    else merged.push({ ...range });
  }
  return merged;
}

export interface ConsumptionReport {
  from: CalendarDate;
  to: CalendarDate;
  months: Array<MonthVolumes & { previousYear: MonthVolumes }>;
  totals: Volumes & { days: number };
  previousYear: { from: CalendarDate; to: CalendarDate; totals: Volumes & { days: number } };
}

/** The period, month by month, beside the same months a year earlier. */
export async function consumptionReport(
  db: Executor,
  scope: PortalScope,
  query: { from: CalendarDate; to: CalendarDate; servicePointId?: number },
): Promise<ConsumptionReport> {
  const points = await loadPointConsumption(db, scope, query.servicePointId);
  const months = monthlyVolumes(points, query.from, query.to);
  const previousFrom = addMonths(query.from, -12);
  const previousTo = addMonths(query.to, -12);
  const previous = monthlyVolumes(points, previousFrom, previousTo);
  return {
    from: query.from,
    to: query.to,
    months: months.map((month, index) => ({
      ...month,
      previousYear: previous[index] ?? { ...month, ...emptyVolumes },
    })),
    totals: totalOf(months),
    previousYear: { from: previousFrom, to: previousTo, totals: totalOf(previous) },
  };
}

const emptyVolumes: Volumes = {
  waterLitres: 0,
  sewageLitres: 0,
  subMeterLitres: 0,
  coveredDays: 0,
  averageDailyWaterLitres: null,
};
