import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysInclusive, fromDayNumber, toDayNumber } from '../dates.ts';
import { multiplyRoundHalfUp } from '../money.ts';
import { calculateInvoice, type InvoiceInput } from './invoice.ts';
import { buildMeter, buildReading, buildTariff, date } from './test-factories.ts';

const tariffs = [
  buildTariff('2024-06-01', { water: 582, sewage: 699, subscription: 450 }),
  buildTariff('2026-07-01', { water: 610, sewage: 725, subscription: 480 }),
];

function quarter(closing: number | null): InvoiceInput {
  return {
    period: { from: date('2026-01-01'), to: date('2026-03-31') },
    customerGroup: 'household',
    meters: [buildMeter({ id: 'M1' })],
    readings: [
      buildReading('M1', '2025-12-31', 10_000),
      ...(closing === null ? [] : [buildReading('M1', '2026-03-31', closing)]),
    ],
    tariffs,
  };
}

describe('calculateInvoice', () => {
  it('reports the readings used and what is left to settle', () => {
    const invoice = calculateInvoice(quarter(12_000));
    expect(invoice.readings).toEqual([
      {
        meterId: 'M1',
        role: 'main',
        previous: { date: '2025-12-31', valueLitres: 10_000 },
        current: { date: '2026-03-31', valueLitres: 12_000 },
        consumptionLitres: 2_000,
        estimated: false,
      },
    ]);
    expect(invoice.billedEstimate).toBeNull();
    expect(invoice.volumes).toMatchObject({ waterLitres: 2_000, sewageLitres: 2_000, waterTrueUpLitres: 0 });
  });

  it('bills only the contracted services', () => {
    const waterOnly = calculateInvoice({ ...quarter(12_000), services: { water: true, sewage: false } });
    expect(waterOnly.lines.map((line) => line.kind)).toEqual(['water', 'subscription']);
    expect(waterOnly.volumes.sewageLitres).toBe(0);
  });

  it('refuses inputs that cannot be billed, with a clear code', () => {
    const codeOf = (input: InvoiceInput): string | undefined => {
      try {
        calculateInvoice(input);
        return undefined;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(codeOf({ ...quarter(5_000) })).toBe('reading_decreased');
    expect(
      codeOf({
        ...quarter(12_000),
        tariffs: [buildTariff('2026-02-01', { water: 1, sewage: 1, subscription: 1 })],
      }),
    ).toBe('no_tariff');
    expect(codeOf({ ...quarter(null), readings: [buildReading('M1', '2025-12-31', 1)] })).toBe(
      'estimate_needs_norm',
    );
    expect(codeOf({ ...quarter(12_000), meters: [] })).toBe('no_main_meter');
    expect(codeOf({ ...quarter(12_000), period: { from: date('2026-03-31'), to: date('2026-01-01') } })).toBe(
      'invalid_period',
    );
  });

  it('estimates with history and prints the reason in both languages', () => {
    const input = quarter(null);
    const invoice = calculateInvoice({
      ...input,
      readings: [buildReading('M1', '2025-09-30', 0), ...input.readings],
    });
    // 10 000 L in 92 days; 90 days → 9782.6 → 9783 L
    expect(invoice.volumes.waterLitres).toBe(9_783);
    expect(invoice.billedEstimate).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      waterLitres: 9_783,
      sewageLitres: 9_783,
    });
    expect(invoice.lines[0]?.estimated).toBe(true);
    expect(invoice.notes[0]?.pl).toContain('oszacowano');
    expect(invoice.notes[0]?.en).toContain('estimated');
  });
});

