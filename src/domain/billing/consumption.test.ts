import { describe, expect, it } from 'vitest';
import { consumptionBetween, effectiveReadings, measureMeter, registerModulusLitres } from './consumption.ts';
import { buildMeter, buildReading, date } from './test-factories.ts';

const main = buildMeter({ id: 'M1' });

describe('effectiveReadings', () => {
  it('ignores superseded readings, also along chains of corrections', () => {
    const wrong = buildReading('M1', '2026-03-31', 999_000, { id: 'a' });
    const stillWrong = buildReading('M1', '2026-03-31', 998_000, { id: 'b', supersedesId: 'a' });
    const right = buildReading('M1', '2026-03-31', 120_000, { id: 'c', supersedesId: 'b' });
    expect(effectiveReadings([right, wrong, stillWrong]).map((reading) => reading.id)).toEqual(['c']);
  });

  it('refuses two effective readings of one meter on one day', () => {
    expect(() =>
      effectiveReadings([buildReading('M1', '2026-03-31', 1), buildReading('M1', '2026-03-31', 2)]),
    ).toThrow(/two readings/);
  });
});

describe('consumptionBetween', () => {
  it('handles the register rolling over', () => {
    expect(registerModulusLitres(main)).toBe(100_000_000);
    const before = buildReading('M1', '2026-01-01', 99_998_500);
    const after = buildReading('M1', '2026-02-01', 1_200);
    expect(consumptionBetween(main, before, after)).toBe(2_700);
    const small = buildMeter({ id: 'S', registerDigits: 4 });
    expect(
      consumptionBetween(
        small,
        buildReading('S', '2026-01-01', 9_999_000),
        buildReading('S', '2026-02-01', 500),
      ),
    ).toBe(1_500);
  });

  it('treats a large decrease as a wrong reading, not a rollover', () => {
    expect(() =>
      consumptionBetween(
        main,
        buildReading('M1', '2026-01-01', 500_000),
        buildReading('M1', '2026-02-01', 400_000),
      ),
    ).toThrow(/not a rollover/);
  });
});

describe('measureMeter', () => {
  it('measures from the last reading before the start to the reading on the end', () => {
    const readings = effectiveReadings([
      buildReading('M1', '2026-03-31', 100_000),
      buildReading('M1', '2026-05-10', 104_000),
      buildReading('M1', '2026-06-30', 112_345),
    ]);
    const measurement = measureMeter(main, readings, date('2026-04-01'), date('2026-06-30'));
    expect(measurement?.litres).toBe(12_345);
    expect(measurement?.opening.date).toBe('2026-03-31');
  });

  it('returns null without a reading on the period end and fails without a final reading', () => {
    const readings = effectiveReadings([buildReading('M1', '2026-03-31', 100_000)]);
    expect(measureMeter(main, readings, date('2026-04-01'), date('2026-06-30'))).toBeNull();
    const removed = buildMeter({ id: 'M1', removedOn: date('2026-05-15') });
    expect(() => measureMeter(removed, readings, date('2026-04-01'), date('2026-06-30'))).toThrow(
      /final reading/,
    );
  });

  it('starts a meter installed inside the period at its installation reading', () => {
    const fresh = buildMeter({ id: 'M2', installedOn: date('2026-05-15') });
    const readings = effectiveReadings([
      buildReading('M2', '2026-05-15', 0),
      buildReading('M2', '2026-06-30', 4_000),
    ]);
    expect(measureMeter(fresh, readings, date('2026-04-01'), date('2026-06-30'))?.litres).toBe(4_000);
    expect(() => measureMeter(fresh, [], date('2026-04-01'), date('2026-06-30'))).toThrow(
      /installation reading/,
    );
  });
});
