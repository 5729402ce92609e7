import { describe, expect, it } from 'vitest';
import { effectiveReadings } from './consumption.ts';
import { averageLitresPerDay, estimateLitres, historicalDailyAverage } from './estimate.ts';
import { buildMeter, buildReading, date } from './test-factories.ts';

describe('estimates', () => {
  const meter = buildMeter({ id: 'M1' });

  it('averages consumption over the 12 months before the latest reading', () => {
    const readings = effectiveReadings([
      buildReading('M1', '2024-12-30', 0), // 366 days before the latest reading: outside the window
      buildReading('M1', '2025-06-30', 100_000),
      buildReading('M1', '2025-09-30', 118_400),
      buildReading('M1', '2025-12-31', 136_800),
    ]);
    const average = historicalDailyAverage([meter], readings, date('2026-03-31'));
    expect(average).toEqual({ litres: 36_800, days: 184 });
    expect(averageLitresPerDay(average ?? { litres: 0, days: 1 })).toBe(200);
    expect(estimateLitres(average, 91, 150)).toMatchObject({ litres: 18_200, basis: 'history' });
  });

  it('falls back to the norm without history', () => {
    const readings = effectiveReadings([buildReading('M1', '2026-01-01', 0)]);
    expect(historicalDailyAverage([meter], readings, date('2026-03-31'))).toBeNull();
    expect(estimateLitres(null, 10, 150)).toMatchObject({ litres: 1_500, basis: 'norm' });
    expect(() => estimateLitres(null, 10, -1)).toThrow(/Norm/);
  });

  it('counts a replaced meter and its successor separately', () => {
    const old = buildMeter({ id: 'A', removedOn: date('2025-10-15') });
    const fresh = buildMeter({ id: 'B', installedOn: date('2025-10-15') });
    const readings = effectiveReadings([
      buildReading('A', '2025-06-30', 50_000),
      buildReading('A', '2025-10-15', 60_000),
      buildReading('B', '2025-10-15', 0),
      buildReading('B', '2025-12-31', 7_000),
    ]);
    // 10 000 L in 107 days + 7 000 L in 77 days = 17 000 L in 184 days
    expect(historicalDailyAverage([old, fresh], readings, date('2026-03-31'))).toEqual({
      litres: 17_000,
      days: 184,
    });
  });
});
