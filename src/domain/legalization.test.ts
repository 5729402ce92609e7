import { describe, expect, it } from 'vitest';
import { calendarDate } from './dates.ts';
import { isLegalizationValidOn, legalizationExpiry, legalizationStatus } from './legalization.ts';

const d = calendarDate;

describe('legalization', () => {
  it('runs from 1 January of the following year', () => {
    expect(legalizationExpiry(2021)).toBe('2026-12-31');
    expect(legalizationExpiry(2021, 10)).toBe('2031-12-31');
    expect(() => legalizationExpiry(2021, 0)).toThrow(/positive/);
    expect(() => legalizationExpiry(20.5)).toThrow(/year/);
  });

  it('is valid through the expiry day', () => {
    expect(isLegalizationValidOn(d('2026-12-31'), d('2026-12-31'))).toBe(true);
    expect(isLegalizationValidOn(d('2026-12-31'), d('2027-01-01'))).toBe(false);
  });

  it('warns within the warning window', () => {
    const expiry = legalizationExpiry(2021);
    expect(legalizationStatus(expiry, d('2026-01-01'))).toBe('valid');
    expect(legalizationStatus(expiry, d('2026-10-01'))).toBe('valid'); // 91 days before
    expect(legalizationStatus(expiry, d('2026-10-02'))).toBe('expiring'); // 90 days before
    expect(legalizationStatus(expiry, d('2026-12-31'))).toBe('expiring');
    expect(legalizationStatus(expiry, d('2027-01-01'))).toBe('expired');
    expect(legalizationStatus(expiry, d('2026-06-01'), 365)).toBe('expiring');
  });
});
