import {
  formatDate,
  formatMoney,
  formatVatRate,
  type CalendarDate,
  type Grosze,
} from '../../domain/index.ts';
import type { DocumentLanguage } from '../../modules/invoices/document.ts';

/**
 * Number formats of the printed invoice. Table cells carry amounts without the currency (the column header
 * says it); the amount due carries "zł". Separators follow the language: "1 234,56" / "1,234.56", with a
 * no-break space so that a figure never wraps inside a narrow column.
 */

const NO_BREAK_SPACE = '\u00a0';

function separators(language: DocumentLanguage): { thousands: string; decimal: string } {
  return language === 'pl' ? { thousands: NO_BREAK_SPACE, decimal: ',' } : { thousands: ',', decimal: '.' };
}

/** An integer in thousandths (or hundredths) as a decimal with exactly `places` decimals. */
function fixedPoint(value: number, places: 2 | 3, language: DocumentLanguage): string {
  const { thousands, decimal } = separators(language);
  const divisor = places === 2 ? 100 : 1000;
  const absolute = Math.abs(value);
  const whole = String(Math.floor(absolute / divisor)).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const fraction = String(absolute % divisor).padStart(places, '0');
  return `${value < 0 ? '-' : ''}${whole}${decimal}${fraction}`;
}

/** 16245 → "162,45" (table cells). */
export function amount(value: Grosze, language: DocumentLanguage): string {
  return fixedPoint(value, 2, language);
}

/** 17545 → "175,45 zł" / "PLN 175.45". */
export function money(value: Grosze, language: DocumentLanguage): string {
  return formatMoney(value, language);
}

/** Register values and volumes in m³ with the three decimals a water meter shows: 1234567 L → "1 234,567". */
export function cubicMetres(litres: number, language: DocumentLanguage): string {
  return fixedPoint(litres, 3, language);
}

/** m³ keep three decimals; months print without trailing zeros (1000 → "1", 500 → "0,5"). */
export function quantity(thousandths: number, unit: 'm3' | 'month', language: DocumentLanguage): string {
  const text = fixedPoint(thousandths, 3, language);
  if (unit === 'm3') return text;
  const { decimal } = separators(language);
  return text.replace(/0+$/, '').replace(new RegExp(`\\${decimal}$`), '');
}

export function vatRate(basisPoints: number, language: DocumentLanguage): string {
  return formatVatRate(basisPoints, language);
}

/** dd.mm.rrrr in Polish, ISO in English. */
export function day(date: CalendarDate, language: DocumentLanguage): string {
  return formatDate(date, language);
}
