import { describe, expect, it } from 'vitest';
import { intervalsOf, registerDifference, registerPoints } from './register.ts';

describe('register values', () => {
  it('counts a rollover past the register maximum, and refuses a drop that is no rollover', () => {
    expect(registerDifference(1000, 4500, 5)).toBe(3500);
    expect(registerDifference(99_999_000, 2000, 5)).toBe(3000);
    expect(registerDifference(50_000, 40_000, 5)).toBeNull();
  });

  it('starts at the installation value when the installation is in view, and ends at the removal', () => {
    const meter = {
      installedOn: '2026-01-15',
      installReadingLitres: 10,
      removedOn: '2026-03-10',
      removalReadingLitres: 900,
    };
    const points = registerPoints(meter, [{ id: 7, date: '2026-02-28', valueLitres: 500 }], {
      from: '2020-01-01',
      to: null,
    });
    expect(points.map((point) => [point.date, point.valueLitres, point.readingId])).toEqual([
      ['2026-01-15', 10, null],
      ['2026-02-28', 500, 7],
      ['2026-03-10', 900, null],
    ]);
    expect(intervalsOf(points, 5)).toEqual([
      { from: '2026-01-15', to: '2026-02-28', litres: 490 },
      { from: '2026-02-28', to: '2026-03-10', litres: 400 },
    ]);
    // The next tenant's removal and the previous tenant's installation are not the customer's.
    expect(registerPoints(meter, [], { from: '2026-02-01', to: '2026-03-01' })).toEqual([]);
  });
});
