import { DomainError } from './errors.ts';

/**
 * Volumes are integer litres: water meters show m³ with three decimals, so a litre is the smallest unit
 * anybody reads off a register and integer litres keep every sum exact.
 */

const VOLUME_PATTERN = /^(-)?(\d+)(?:[.,](\d{1,3}))?$/;

/** "12,345" or "12.345" m³ → 12345 L. More than three decimals is rejected, not rounded. */
export function parseCubicMetres(input: string): number {
  const match = VOLUME_PATTERN.exec(input.trim());
  if (!match) {
    throw new DomainError(
      'invalid_volume_format',
      `Invalid volume "${input}": expected m³ with at most three decimals, e.g. 123,456`,
      { input },
    );
  }
  const [, minus, whole = '0', fraction = ''] = match;
  const litres = Number(whole) * 1000 + Number(fraction.padEnd(3, '0') || '0');
  if (!Number.isSafeInteger(litres))
    throw new DomainError('invalid_volume', `Volume "${input}" is too large`);
  return minus ? -litres : litres;
}

/** 12345 L → "12,345 m³" (pl) or "12.345 m³" (en); no-break space so the unit never wraps away. */
export function formatCubicMetres(litres: number, locale: 'pl' | 'en'): string {
  const sign = litres < 0 ? '-' : '';
  const absolute = Math.abs(litres);
  const separator = locale === 'pl' ? ',' : '.';
  return `${sign}${Math.floor(absolute / 1000)}${separator}${String(absolute % 1000).padStart(3, '0')}\u00a0m³`;
}
