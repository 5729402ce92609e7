import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateCorrection } from './correction.ts';
import { calculateInvoice, type InvoiceInput } from './invoice.ts';
import { buildMeter, buildReading, buildTariff, date } from './test-factories.ts';

const tariffs = [
  buildTariff('2024-06-01', { water: 582, sewage: 699, subscription: 450 }),
  buildTariff('2026-02-15', { water: 610, sewage: 725, subscription: 480, vat: 500 }),
];

function input(
  closingLitres: number,
  extra: InvoiceInput['readings'] = [],
  tariffList = tariffs,
): InvoiceInput {
  return {
    period: { from: date('2026-01-01'), to: date('2026-03-31') },
    customerGroup: 'household',
    meters: [buildMeter({ id: 'M1' })],
    readings: [
      buildReading('M1', '2025-12-31', 100_000, { id: 'open' }),
      buildReading('M1', '2026-03-31', closingLitres, { id: 'close' }),
      ...extra,
    ],
    tariffs: tariffList,
  };
}

describe('calculateCorrection', () => {
  it('requires a reason', () => {
    expect(() =>
      calculateCorrection({
        correctedInvoiceNumber: 'FV/2026/04/000001',
        reason: ' ',
        original: [],
        corrected: [],
      }),
    ).toThrow(/reason/);
  });

  it('shows lines that appear or disappear with empty before/after', () => {
    const original = calculateInvoice(input(110_000));
    const withoutSewage = calculateInvoice({ ...input(110_000), services: { water: true, sewage: false } });
    const correction = calculateCorrection({
      correctedInvoiceNumber: 'FV/2026/04/000001',
      reason: 'Umowa nie obejmuje odprowadzania ścieków',
      original: original.lines,
      corrected: withoutSewage.lines,
    });
    const sewage = correction.lines.filter((line) => line.kind === 'sewage');
    expect(sewage.length).toBe(2);
    expect(
      sewage.every(
        (line) => line.after === null && line.difference.netValue + (line.before?.netValue ?? 0) === 0,
      ),
    ).toBe(true);
  });

  it('brings the totals to what a correct first invoice would have given (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.boolean(),
        (wrong, right, changeTariff) => {
          const original = calculateInvoice(input(wrong));
          const correctedInput = input(
            wrong,
            [buildReading('M1', '2026-03-31', right, { id: 'fixed', supersedesId: 'close' })],
            changeTariff ? tariffs.slice(0, 1) : tariffs,
          );
          const corrected = calculateInvoice(correctedInput);
          const correction = calculateCorrection({
            correctedInvoiceNumber: 'FV/2026/04/000001',
            reason: 'Błędny odczyt',
            original: original.lines,
            corrected: corrected.lines,
          });
          expect(correction.totalsBefore).toEqual(original.totals);
          expect(correction.totalsAfter).toEqual(corrected.totals);
          for (const key of ['net', 'vat', 'gross'] as const) {
            expect(original.totals[key] + correction.totalsDifference[key]).toBe(corrected.totals[key]);
          }
          for (const row of correction.vatSummaryDifference) {
            const before = original.vatSummary.find(
              (other) => other.vatRateBasisPoints === row.vatRateBasisPoints,
            );
            const after = corrected.vatSummary.find(
              (other) => other.vatRateBasisPoints === row.vatRateBasisPoints,
            );
            expect((before?.vat ?? 0) + row.vat).toBe(after?.vat ?? 0);
            const lineNet = correction.lines
              .filter((line) => line.vatRateBasisPoints === row.vatRateBasisPoints)
              .reduce((sum, line) => sum + line.difference.netValue, 0);
            expect(lineNet).toBe(row.net);
          }
        },
      ),
    );
  });
});
