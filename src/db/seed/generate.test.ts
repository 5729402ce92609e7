import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, fromDayNumber, toDayNumber, type CalendarDate } from '../../domain/dates.ts';
import { parseSeedArguments } from '../../cli/commands/seed.ts';
import { generateCustomer } from './generate-customer.ts';
import { cycleEnds, historyWindow } from './history.ts';
import { customerNumber } from './identifiers.ts';
import { surnameForm } from './polish-names.ts';
import { permuteIndex, Random } from './random.ts';
import { seedPlan } from './seed.ts';
import { tariffSeeds } from './tariffs.ts';

describe('demo data building blocks', () => {
  it('gives women the feminine form of adjectival surnames only', () => {
    expect(surnameForm('Kowalski', 'female')).toBe('Kowalska');
    expect(surnameForm('Nowicki', 'female')).toBe('Nowicka');
    expect(surnameForm('Zawadzki', 'female')).toBe('Zawadzka');
    expect(surnameForm('Nowak', 'female')).toBe('Nowak');
    expect(surnameForm('Kowalski', 'male')).toBe('Kowalski');
  });

  it('repeats the same random sequence for the same seed', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.integer(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('permutes indexes without collisions', () => {
    for (const size of [17, 5000, 65_537]) {
      const seen = new Set<number>();
      for (let index = 0; index < size; index += 1) seen.add(permuteIndex(index, size, 12345));
      expect(seen.size).toBe(size);
      expect(Math.max(...seen)).toBe(size - 1);
    }
    expect(customerNumber(1, 0)).not.toBe(customerNumber(2, 0));
  });

  it('reads households at the end of even months, from the last one before the history', () => {
    const window = historyWindow('2026-11-16' as CalendarDate, 1);
    expect(window).toMatchObject({ start: '2025-11-01', lastReadingDate: '2026-10-31' });
    expect(cycleEnds(window, 2, 0)).toEqual([
      '2025-10-31',
      '2025-12-31',
      '2026-02-28',
      '2026-04-30',
      '2026-06-30',
      '2026-08-31',
      '2026-10-31',
    ]);
    expect(cycleEnds(window, 1, 0)).toHaveLength(13);
  });

  it('has a tariff in force on every day of the history', () => {
    const seeds = tariffSeeds('2023-10-31' as CalendarDate, '2026-03-01' as CalendarDate);
    const household = seeds
      .filter((seed) => seed.customerGroup === 'household')
      .map((seed) => seed.validFrom);
    expect(household).toEqual(['2023-06-01', '2024-06-01', '2025-06-01']);
    expect(seeds.filter((seed) => seed.customerGroup === 'household').at(-1)?.waterPriceGroszePerM3).toBe(
      605,
    );
  });

  it('parses the seed command line', () => {
    expect(parseSeedArguments(['--customers', '500', '--years', '2', '--random-seed', '9'])).toEqual({
      customers: 500,
      years: 2,
      randomSeed: 9,
      today: undefined,
    });
    expect(() => parseSeedArguments(['--customers', 'many'])).toThrow(/whole number/);
    expect(() => parseSeedArguments(['--colour', 'blue'])).toThrow(/unknown option/);
  });
});

describe('generated meter histories', () => {
  const day = (offset: number) => fromDayNumber(toDayNumber('2026-01-01' as CalendarDate) + offset);

  it('are consistent for any seed, position, date and length of history', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 5000 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 1, max: 8 }),
        (randomSeed, index, todayOffset, years) => {
          const today = day(todayOffset);
          const plan = seedPlan({ randomSeed, years, today });
          const customer = generateCustomer(plan, index);
          for (const kind of ['main', 'sub'] as const) {
            const meters = customer.meters.filter((meter) => meter.kind === kind);
            if (kind === 'main') expect(meters.length).toBeGreaterThan(0);
            meters.forEach((meter, position) => {
              const next = meters[position + 1];
              // Each replacement hands over on one day; only the last meter is still in service.
              expect(meter.removedOn).toBe(next ? next.installedOn : null);
              expect(meter.legalizationYear).toBeLessThanOrEqual(Number(meter.installedOn.slice(0, 4)));
              expect(compareDates(meter.installedOn, plan.window.lastReadingDate)).toBeLessThanOrEqual(0);
              expect(meter.readings.length).toBeGreaterThan(0);
              for (let reading = 1; reading < meter.readings.length; reading += 1) {
                const [before, after] = [meter.readings[reading - 1]!, meter.readings[reading]!];
                expect(compareDates(before.readOn, after.readOn)).toBe(-1);
                expect(after.valueLitres).toBeGreaterThanOrEqual(before.valueLitres);
              }
              const last = meter.readings.at(-1)!;
              expect(compareDates(last.readOn, today)).toBe(-1);
              if (meter.removedOn !== null)
                expect(last).toEqual({ readOn: meter.removedOn, valueLitres: meter.removalReadingLitres });
              if (compareDates(meter.installedOn, addDays(plan.window.start, -1)) >= 0) {
                expect(meter.readings[0]).toEqual({ readOn: meter.installedOn, valueLitres: 0 });
              }
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
