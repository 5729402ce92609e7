import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, fromDayNumber, toDayNumber } from './dates.ts';
import {
  completeNip,
  formatNip,
  generatePesel,
  isValidNip,
  isValidPesel,
  maskPesel,
  normalizeNip,
  peselBirthDate,
  peselSex,
} from './identifiers.ts';

describe('PESEL', () => {
  it('validates checksum and encoded birth date', () => {
    expect(isValidPesel('44051401359')).toBe(true);
    expect(isValidPesel('44051401358')).toBe(false);
    expect(isValidPesel('4405140135')).toBe(false);
    expect(isValidPesel('44053201350')).toBe(false); // 32nd of May does not exist
    expect(peselBirthDate('44051401359')).toBe('1944-05-14');
    expect(peselBirthDate('02270803624')).toBe('2002-07-08');
  });

  it('generates valid numbers carrying the birth date and sex (property)', () => {
    const first = toDayNumber(calendarDate('1850-01-01'));
    const last = toDayNumber(calendarDate('2250-12-31'));
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.integer({ min: 0, max: 4999 }),
        fc.constantFrom('female' as const, 'male' as const),
        (dayNumber, serial, sex) => {
          const birthDate = fromDayNumber(dayNumber);
          const pesel = generatePesel(birthDate, serial, sex);
          expect(isValidPesel(pesel)).toBe(true);
          expect(peselBirthDate(pesel)).toBe(birthDate);
          expect(peselSex(pesel)).toBe(sex);
        },
      ),
    );
  });

  it('rejects serials out of range and masks all but the last four digits', () => {
    expect(() => generatePesel(calendarDate('1990-01-01'), 5000, 'male')).toThrow(/0..4999/);
    expect(maskPesel('44051401359')).toBe('*******1359');
  });
});

describe('NIP', () => {
  it('normalizes and validates', () => {
    expect(normalizeNip('PL 123-456-32-18')).toBe('1234563218');
    expect(isValidNip('1234563218')).toBe(true);
    expect(isValidNip('123-456-32-18')).toBe(true);
    expect(isValidNip('PL1234563218')).toBe(true);
    expect(isValidNip('1234563219')).toBe(false);
    expect(isValidNip('123456321')).toBe(false);
    expect(formatNip('1234563218')).toBe('123-456-32-18');
  });

  it('completes nine digits or reports that no check digit exists', () => {
    expect(completeNip('123456321')).toBe('1234563218');
    expect(completeNip('000000003')).toBeNull(); // 7 × 3 = 21, remainder 10
  });

  it('completed numbers are always valid (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (prefix) => {
        const nip = completeNip(prefix);
        if (nip !== null) expect(isValidNip(nip)).toBe(true);
        else
          for (let digit = 0; digit <= 9; digit += 1) expect(isValidNip(prefix + String(digit))).toBe(false);
      }),
    );
  });
});
