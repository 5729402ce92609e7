import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, fromDayNumber, toDayNumber } from '../../../domain/index.ts';
import { coveredDays, dayRange, litresWithin, monthSlots } from './distribute.ts';
import { mergeRanges, monthlyVolumes, type PointConsumption } from './service.ts';

const date = (value: string) => calendarDate(value);
const interval = (from: string, to: string, litres: number) => ({ from: date(from), to: date(to), litres });

describe('spreading consumption over months', () => {
  it('spreads an interval evenly by days: 31 days of January and 28 of February', () => {
    const reading = interval('2025-12-31', '2026-02-28', 5900);
    expect(litresWithin(reading, dayRange(date('2026-01-01'), date('2026-01-31')))).toBe(3100);
    expect(litresWithin(reading, dayRange(date('2026-02-01'), date('2026-02-28')))).toBe(2800);
    // The day of the earlier reading belongs to the interval before it.
    expect(litresWithin(reading, dayRange(date('2025-12-31'), date('2025-12-31')))).toBe(0);
  });

  it('rounds cumulatively, so the parts always add up to the interval', () => {
    const reading = interval('2026-01-10', '2026-01-13', 100);
    const parts = ['2026-01-11', '2026-01-12', '2026-01-13'].map((day) =>
      litresWithin(reading, dayRange(date(day), date(day))),
    );
    expect(parts).toEqual([33, 34, 33]);
  });

  it('never loses or creates a litre, however the period is cut into months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber(date('2019-01-01')), max: toDayNumber(date('2030-01-01')) }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (start, length, litres) => {
          const from = fromDayNumber(start);
          const to = fromDayNumber(start + length);
          const slots = monthSlots(addDays(from, -40), addDays(to, 40));
          const total = slots.reduce((sum, slot) => sum + litresWithin({ from, to, litres }, slot.range), 0);
          expect(total).toBe(litres);
        },
      ),
    );
  });

  it('cuts the first and last month to the period', () => {
    expect(
      monthSlots(date('2026-01-15'), date('2026-03-10')).map((slot) => [slot.month, slot.from, slot.to]),
    ).toEqual([
      ['2026-01', '2026-01-15', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-10'],
    ]);
  });

  it('counts covered days once when intervals meet or overlap', () => {
    const january = dayRange(date('2026-01-01'), date('2026-01-31'));
    expect(
      coveredDays(
        [interval('2025-12-31', '2026-01-10', 1), interval('2026-01-10', '2026-01-20', 1)],
        january,
      ),
    ).toBe(20);
    expect(
      coveredDays(
        [interval('2026-01-05', '2026-01-20', 1), interval('2026-01-10', '2026-01-15', 1)],
        january,
      ),
    ).toBe(15);
    expect(
      mergeRanges([
        { first: 10, last: 20 },
        { first: 1, last: 5 },
        { first: 6, last: 8 },
      ]),
    ).toEqual([
      { first: 1, last: 8 },
      { first: 10, last: 20 },
    ]);
  });
});

describe('monthly water and sewage', () => {
  const open = { first: toDayNumber(date('2020-01-01')), last: toDayNumber(date('2099-12-31')) };
  const point = (overrides: Partial<PointConsumption>): PointConsumption => ({
    windows: [open],
    sewageBilled: true,
    main: [interval('2026-03-31', '2026-04-30', 9000), interval('2026-04-30', '2026-05-31', 12_400)],
    sewageMeter: [],
    subMeters: [],
    ...overrides,
  });

  it('deducts a sub-meter from sewage only on the days its legalization was valid', () => {
    const sub = {
      intervals: [interval('2026-03-31', '2026-05-31', 6100)],
      legalizationExpiresOn: date('2026-04-30'),
    };
    const [april, may] = monthlyVolumes(
      [point({ subMeters: [sub] })],
      date('2026-04-01'),
      date('2026-05-31'),
    );
    expect(april).toMatchObject({
      waterLitres: 9000,
      subMeterLitres: 3000,
      sewageLitres: 6000,
      coveredDays: 30,
      averageDailyWaterLitres: 300,
    });
    // Expired on 30 April: May's garden water is no longer deducted.
    expect(may).toMatchObject({
      waterLitres: 12_400,
      subMeterLitres: 3100,
      sewageLitres: 12_400,
      averageDailyWaterLitres: 400,
    });
  });

  it('takes sewage from a sewage meter where one measures, and none for a water-only contract', () => {
    const [april] = monthlyVolumes(
      [point({ sewageMeter: [interval('2026-03-31', '2026-04-30', 7000)] })],
      date('2026-04-01'),
      date('2026-04-30'),
    );
    expect(april).toMatchObject({ waterLitres: 9000, sewageLitres: 7000 });
    const [waterOnly] = monthlyVolumes(
      [point({ sewageBilled: false })],
      date('2026-04-01'),
      date('2026-04-30'),
    );
    expect(waterOnly).toMatchObject({ waterLitres: 9000, sewageLitres: 0 });
  });

  it('counts only the days inside the customer’s contract', () => {
    const window = { first: toDayNumber(date('2026-04-16')), last: toDayNumber(date('2099-12-31')) };
    const [april] = monthlyVolumes([point({ windows: [window] })], date('2026-04-01'), date('2026-04-30'));
    expect(april).toMatchObject({ waterLitres: 4500, coveredDays: 15, days: 30 });
  });

  it('has no average for a month without readings on both sides', () => {
    const [june] = monthlyVolumes([point({})], date('2026-06-01'), date('2026-06-30'));
    expect(june).toMatchObject({ waterLitres: 0, coveredDays: 0, averageDailyWaterLitres: null });
  });
});
