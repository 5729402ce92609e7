import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addGrosze,
  formatMoney,
  formatMoneyDecimal,
  grosze,
  multiplyRoundHalfUp,
  netValueForVolume,
  parseMoney,
  roundHalfUp,
  sumGrosze,
} from './money.ts';

const NBSP = '\u00a0';

describe('grosze', () => {
  it('accepts safe integers and rejects everything else', () => {
    expect(grosze(123)).toBe(123);
    expect(Object.is(grosze(-0), 0)).toBe(true);
    expect(() => grosze(1.5)).toThrow(/safe integer/);
    expect(() => grosze(Number.NaN)).toThrow();
    expect(() => grosze(2 ** 60)).toThrow();
  });

  it('adds and sums', () => {
    expect(addGrosze(grosze(5), grosze(-7))).toBe(-2);
    expect(sumGrosze([grosze(1), grosze(2), grosze(3)])).toBe(6);
    expect(sumGrosze([])).toBe(0);
  });
});

describe('roundHalfUp', () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [-5n, 10n, -1n],
    [-15n, 10n, -2n],
    [-14n, 10n, -1n],
    [5n, -10n, -1n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [0n, 7n, 0n],
  ])('%s / %s → %s', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is within half a unit of the exact ratio and symmetric around zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const rounded = roundHalfUp(n, d);
          const error = rounded * d - n; // |error| <= d/2
          expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
          expect(roundHalfUp(-n, d)).toBe(-rounded);
        },
      ),
    );
  });
});

describe('multiplyRoundHalfUp / netValueForVolume', () => {
  it('computes price × litres / 1000 exactly', () => {
    expect(netValueForVolume(grosze(582), 12_345)).toBe(7185); // 71.8479 → 71.85 zł
    expect(netValueForVolume(grosze(582), 1000)).toBe(582);
    expect(netValueForVolume(grosze(699), 500)).toBe(350); // 349.5 → 350
    expect(netValueForVolume(grosze(699), -500)).toBe(-350);
    expect(multiplyRoundHalfUp(1000, 800, 10_000)).toBe(80);
    expect(multiplyRoundHalfUp(6, 800, 10_000)).toBe(0); // 0.48
    expect(multiplyRoundHalfUp(7, 800, 10_000)).toBe(1); // 0.56
  });

  it('rejects fractional operands', () => {
    expect(() => multiplyRoundHalfUp(1.5, 1, 1)).toThrow(/safe integer/);
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, `1${NBSP}234,56${NBSP}zł`, 'PLN 1,234.56'],
    [-1200, `-12,00${NBSP}zł`, '-PLN 12.00'],
    [5, `0,05${NBSP}zł`, 'PLN 0.05'],
    [0, `0,00${NBSP}zł`, 'PLN 0.00'],
    [123456789, `1${NBSP}234${NBSP}567,89${NBSP}zł`, 'PLN 1,234,567.89'],
    [100000, `1${NBSP}000,00${NBSP}zł`, 'PLN 1,000.00'],
  ])('%i', (value, polish, english) => {
    expect(formatMoney(grosze(value), 'pl')).toBe(polish);
    expect(formatMoney(grosze(value), 'en')).toBe(english);
  });

  it('formats machine decimals', () => {
    expect(formatMoneyDecimal(grosze(-5))).toBe('-0.05');
    expect(formatMoneyDecimal(grosze(123456))).toBe('1234.56');
  });
});

describe('parseMoney', () => {
  it.each([
    ['12,34', 1234],
    ['12.34', 1234],
    ['12', 1200],
    ['12,3', 1230],
    [' -0,05 ', -5],
    ['0', 0],
  ])('%s → %i', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each(['', '12,345', '1 234,56', '12zł', 'abc', '1,2,3', '-', ',5', '1e3'])('rejects "%s"', (input) => {
    expect(() => parseMoney(input)).toThrow(/Invalid amount/);
  });

  it('round-trips through the machine decimal format', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (value) => {
        expect(parseMoney(formatMoneyDecimal(grosze(value)))).toBe(value);
      }),
    );
  });
});
