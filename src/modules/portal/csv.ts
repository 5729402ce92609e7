/**
 * CSV as Polish Excel opens it without an import dialog: UTF-8 with a byte-order mark (else Excel reads
 * it as Windows-1250), semicolons between fields (the comma is the decimal separator), CRLF line ends.
 */
const BOM = '\uFEFF';

export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  const text = String(value);
  // Formula injection: a text cell starting with = + - @ would be run by a spreadsheet. Our own numbers
  // ("-12,34") and dates are left as they are, so they stay numbers in the sheet.
  const numeric = /^-?\d[\d,]*$/.test(text);
  const safe = typeof value === 'string' && !numeric && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** Litres as m³ with a decimal comma and three places: 12345 → "12,345". */
export function cubicMetres(litres: number): string {
  const sign = litres < 0 ? '-' : '';
  const absolute = Math.abs(litres);
  return `${sign}${Math.floor(absolute / 1000)},${String(absolute % 1000).padStart(3, '0')}`;
}

/** Grosze as złote with a decimal comma: 123456 → "1234,56". */
export function zlote(value: number): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(value);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}
