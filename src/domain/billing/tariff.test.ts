import { describe, expect, it } from 'vitest';
import { subscriptionLines, subscriptionThousandths, tariffSegments, volumeLines } from './tariff.ts';
import { buildTariff, date } from './test-factories.ts';

const tariffs = [
  buildTariff('2022-07-01', { water: 388, sewage: 699, subscription: 500 }),
  buildTariff('2026-06-01', { water: 582, sewage: 750, subscription: 600 }),
  buildTariff('2022-07-01', { water: 400, sewage: 720, subscription: 1500, group: 'other' }),
];

describe('tariffSegments', () => {
  it('splits a period at a price change and picks the customer group', () => {
    const segments = tariffSegments(tariffs, 'household', {
      from: date('2026-05-01'),
      to: date('2026-07-31'),
    });
    expect(
      segments.map((segment) => [
        segment.from,
        segment.to,
        segment.days,
        segment.tariff.waterPricePerCubicMetre,
      ]),
    ).toEqual([
      ['2026-05-01', '2026-05-31', 31, 388],
      ['2026-06-01', '2026-07-31', 61, 582],
    ]);
    expect(
      tariffSegments(tariffs, 'other', { from: date('2026-05-01'), to: date('2026-07-31') }),
    ).toHaveLength(1);
  });

  it('fails when no tariff is in force at the start', () => {
    expect(() =>
      tariffSegments(tariffs, 'household', { from: date('2021-01-01'), to: date('2021-01-31') }),
    ).toThrow(/No household tariff/);
  });
});

describe('subscriptionThousandths', () => {
  it('counts whole and partial months by the days of each month', () => {
    expect(subscriptionThousandths(date('2026-01-01'), date('2026-03-31'))).toBe(3000);
    expect(subscriptionThousandths(date('2026-06-16'), date('2026-06-30'))).toBe(500);
    expect(subscriptionThousandths(date('2026-01-01'), date('2026-01-10'))).toBe(323); // 10/31 = 0.3226
    expect(subscriptionThousandths(date('2024-02-01'), date('2024-02-15'))).toBe(517); // 15/29 = 0.5172
  });

  it('adds up to whole months however a month is split', () => {
    const a = subscriptionThousandths(date('2026-01-01'), date('2026-01-07'));
    const b = subscriptionThousandths(date('2026-01-08'), date('2026-01-19'));
    const c = subscriptionThousandths(date('2026-01-20'), date('2026-01-31'));
    expect(a + b + c).toBe(1000);
    for (let cut = 1; cut < 31; cut += 1) {
      const first = subscriptionThousandths(
        date('2026-01-01'),
        date(`2026-01-${String(cut).padStart(2, '0')}`),
      );
      const second = subscriptionThousandths(
        date(`2026-01-${String(cut + 1).padStart(2, '0')}`),
        date('2026-01-31'),
      );
      expect(first + second).toBe(1000);
    }
  });
});

describe('lines', () => {
  it('prices litres per segment and re-derives net values', () => {
    const segments = tariffSegments(tariffs, 'household', {
      from: date('2026-05-01'),
      to: date('2026-07-31'),
    });
    const lines = volumeLines('water', 9_200, segments, false);
    expect(lines.map((line) => [line.quantityThousandths, line.unitNetPrice, line.netValue])).toEqual([
      [3_100, 388, 1_203], // 9200 × 31/92 = 3100 L × 3.88 = 12.028 zł
      [6_100, 582, 3_550], // 6100 L × 5.82 = 35.502 zł
    ]);
    const subscription = subscriptionLines(segments);
    expect(subscription.map((line) => [line.quantityThousandths, line.netValue])).toEqual([
      [1000, 500],
      [2000, 1200],
    ]);
    expect(lines[0]?.namePl).toBe('Dostawa wody');
    expect(volumeLines('sewage', 1, segments, true)[0]?.nameEn).toBe('Sewage disposal (estimate)');
  });
});
