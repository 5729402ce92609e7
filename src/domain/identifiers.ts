import { dateParts, isValidCalendarDate, type CalendarDate } from './dates.ts';
import { DomainError } from './errors.ts';

/**
 * PESEL (personal id) and NIP (tax id) checks. They catch typos at data entry; the weights and century
 * encoding are those of the Polish population register (PESEL) and the NIP regulation.
 */

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/** Month offsets that encode the century in a PESEL: 1800s +80, 1900s +0, 2000s +20, 2100s +40, 2200s +60. */
const CENTURY_OFFSETS: ReadonlyArray<readonly [century: number, offset: number]> = [
  [1800, 80],
  [1900, 0],
  [2000, 20],
  [2100, 40],
  [2200, 60],
];

function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * Number(digits[index]), 0);
}

function peselCheckDigit(firstTen: string): number {
  return (10 - (weightedSum(firstTen, PESEL_WEIGHTS) % 10)) % 10;
}

/** The birth date encoded in a PESEL, or null when the date part does not name an existing day. */
export function peselBirthDate(pesel: string): CalendarDate | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  const yearInCentury = Number(pesel.slice(0, 2));
  const encodedMonth = Number(pesel.slice(2, 4));
  const day = Number(pesel.slice(4, 6));
  for (const [century, offset] of CENTURY_OFFSETS) {
    const month = encodedMonth - offset;
    if (month >= 1 && month <= 12) {
      const candidate = `${century + yearInCentury}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return isValidCalendarDate(candidate) ? candidate : null;
    }
  }
  return null;
}

export function isValidPesel(pesel: string): boolean {
  if (!/^\d{11}$/.test(pesel)) return false;
  if (peselBirthDate(pesel) === null) return false;
  return peselCheckDigit(pesel.slice(0, 10)) === Number(pesel[10]);
}

export type Sex = 'female' | 'male';

/**
 * A valid PESEL for demo data. `serial` (0..4999) fills the four digits before the check digit; the
 * last of them carries the sex (odd = male), so each birth date and sex has 5000 distinct numbers.
 */
export function generatePesel(birthDate: CalendarDate, serial: number, sex: Sex): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 4999) {
    throw new DomainError('invalid_serial', `PESEL serial must be an integer 0..4999, got ${serial}`);
  }
  const { year, month, day } = dateParts(birthDate);
  const century = Math.floor(year / 100) * 100;
  const entry = CENTURY_OFFSETS.find(([start]) => start === century);
  if (!entry) throw new DomainError('invalid_date', `PESEL cannot encode year ${year} (1800..2299 only)`);
  const firstSix =
    String(year % 100).padStart(2, '0') +
    String(month + entry[1]).padStart(2, '0') +
    String(day).padStart(2, '0');
  const firstTen = firstSix + String(serial * 2 + (sex === 'male' ? 1 : 0)).padStart(4, '0');
  return firstTen + String(peselCheckDigit(firstTen));
}

export function peselSex(pesel: string): Sex {
  return Number(pesel[9]) % 2 === 1 ? 'male' : 'female';
}

/** "*******1234": only the last four digits, enough for a person to recognise their own record. */
export function maskPesel(pesel: string): string {
  const visible = pesel.slice(-4);
  return '*'.repeat(Math.max(pesel.length - visible.length, 0)) + visible;
}

/** Removes spaces, dashes and an optional "PL" country prefix ("PL 123-456-32-18" → "1234563218"). */
export function normalizeNip(input: string): string {
  return input.replace(/[\s\u00a0-]/g, '').replace(/^PL/i, '');
}

export function isValidNip(input: string): boolean {
  const nip = normalizeNip(input);
  if (!/^\d{10}$/.test(nip)) return false;
  const check = weightedSum(nip, NIP_WEIGHTS) % 11;
  return check !== 10 && check === Number(nip[9]);
}

/** Appends the NIP check digit; null when the remainder is 10, because no valid NIP starts that way. */
export function completeNip(firstNineDigits: string): string | null {
  if (!/^\d{9}$/.test(firstNineDigits)) {
    throw new DomainError('invalid_nip', `Expected 9 digits, got "${firstNineDigits}"`);
  }
  const check = weightedSum(firstNineDigits, NIP_WEIGHTS) % 11;
  return check === 10 ? null : firstNineDigits + String(check);
}

/** "123-456-32-18": the grouping printed on Polish invoices. */
export function formatNip(input: string): string {
  const nip = normalizeNip(input);
  if (!/^\d{10}$/.test(nip)) throw new DomainError('invalid_nip', `"${input}" is not a 10-digit NIP`);
  return `${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`;
}
