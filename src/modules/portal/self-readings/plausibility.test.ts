import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../domain/index.ts';
import { cycleSpan } from '../../billing/cycle.ts';
import { checkPlausibility } from './plausibility.ts';
import { billingPeriodOf } from './service.ts';

const date = (value: string) => calendarDate(value);

describe('self-reading plausibility', () => {
  const baseline = { date: date('2026-10-31'), valueLitres: 100_000 };
  const yearAgo = { date: date('2025-10-31'), valueLitres: 100_000 - 365 * 150 };

  it('accepts use close to the history without reasons', () => {
    const result = checkPlausibility({ baseline, yearAgo, date: date('2026-11-20'), valueLitres: 103_000 });
    expect(result).toMatchObject({
      consumptionLitres: 3000,
      days: 20,
      impliedDailyLitres: 150,
      averageDailyLitres: 150,
      reasons: [],
    });
  });

  it('flags more than five times the 12-month average', () => {
    const result = checkPlausibility({
      baseline,
      yearAgo,
      date: date('2026-11-20'),
      valueLitres: 100_000 + 20 * 800,
    });
    expect(result.reasons.map((reason) => reason.code)).toEqual(['above_average_multiple']);
    expect(result.reasons[0]!.text.pl).toContain('0,800 m³ na dobę');
  });

  it('flags more than 10 m³ a day even without history', () => {
    const result = checkPlausibility({
      baseline,
      yearAgo: null,
      date: date('2026-11-01'),
      valueLitres: 110_001,
    });
    expect(result.averageDailyLitres).toBeNull();
    expect(result.reasons.map((reason) => reason.code)).toEqual(['above_daily_limit']);
  });
});

describe('billing period of a self-reading', () => {
  it('is the month for a monthly cycle and the cycle for longer ones, across the year end', () => {
    expect(billingPeriodOf(date('2026-11-20'), 1, 0)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(billingPeriodOf(date('2026-11-20'), 2, 0)).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(billingPeriodOf(date('2026-12-20'), 3, 1)).toEqual(cycleSpan(3, { year: 2027, month: 1 }));
  });
});
