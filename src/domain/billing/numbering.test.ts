import { describe, expect, it } from 'vitest';
import {
  formatInvoiceNumber,
  isValidInvoiceNumber,
  numberingKey,
  parseInvoiceNumber,
  sequenceProblems,
} from './numbering.ts';

describe('invoice numbering', () => {
  it('formats and parses', () => {
    expect(formatInvoiceNumber('FV', 2026, 11, 123)).toBe('FV/2026/11/000123');
    expect(formatInvoiceNumber('KOR', 2026, 11, 1)).toBe('KOR/2026/11/000001');
    expect(parseInvoiceNumber('FV/2026/11/000123')).toEqual({
      series: 'FV',
      year: 2026,
      month: 11,
      sequence: 123,
    });
    expect(numberingKey('FV', 2026, 3)).toBe('FV/2026/03');
  });

  it('rejects malformed numbers and parts', () => {
    for (const text of [
      'FV/2026/13/000001',
      'FV/2026/11/000000',
      'fv/2026/11/000001',
      'FV/2026/11/123',
      'FV-2026-11-000001',
      '',
    ]) {
      expect(isValidInvoiceNumber(text)).toBe(false);
    }
    expect(() => formatInvoiceNumber('FV', 2026, 11, 1_000_000)).toThrow(/Sequence/);
    expect(() => formatInvoiceNumber('F/V', 2026, 11, 1)).toThrow(/Series/);
    expect(() => parseInvoiceNumber('nonsense')).toThrow(/not an invoice number/);
  });

  it('finds gaps and duplicates', () => {
    expect(sequenceProblems([1, 2, 3])).toEqual({ missing: [], duplicates: [] });
    expect(sequenceProblems([1, 3, 3, 5])).toEqual({ missing: [2, 4], duplicates: [3] });
    expect(sequenceProblems([])).toEqual({ missing: [], duplicates: [] });
  });
});