/** A random household service point: one main meter, maybe a garden sub-meter, one to three tariff versions. */
const servicePoint = fc
  .record({
    startDay: fc.integer({ min: toDayNumber(date('2025-01-01')), max: toDayNumber(date('2027-06-30')) }),
    length: fc.integer({ min: 1, max: 200 }),
    opening: fc.integer({ min: 0, max: 90_000_000 }),
    consumption: fc.integer({ min: 0, max: 2_000_000 }),
    garden: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
    gardenValid: fc.boolean(),
    prices: fc.array(
      fc.record({
        offset: fc.integer({ min: 1, max: 200 }),
        water: fc.integer({ min: 0, max: 3_000 }),
        sewage: fc.integer({ min: 0, max: 3_000 }),
        subscription: fc.integer({ min: 0, max: 5_000 }),
        vat: fc.constantFrom(0, 500, 800, 2300),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((spec): InvoiceInput => {
    const from = fromDayNumber(spec.startDay);
    const to = addDays(from, spec.length - 1);
    const opening = addDays(from, -1);
    const versions = spec.prices.map((price, index) =>
      buildTariff(index === 0 ? '2024-01-01' : addDays(from, price.offset), price),
    );
    const unique = versions.filter(
      (version, index) => versions.findIndex((other) => other.validFrom === version.validFrom) === index,
    );
    return {
      period: { from, to },
      customerGroup: 'household',
      meters: [
        buildMeter({ id: 'M1' }),
        ...(spec.garden === null
          ? []
          : [
              buildMeter({
                id: 'G1',
                role: 'garden',
                legalizationExpiry: date(spec.gardenValid ? '2099-12-31' : '2024-12-31'),
              }),
            ]),
      ],
      readings: [
        buildReading('M1', opening, spec.opening),
        buildReading('M1', to, (spec.opening + spec.consumption) % 100_000_000),
        ...(spec.garden === null
          ? []
          : [buildReading('G1', opening, 0), buildReading('G1', to, spec.garden)]),
      ],
      tariffs: unique,
    };
  });

describe('invoice properties', () => {
  it('re-derives every line and total from the lines', () => {
    fc.assert(
      fc.property(servicePoint, (input) => {
        const invoice = calculateInvoice(input);
        for (const line of invoice.lines) {
          expect(line.netValue).toBe(multiplyRoundHalfUp(line.unitNetPrice, line.quantityThousandths, 1000));
        }
        const net = invoice.lines.reduce((sum, line) => sum + line.netValue, 0);
        expect(invoice.totals.net).toBe(net);
        expect(invoice.totals.gross).toBe(invoice.totals.net + invoice.totals.vat);
        expect(invoice.totals.vat).toBe(invoice.vatSummary.reduce((sum, row) => sum + row.vat, 0));
        for (const row of invoice.vatSummary) {
          const rateNet = invoice.lines
            .filter((line) => line.vatRateBasisPoints === row.vatRateBasisPoints)
            .reduce((sum, line) => sum + line.netValue, 0);
          expect(row.net).toBe(rateNet);
          expect(Math.abs(row.vat * 10_000 - rateNet * row.vatRateBasisPoints)).toBeLessThanOrEqual(5_000);
        }
      }),
    );
  });

  it('bills exactly the measured litres across tariff segments, sewage never negative', () => {
    fc.assert(
      fc.property(servicePoint, (input) => {
        const invoice = calculateInvoice(input);
        const litres = (kind: string): number =>
          invoice.lines
            .filter((line) => line.kind === kind)
            .reduce((sum, line) => sum + line.quantityThousandths, 0);
        expect(litres('water')).toBe(invoice.volumes.waterLitres);
        expect(litres('sewage')).toBe(invoice.volumes.sewageLitres);
        expect(invoice.volumes.sewageLitres).toBeGreaterThanOrEqual(0);
        expect(invoice.volumes.sewageLitres).toBeLessThanOrEqual(invoice.volumes.waterLitres);
        const months = litres('subscription');
        expect(months).toBeGreaterThan(0);
        expect(months).toBeLessThanOrEqual(
          Math.ceil((daysInclusive(input.period.from, input.period.to) / 28) * 1000),
        );
      }),
    );
  });

  it('over an estimate and its true-up, bills exactly what the meter measured', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 1, max: 400_000 }),
        fc.integer({ min: 0, max: 800_000 }),
        (historyLitres, normLitresPerDay, actualLitres) => {
          const readings = [
            buildReading('M1', '2025-12-31', 1_000_000),
            buildReading('M1', '2026-03-31', 1_000_000 + historyLitres),
          ];
          const base = {
            customerGroup: 'household' as const,
            meters: [buildMeter({ id: 'M1' })],
            tariffs,
            estimation: { normLitresPerDay },
          };
          const estimated = calculateInvoice({
            ...base,
            period: { from: date('2026-04-01'), to: date('2026-06-30') },
            readings,
          });
          expect(estimated.estimated).toBe(true);
          const settledEstimate = estimated.billedEstimate;
          if (!settledEstimate) throw new Error('expected an estimate');
          const actual = calculateInvoice({
            ...base,
            period: { from: date('2026-07-01'), to: date('2026-09-30') },
            readings: [
              ...readings,
              buildReading('M1', '2026-09-30', 1_000_000 + historyLitres + actualLitres),
            ],
            billedEstimates: [settledEstimate],
          });
          const billed =
            estimated.volumes.waterLitres + actual.volumes.waterLitres + actual.volumes.waterTrueUpLitres;
          expect(billed).toBe(actualLitres);
          const sewage =
            estimated.volumes.sewageLitres + actual.volumes.sewageLitres + actual.volumes.sewageTrueUpLitres;
          expect(sewage).toBe(actualLitres);
        },
      ),
    );
  });
});

describe('garden sub-meter problems never block the invoice', () => {
  it('deducts nothing from an unread sub-meter and says why', () => {
    const base = {
      period: { from: date('2026-01-01'), to: date('2026-03-31') },
      customerGroup: 'household' as const,
      tariffs,
      readings: [buildReading('M1', '2025-12-31', 10_000), buildReading('M1', '2026-03-31', 12_000)],
    };
    const withoutReadings = calculateInvoice({
      ...base,
      meters: [buildMeter({ id: 'M1' }), buildMeter({ id: 'G1', role: 'garden' })],
    });
    expect(withoutReadings.volumes.sewageLitres).toBe(2_000);
    expect(withoutReadings.notes.map((note) => note.code)).toEqual(['garden_not_read']);
    expect(withoutReadings.readings.map((reading) => reading.meterId)).toEqual(['M1']);
    const brokenGarden = calculateInvoice({
      ...base,
      meters: [
        buildMeter({ id: 'M1' }),
        buildMeter({ id: 'G1', role: 'garden', removedOn: date('2026-02-01') }),
      ],
      readings: [...base.readings, buildReading('G1', '2025-12-31', 0)],
    });
    expect(brokenGarden.volumes.sewageLitres).toBe(2_000);
  });
});
