import { describe, expect, it } from 'vitest';
import { parseTypedDate, typedDateOf } from './typed-date.ts';

describe('dates typed as dd.mm.rrrr', () => {
  it('reads the printed format and the separators phone keypads offer', () => {
    expect(parseTypedDate('26.11.2026')).toBe('2026-11-26');
    expect(parseTypedDate(' 1.2.2025 ')).toBe('2025-02-01');
    expect(parseTypedDate('01,02,2025')).toBe('2025-02-01');
    expect(parseTypedDate('01/02/2025')).toBe('2025-02-01');
    expect(parseTypedDate('01-02-2025')).toBe('2025-02-01');
    expect(parseTypedDate('01022025')).toBe('2025-02-01');
    expect(parseTypedDate('2025-02-01')).toBe('2025-02-01');
  });

  it('knows month lengths and leap years', () => {
    expect(parseTypedDate('29.02.2024')).toBe('2024-02-29');
    expect(parseTypedDate('29.02.2026')).toBeNull();
    expect(parseTypedDate('31.04.2026')).toBeNull();
    expect(parseTypedDate('31.12.2026')).toBe('2026-12-31');
  });

  it('refuses what is not a date', () => {
    for (const text of [
      '',
      '26.11',
      '26.11.26',
      '00.11.2026',
      '26.13.2026',
      '2026-13-01',
      'jutro',
      '1.1.1899',
    ]) {
      expect(parseTypedDate(text), text).toBeNull();
    }
  });

  it('prints ISO days back in the same format', () => {
    expect(typedDateOf('2026-11-05')).toBe('05.11.2026');
    expect(typedDateOf(undefined)).toBe('');
    expect(typedDateOf('05.11.2026')).toBe('05.11.2026');
  });
});
