import {
  dateFromParts,
  isValidCalendarDate,
  parseCubicMetres,
  type CalendarDate,
} from '../../../domain/index.ts';
import type { Rejection } from './rules.ts';

/**
 * The readings file of reading terminals and remote-reading (AMR) systems, documented in docs/back-office.md:
 *
 *   meter_serial;date;value_m3;source
 *   WM-000123;2026-10-31;123,456;amr
 *
 * UTF-8 (a byte-order mark is allowed), semicolons, a header row, one reading per line; the value in m³ with a
 * decimal comma or dot and at most three decimals; the date as YYYY-MM-DD or DD.MM.YYYY; the source `amr`
 * (remote reading system) or `staff` (a meter reader's terminal). Empty lines are skipped.
 */
export const CSV_HEADER = ['meter_serial', 'date', 'value_m3', 'source'] as const;
export const CSV_SOURCES = { amr: 'amr', staff: 'staff' } as const;
export const MAXIMUM_LINES = 500_000;

export interface ParsedLine {
  line: number;
  content: string;
  serialNumber: string;
  date: CalendarDate;
  valueLitres: number;
  source: 'amr' | 'staff';
}

export interface RejectedLine {
  line: number;
  content: string;
  rejection: Rejection;
}

export class ReadingsFileError extends Error {
  constructor(readonly text: { pl: string; en: string }) {
    super(text.en);
  }
}

function field(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replaceAll('""', '"').trim()
    : trimmed;
}

export function parseDate(text: string): CalendarDate | null {
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  const polish = /^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$/.exec(text);
  const candidate = iso
    ? `${iso[1]}-${iso[2]}-${iso[3]}`
    : polish
      ? `${polish[3]}-${polish[2]}-${polish[1]}`
      : null;
  if (candidate === null || !isValidCalendarDate(candidate)) return null;
  const [year, month, day] = candidate.split('-').map(Number) as [number, number, number];
  return dateFromParts(year, month, day);
}

/** Splits the file into well-formed readings and lines refused for their form; line numbers count the header as 1. */
export function parseReadingsFile(content: string): {
  lines: ParsedLine[];
  rejected: RejectedLine[];
  dataLines: number;
} {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const rows = text.split(/\r\n|\n|\r/);
  const header = (rows[0] ?? '').split(';').map((cell) => field(cell).toLowerCase());
  if (header.length !== CSV_HEADER.length || header.some((cell, index) => cell !== CSV_HEADER[index])) {
    throw new ReadingsFileError({
      pl: `Pierwszy wiersz pliku musi być nagłówkiem: ${CSV_HEADER.join(';')}`,
      en: `The first line of the file must be the header: ${CSV_HEADER.join(';')}`,
    });
  }
  if (rows.length - 1 > MAXIMUM_LINES) {
    throw new ReadingsFileError({
      pl: `Plik ma więcej niż ${MAXIMUM_LINES} wierszy; podziel go.`,
      en: `The file has more than ${MAXIMUM_LINES} lines; split it.`,
    });
  }
  const lines: ParsedLine[] = [];
  const rejected: RejectedLine[] = [];
  let dataLines = 0;
  rows.forEach((row, index) => {
    if (index === 0 || row.trim() === '') return;
    dataLines += 1;
    const line = index + 1;
    const content = row.slice(0, 500);
    const reject = (reason: Rejection['reason'], detail: Rejection['detail']) =>
      rejected.push({ line, content, rejection: { reason, detail } });
    const cells = row.split(';').map(field);
    if (cells.length !== CSV_HEADER.length || cells[0] === '') {
      reject('malformed_line', {
        pl: `Wiersz musi mieć ${CSV_HEADER.length} pola rozdzielone średnikami: ${CSV_HEADER.join(';')}.`,
        en: `A line needs ${CSV_HEADER.length} fields separated by semicolons: ${CSV_HEADER.join(';')}.`,
      });
      return;
    }
    const [serialNumber, dateText, valueText, sourceText] = cells as [string, string, string, string];
    const date = parseDate(dateText);
    if (date === null) {
      reject('malformed_date', {
        pl: `Nieprawidłowa data „${dateText}” (RRRR-MM-DD albo DD.MM.RRRR).`,
        en: `Invalid date "${dateText}" (YYYY-MM-DD or DD.MM.YYYY).`,
      });
      return;
    }
    let valueLitres: number;
    try {
      valueLitres = parseCubicMetres(valueText);
    } catch {
      valueLitres = -1;
    }
    if (valueLitres < 0 || valueText === '') {
      reject('malformed_value', {
        pl: `Nieprawidłowy stan „${valueText}”: m³, przecinek lub kropka, najwyżej trzy miejsca po przecinku.`,
        en: `Invalid value "${valueText}": m³ with a comma or dot and at most three decimals.`,
      });
      return;
    }
    const sourceKey = sourceText.toLowerCase();
    const source = Object.hasOwn(CSV_SOURCES, sourceKey)
      ? CSV_SOURCES[sourceKey as keyof typeof CSV_SOURCES]
      : undefined;
    if (source === undefined) {
      reject('unknown_source', {
        pl: `Nieznane źródło „${sourceText}” (amr albo staff).`,
        en: `Unknown source "${sourceText}" (amr or staff).`,
      });
      return;
    }
    lines.push({ line, content, serialNumber, date, valueLitres, source });
  });
  return { lines, rejected, dataLines };
}
