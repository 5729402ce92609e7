import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grosze } from '../money.ts';
import { formatVatRate, totalsOf, vatForNet, vatSummary } from './vat.ts';

describe('VAT', () => {
  it('rounds half-up once per rate', () => {
    expect(vatForNet(grosze(10_000), 800)).toBe(800);
    expect(vatForNet(grosze(1_206), 800)).toBe(96); // 96.48
    expect(vatForNet(grosze(1_256), 800)).toBe(100); // 100.48
    expect(vatForNet(grosze(1_275), 800)).toBe(102); // 102.0
    expect(vatForNet(grosze(1_269), 800)).toBe(102); // 101.52
    expect(vatForNet(grosze(-1_269), 800)).toBe(-102);
    expect(vatForNet(grosze(625), 800)).toBe(50);
    expect(vatForNet(grosze(1_000), 2300)).toBe(230);
  });

  it('sums net per rate before computing tax (not per line)', () => {
    const lines = [
      { netValue: grosze(6), vatRateBasisPoints: 800 }, // 0.48 alone would round to 0
      { netValue: grosze(6), vatRateBasisPoints: 800 },
      { netValue: grosze(1_000), vatRateBasisPoints: 2300 },
    ];
    const summary = vatSummary(lines);
    expect(summary).toEqual([
      { vatRateBasisPoints: 2300, net: 1_000, vat: 230, gross: 1_230 },
      { vatRateBasisPoints: 800, net: 12, vat: 1, gross: 13 },
    ]);
    expect(totalsOf(summary)).toEqual({ net: 1_012, vat: 231, gross: 1_243 });
  });

  it('keeps VAT within half a grosz of rate × net, per rate (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            netValue: fc.integer({ min: -1_000_000, max: 1_000_000 }),
            vatRateBasisPoints: fc.constantFrom(0, 500, 800, 2300),
          }),
          {
            maxLength: 12,
          },
        ),
        (raw) => {
          const lines = raw.map((line) => ({ ...line, netValue: grosze(line.netValue) }));
          const summary = vatSummary(lines);
          for (const row of summary) {
            const net = lines
              .filter((line) => line.vatRateBasisPoints === row.vatRateBasisPoints)
              .reduce((sum, line) => sum + line.netValue, 0);
            expect(row.net).toBe(net);
            expect(Math.abs(row.vat * 10_000 - net * row.vatRateBasisPoints)).toBeLessThanOrEqual(5_000);
            expect(row.gross).toBe(row.net + row.vat);
          }
          const totals = totalsOf(summary);
          expect(totals.net).toBe(lines.reduce((sum, line) => sum + line.netValue, 0));
          expect(totals.gross).toBe(totals.net + totals.vat);
        },
      ),
    );
  });

  it('prints rates', () => {
    expect(formatVatRate(800, 'pl')).toBe('8%');
    expect(formatVatRate(850, 'pl')).toBe('8,5%');
    expect(formatVatRate(850, 'en')).toBe('8.5%');
  });
});
