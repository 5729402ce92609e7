import { describe, expect, it } from 'vitest';
import { languageFromHeader } from './language.ts';

describe('language from Accept-Language', () => {
  it.each([
    [undefined, 'pl'],
    ['', 'pl'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7', 'pl'],
    ['de-DE,de;q=0.9,en;q=0.8', 'en'],
    ['de-DE,fr;q=0.9', 'pl'],
    ['pl;q=0.5, en;q=0.8', 'en'],
    ['en;q=0, pl;q=0.1', 'pl'],
    ['EN-us', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });
});
