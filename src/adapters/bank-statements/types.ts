/**
 * A bank statement as read from a file, before any matching: pure data, amounts in grosze (credits positive,
 * debits negative), dates 'YYYY-MM-DD'. Parsers refuse a malformed file as a whole (StatementFormatError with
 * the line and the reason), so an import never takes half a file.
 */
export interface StatementTransaction {
  /** Line of the file where the transaction starts (1-based): the :61: line or the CSV row. */
  line: number;
  /** The account the statement is for (:25:), or 'CSV' for the CSV format. */
  accountNumber: string;
  /** The bank's unique reference of the transaction within that account. */
  reference: string;
  bookedOn: string;
  amountGrosze: number;
  currency: string;
  /** The credited account when the bank states it (individual account numbers), digits only. */
  creditedAccount: string | null;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
  title: string;
  /** Every text the bank gave for the item, where account and invoice numbers are looked for. */
  details: string;
}

export interface ParsedStatement {
  format: 'mt940' | 'csv';
  accountNumber: string | null;
  statementReference: string | null;
  transactions: StatementTransaction[];
  /** Things worth telling the operator that do not make the file unusable (e.g. balances that do not add up). */
  warnings: string[];
}

export class StatementFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'StatementFormatError';
  }
}

/** "45,00", "0,01", "1234.5" → grosze; null when it is not a plain amount with at most two decimals. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,13})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const isoDate = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Digits of an account number, or null when it is not a 26-digit NRB (an all-zero placeholder counts as none). */
export function accountDigits(text: string | undefined | null): string | null {
  if (!text) return null;
  const digits = text.replace(/[\s\u00a0]/g, '').replace(/^PL/i, '');
  return /^\d{26}$/.test(digits) && !/^0+$/.test(digits) ? digits : null;
}
