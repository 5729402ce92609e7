import { describe, expect, it } from 'vitest';
import { formatCubicMetres, parseCubicMetres } from './volume.ts';

describe('volumes', () => {
  it('parses m³ with up to three decimals into litres', () => {
    expect(parseCubicMetres('12,345')).toBe(12_345);
    expect(parseCubicMetres('12.3')).toBe(12_300);
    expect(parseCubicMetres('7')).toBe(7_000);
    expect(parseCubicMetres('-0,005')).toBe(-5);
    for (const bad of ['12,3456', '1 000', 'abc', ''])
      expect(() => parseCubicMetres(bad)).toThrow(/Invalid volume/);
  });

  it('formats litres as m³', () => {
    expect(formatCubicMetres(12_345, 'pl')).toBe('12,345\u00a0m³');
    expect(formatCubicMetres(5, 'en')).toBe('0.005\u00a0m³');
    expect(formatCubicMetres(-1_500, 'pl')).toBe('-1,500\u00a0m³');
  });
});
