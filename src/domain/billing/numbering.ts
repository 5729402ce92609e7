import { DomainError } from '../errors.ts';

/**
 * Invoice numbers "FV/2026/11/000123": series / year / month / sequence, the sequence gap-free within a
 * series and month (art. 106e ust. 1 pkt 2). The database holds and increments the counter inside the
 * issuing transaction; this module only formats, parses and checks sequences for gaps.
 */

export const INVOICE_SERIES = 'FV';
export const CORRECTION_SERIES = 'KOR';
const SEQUENCE_DIGITS = 6;
const SERIES_PATTERN = /^[A-Z][A-Z0-9]{0,9}$/;
const NUMBER_PATTERN = /^([A-Z][A-Z0-9]{0,9})\/(\d{4})\/(\d{2})\/(\d{6})$/;

export interface InvoiceNumberParts {
  series: string;
  year: number;
  month: number;
  sequence: number;
}

function validate(parts: InvoiceNumberParts): void {
  if (!SERIES_PATTERN.test(parts.series)) {
    throw new DomainError(
      'invalid_series',
      `Series must be 1–10 capital letters or digits starting with a letter, got "${parts.series}"`,
    );
  }
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 9999) {
    throw new DomainError('invalid_year', `Invalid invoice year ${parts.year}`);
  }
  if (!Number.isInteger(parts.month) || parts.month < 1 || parts.month > 12) {
    throw new DomainError('invalid_month', `Invalid invoice month ${parts.month}`);
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence >= 10 ** SEQUENCE_DIGITS) {
    throw new DomainError(
      'invalid_sequence',
      `Sequence must be 1..${10 ** SEQUENCE_DIGITS - 1}, got ${parts.sequence}`,
    );
  }
}

export function formatInvoiceNumber(series: string, year: number, month: number, sequence: number): string {
  validate({ series, year, month, sequence });
  return `${series}/${year}/${String(month).padStart(2, '0')}/${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

export function parseInvoiceNumber(text: string): InvoiceNumberParts {
  const match = NUMBER_PATTERN.exec(text.trim());
  if (!match) {
    throw new DomainError(
      'invalid_invoice_number',
      `"${text}" is not an invoice number like FV/2026/11/000123`,
      { text },
    );
  }
  const parts = {
    series: match[1] ?? '',
    year: Number(match[2]),
    month: Number(match[3]),
    sequence: Number(match[4]),
  };
  validate(parts);
  return parts;
}

export function isValidInvoiceNumber(text: string): boolean {
  try {
    parseInvoiceNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** The key the counter is kept under: one gap-free sequence per series and month. */
export function numberingKey(series: string, year: number, month: number): string {
  return `${series}/${year}/${String(month).padStart(2, '0')}`;
}

/** Missing and repeated sequence numbers of one series and month, for audits; both empty when sound. */
export function sequenceProblems(sequences: readonly number[]): { missing: number[]; duplicates: number[] } {
  const counts = new Map<number, number>();
  for (const sequence of sequences) counts.set(sequence, (counts.get(sequence) ?? 0) + 1);
  const highest = Math.max(0, ...sequences);
  const missing: number[] = [];
  for (let sequence = 1; sequence <= highest; sequence += 1)
    if (!counts.has(sequence)) missing.push(sequence);
  const duplicates = [...counts.entries()]
    .filter(([, count]) => count > 1)
    .map(([sequence]) => sequence)
    .sort((a, b) => a - b);
  return { missing, duplicates };
}
