/**
 * Amounts and dates as Polish customers expect them: "1 234,56 zł" and dd.mm.rrrr, whatever the interface
 * language (the invoices say the same). Amounts arrive from the API as integer grosze.
 */
const groupDigits = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

export function formatMoney(grosze: number): string {
  const sign = grosze < 0 ? '−' : '';
  const absolute = Math.abs(Math.trunc(grosze));
  const zloty = Math.floor(absolute / 100);
  const rest = String(absolute % 100).padStart(2, '0');
  return `${sign}${groupDigits(String(zloty))},${rest}\u00a0zł`;
}

/** The calendar day (YYYY-MM-DD) of an instant in Poland, where the utility's "today" is. */
export function todayInPoland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(now);
}

/** "2026-11-05" → "05.11.2026"; a timestamp uses its date in Poland. */
export function formatDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayInPoland(new Date(value));
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

/** Litres as cubic metres with three decimals: 12345 → "12,345 m³". */
export function formatCubicMetres(litres: number): string {
  const sign = litres < 0 ? '−' : '';
  const absolute = Math.abs(Math.trunc(litres));
  return `${sign}${groupDigits(String(Math.floor(absolute / 1000)))},${String(absolute % 1000).padStart(3, '0')}\u00a0m³`;
}
