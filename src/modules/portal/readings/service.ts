import { daysBetween, multiplyRoundHalfUp, type CalendarDate } from '../../../domain/index.ts';
import { loadMeters, type MeterRow } from '../meters/repository.ts';
import { loadServicePoints, visibleSpan } from '../service-points.ts';
import { notFoundFor, NOT_FOUND_TEXT, type Executor, type PortalScope } from '../scope.ts';
import { registerDifference, registerPoints } from './register.ts';
import { loadReadings, type ReadingRow, type ReadingSource } from './repository.ts';

export type ReadingKind = 'actual' | 'estimated' | 'self_reading';

export const readingKindOf = (source: ReadingSource): ReadingKind =>
  source === 'estimate' ? 'estimated' : source === 'customer' ? 'self_reading' : 'actual';

export interface ReadingHistoryEntry {
  id: number;
  date: string;
  valueLitres: number;
  source: ReadingSource;
  kind: ReadingKind;
  status: 'accepted' | 'pending' | 'rejected';
  /** Shown for a rejected reading: why the office did not accept it. */
  rejectionReason: string | null;
  submittedByYou: boolean;
  previousDate: string | null;
  consumptionLitres: number | null;
  days: number | null;
  averageDailyLitres: number | null;
}

export interface MeterHistory {
  meter: MeterRow;
  readings: ReadingHistoryEntry[];
}

/**
 * The reading history of each meter with the consumption since the previous accepted register value (a
 * reading, or the installation value). Pending and rejected readings are listed but measure nothing: only
 * an accepted reading moves the register the bill uses.
 */
export function historyOf(
  meter: MeterRow,
  readings: readonly ReadingRow[],
  visible: { from: string; to: string | null },
  loginId: number,
): ReadingHistoryEntry[] {
  const accepted = readings.filter((reading) => reading.status === 'accepted');
  const points = registerPoints(meter, accepted, visible);
  return readings.flatMap((reading): ReadingHistoryEntry[] => {
    if (reading.status === 'superseded') return [];
    const status = reading.status;
    const previous =
      status === 'accepted' ? points.filter((point) => point.date < reading.date).at(-1) : undefined;
    const consumption = previous
      ? registerDifference(previous.valueLitres, reading.valueLitres, meter.registerDigits)
      : null;
    const days = previous ? daysBetween(previous.date, reading.date as CalendarDate) : null;
    return [
      {
        id: reading.id,
        date: reading.date,
        valueLitres: reading.valueLitres,
        source: reading.source,
        kind: readingKindOf(reading.source),
        status,
        rejectionReason: status === 'rejected' ? reading.statusReason : null,
        submittedByYou: reading.createdByLoginId === loginId,
        previousDate: previous ? previous.date : null,
        consumptionLitres: consumption,
        days,
        averageDailyLitres:
          consumption !== null && days !== null && days > 0
            ? multiplyRoundHalfUp(consumption, 1, days)
            : null,
      },
    ];
  });
}

export async function readingHistory(
  db: Executor,
  scope: PortalScope,
  query: { meterId?: number; from?: CalendarDate; to?: CalendarDate },
): Promise<MeterHistory[]> {
  const meters = await loadMeters(db, scope, query.meterId !== undefined ? { meterId: query.meterId } : {});
  if (query.meterId !== undefined && meters.length === 0) throw notFoundFor(scope, NOT_FOUND_TEXT.meter);
  const points = new Map((await loadServicePoints(db, scope)).map((point) => [point.id, point]));
  const readings = await loadReadings(db, scope, { meterIds: meters.map((meter) => meter.id) });
  return meters.map((meter) => {
    const point = points.get(meter.servicePointId);
    const visible = point ? visibleSpan(point) : { from: '9999-12-31', to: null };
    const history = historyOf(
      meter,
      readings.filter((reading) => reading.meterId === meter.id),
      visible,
      scope.loginId,
    );
    return {
      meter,
      readings: history.filter(
        (entry) => (!query.from || entry.date >= query.from) && (!query.to || entry.date <= query.to),
      ),
    };
  });
}
