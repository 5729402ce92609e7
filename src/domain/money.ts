import { DomainError } from './errors.ts';

/**
 * Money is an integer number of grosze (1 zł = 100 gr). The brand stops a plain number (litres, days,
 * basis points) from being passed where money is expected; the only ways in are `grosze()` and the
 * arithmetic helpers below, which keep the value a safe integer.
 */
export type Grosze = number & { readonly __brand: 'Grosze' };

export const ZERO_GROSZE = 0 as Grosze;

export function grosze(value: number): Grosze {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('invalid_money', `Money must be a safe integer number of grosze, got ${value}`, {
      value: String(value),
    });
  }
  // Normalise -0 so that equality checks and formatting never show "-0,00 zł".
  return (value === 0 ? 0 : value) as Grosze;
}

export function isGrosze(value: unknown): value is Grosze {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function addGrosze(left: Grosze, right: Grosze): Grosze {
  return grosze(left + right);
}

export function subtractGrosze(left: Grosze, right: Grosze): Grosze {
  return grosze(left - right);
}

export function negateGrosze(value: Grosze): Grosze {
  return grosze(0 - value);
}

export function sumGrosze(values: readonly Grosze[]): Grosze {
  let total = 0;
  for (const value of values) total = grosze(total + value);
  return grosze(total);
}

export function minGrosze(left: Grosze, right: Grosze): Grosze {
  return left <= right ? left : right;
}

/**
 * THE rounding rule for money (and for every other quantity the domain rounds): the exact rational
 * numerator/denominator rounded to the nearest integer, a tie (exactly .5) going away from zero
 * ("half-up" as taught in Polish schools and used by the VAT act's rounding of tax amounts).
 * Works on BigInt so no binary floating point ever touches an amount.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n)
    throw new DomainError('division_by_zero', 'Cannot round a ratio with denominator 0');
  const negative = numerator < 0n !== denominator < 0n;
  const absoluteNumerator = numerator < 0n ? -numerator : numerator;
  const absoluteDenominator = denominator < 0n ? -denominator : denominator;
  const quotient = absoluteNumerator / absoluteDenominator;
  const remainder = absoluteNumerator % absoluteDenominator;
  const rounded = remainder * 2n >= absoluteDenominator ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** round_half_up(value × multiplier / divisor) on exact integers; e.g. net = price × litres / 1000. */
export function multiplyRoundHalfUp(value: number, multiplier: number, divisor: number): number {
  for (const [name, operand] of [
    ['value', value],
    ['multiplier', multiplier],
    ['divisor', divisor],
  ] as const) {
    if (!Number.isSafeInteger(operand)) {
      throw new DomainError('invalid_operand', `${name} must be a safe integer, got ${operand}`);
    }
  }
  const result = roundHalfUp(BigInt(value) * BigInt(multiplier), BigInt(divisor));
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError('invalid_money', 'Result does not fit in a safe integer');
  }
  return Number(result);
}

/** Net value of a volume line: price in grosze per m³ × litres / 1000, rounded half-up once. */
export function netValueForVolume(priceGroszePerCubicMetre: Grosze, litres: number): Grosze {
  return grosze(multiplyRoundHalfUp(priceGroszePerCubicMetre, litres, 1000));
}

const NO_BREAK_SPACE = '\u00a0';

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Polish: "1 234,56 zł" with U+00A0 as thousands separator and before "zł" so the amount never wraps
 * across lines on an invoice. English: "PLN 1,234.56". Negative amounts carry a leading "-".
 */
export function formatMoney(value: Grosze, locale: 'pl' | 'en'): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(value);
  const whole = String(Math.floor(absolute / 100));
  const fraction = String(absolute % 100).padStart(2, '0');
  if (locale === 'pl') {
    return `${sign}${groupThousands(whole, NO_BREAK_SPACE)},${fraction}${NO_BREAK_SPACE}zł`;
  }
  return `${sign}PLN ${groupThousands(whole, ',')}.${fraction}`;
}

/** Plain decimal with a dot and two places ("1234.56"), for machine formats such as KSeF XML or CSV. */
export function formatMoneyDecimal(value: Grosze): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(value);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

const MONEY_PATTERN = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/;

/**
 * Strict parser for amounts typed by people or read from files: "12,34", "12.34", "12", "-0,5".
 * Thousands separators, currency symbols and more than two decimals are rejected rather than guessed,
 * because "1.234" could mean either 1,234 zł or 1.23 zł.
 */
export function parseMoney(input: string): Grosze {
  const text = input.trim();
  const match = MONEY_PATTERN.exec(text);
  if (!match) {
    throw new DomainError(
      'invalid_money_format',
      `Invalid amount "${input}": expected digits with an optional "," or "." and at most two decimals, e.g. 12,34`,
      { input },
    );
  }
  const [, minus, wholeDigits = '0', fractionDigits = ''] = match;
  const absolute = BigInt(wholeDigits) * 100n + BigInt(fractionDigits.padEnd(2, '0') || '0');
  if (absolute > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('invalid_money', `Amount "${input}" is too large`, { input });
  }
  return grosze(minus ? -Number(absolute) : Number(absolute));
}
