/** Calendar arithmetic on ISO days (YYYY-MM-DD) in Poland, where the utility's "today" is. */

export { todayInPoland } from '../../shared/format.ts';

/** The first day of the month `months` before the month of `day` ("2026-11-25", 11 → "2025-12-01"). */
export function firstOfMonthBefore(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** "2026-10" → "październik 2026" / "October 2026". */
export function monthName(month: string, language: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'pl-PL', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, number - 1, 15)));
}

/** "2026-10" → "10.2026": short labels for the chart axis. */
export function shortMonth(month: string): string {
  const [year, number] = month.split('-');
  return `${number}.${year}`;
}
