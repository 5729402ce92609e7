/**
 * Dates as people type them: dd.mm.rrrr, the format the whole interface prints. Separators may be dots,
 * commas (the decimal key of a Polish phone keypad), slashes, dashes or spaces; eight digits without any
 * also work ("26112026"), and so does an ISO day pasted from elsewhere ("2026-11-26").
 */
const dayMonthYear = /^(\d{1,2})[.,/\- ]+(\d{1,2})[.,/\- ]+(\d{4})$/;
const digitsOnly = /^(\d{2})(\d{2})(\d{4})$/;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO day (YYYY-MM-DD) the text names, or null when it is not a real calendar date. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = isoDay.exec(trimmed);
  const parts = iso
    ? { year: iso[1], month: iso[2], day: iso[3] }
    : (() => {
        const typed = dayMonthYear.exec(trimmed) ?? digitsOnly.exec(trimmed);
        return typed ? { day: typed[1], month: typed[2], year: typed[3] } : null;
      })();
  if (!parts) return null;
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (UTC, so no clock change can shift it).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-11-26" → "26.11.2026"; anything else is returned as it is. */
export function typedDateOf(isoValue: string | undefined): string {
  const iso = isoDay.exec(isoValue ?? '');
  return iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : (isoValue ?? '');
}
