import { describe, expect, it } from 'vitest';
import type { MeterMeasurement } from './consumption.ts';
import { gardenDeduction, sewageVolumes } from './sewage.ts';
import { buildMeter, buildReading, date } from './test-factories.ts';

const measured = (litres: number): MeterMeasurement => ({
  meter: buildMeter({ id: 'G1', role: 'garden' }),
  opening: buildReading('G1', '2025-12-31', 0),
  closing: buildReading('G1', '2026-03-31', litres),
  litres,
  rolledOver: false,
});

describe('gardenDeduction', () => {
  it('deducts only legalized, read sub-meters', () => {
    const result = gardenDeduction(
      [
        { meterId: 'G1', measurement: measured(1_000), expiry: date('2026-03-31'), removedOn: null },
        { meterId: 'G2', measurement: measured(5_000), expiry: date('2026-03-30'), removedOn: null },
        { meterId: 'G3', measurement: null, expiry: date('2030-12-31'), removedOn: null },
        {
          meterId: 'G4',
          measurement: measured(300),
          expiry: date('2026-02-01'),
          removedOn: date('2026-02-01'),
        },
      ],
      date('2026-03-31'),
    );
    expect(result.litres).toBe(1_300);
    expect(result.notes.map((note) => note.code)).toEqual([
      'garden_deducted',
      'garden_legalization_expired',
      'garden_not_read',
      'garden_deducted',
    ]);
    expect(result.notes[1]?.pl).toContain('30.03.2026');
  });
});

describe('sewageVolumes', () => {
  it('is never negative and lets an excess deduction reduce the settled past', () => {
    expect(sewageVolumes(0, 10_000, 4_000)).toEqual({ pastLitres: 0, currentLitres: 6_000, limited: false });
    expect(sewageVolumes(0, 1_000, 1_500)).toEqual({ pastLitres: 0, currentLitres: 0, limited: true });
    expect(sewageVolumes(5_000, 1_000, 1_500)).toEqual({
      pastLitres: 4_500,
      currentLitres: 0,
      limited: false,
    });
  });
});
