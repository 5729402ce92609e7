import { assertUniqueReferences } from './mt940.ts';
import {
  accountDigits,
  isCalendarDate,
  isoDate,
  parseAmount,
  StatementFormatError,
  type ParsedStatement,
  type StatementTransaction,
} from './types.ts';

/**
 * The product's CSV statement format (docs/payments.md): UTF-8 (a BOM is allowed), a header row, fields
 * separated by ";" (or ","), quoted with double quotes when needed (RFC 4180, "" inside quotes).
 *   id_transakcji;data_ksiegowania;kwota;waluta;rachunek_wirtualny;rachunek_nadawcy;nadawca;tytul
 * Required: id_transakcji, data_ksiegowania (RRRR-MM-DD or DD.MM.RRRR), kwota (123,45; debits negative),
 * waluta, tytul. Column order is free; unknown columns are ignored.
 */
const REQUIRED = ['id_transakcji', 'data_ksiegowania', 'kwota', 'waluta', 'tytul'] as const;
const OPTIONAL = ['rachunek_wirtualny', 'rachunek_nadawcy', 'nadawca'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

export const CSV_ACCOUNT = 'CSV';

export function parseCsvStatement(content: string): ParsedStatement {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const separator = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const rows = splitRows(text, separator);
  const header = rows[0];
  if (!header || header.cells.every((cell) => cell.trim() === ''))
    throw new StatementFormatError(1, 'the file is empty: a header row is required');
  const columns = new Map<Column, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if ((REQUIRED as readonly string[]).includes(name) || (OPTIONAL as readonly string[]).includes(name))
      columns.set(name as Column, index);
  });
  const missing = REQUIRED.filter((name) => !columns.has(name));
  if (missing.length > 0)
    throw new StatementFormatError(header.line, `the header lacks the column(s) ${missing.join(', ')}`);

  const transactions: StatementTransaction[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length !== header.cells.length) {
      throw new StatementFormatError(
        row.line,
        `expected ${header.cells.length} fields like the header, found ${row.cells.length}`,
      );
    }
    const value = (name: Column): string => {
      const index = columns.get(name);
      return index === undefined ? '' : row.cells[index]!.trim();
    };
    const reference = value('id_transakcji');
    if (reference === '') throw new StatementFormatError(row.line, 'id_transakcji is empty');
    const bookedOn = parseDate(value('data_ksiegowania'));
    if (!bookedOn)
      throw new StatementFormatError(
        row.line,
        `data_ksiegowania "${value('data_ksiegowania')}" is not a date like 2026-11-20 or 20.11.2026`,
      );
    const amountText = value('kwota');
    const negative = amountText.startsWith('-');
    const amount = parseAmount(negative ? amountText.slice(1) : amountText);
    if (amount === null)
      throw new StatementFormatError(row.line, `kwota "${amountText}" is not an amount like 123,45`);
    const currency = value('waluta').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency))
      throw new StatementFormatError(row.line, `waluta "${value('waluta')}" is not a currency code like PLN`);
    const credited = value('rachunek_wirtualny');
    if (credited !== '' && !accountDigits(credited))
      throw new StatementFormatError(
        row.line,
        `rachunek_wirtualny "${credited}" is not a 26-digit account number`,
      );
    const title = value('tytul').replace(/\s+/g, ' ');
    const name = value('nadawca');
    transactions.push({
      line: row.line,
      accountNumber: CSV_ACCOUNT,
      reference,
      bookedOn,
      amountGrosze: negative ? -amount : amount,
      currency,
      creditedAccount: accountDigits(credited),
      counterpartyAccount: accountDigits(value('rachunek_nadawcy')),
      counterpartyName: name === '' ? null : name,
      title,
      details: title,
    });
  }
  assertUniqueReferences(transactions);
  return { format: 'csv', accountNumber: null, statementReference: null, transactions, warnings: [] };
}

function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const polish = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : polish ? [polish[3], polish[2], polish[1]] : [];
  if (!year || !month || !day || !isCalendarDate(Number(year), Number(month), Number(day))) return null;
  return isoDate(Number(year), Number(month), Number(day));
}

/** RFC 4180 rows with the line each starts on; a quoted field may hold separators and line breaks. */
function splitRows(text: string, separator: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let index = 0;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowStart, cells });
    cells = [];
    cell = '';
  };
  while (index < text.length) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (character === '"') quoted = false;
      else {
        if (character === '\n') line += 1;
        cell += character;
      }
      index += 1;
      continue;
    }
    if (character === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (character === separator) {
      cells.push(cell);
      cell = '';
    } else if (character === '\r' || character === '\n') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowStart = line;
    } else if (character === '"') {
      throw new StatementFormatError(
        line,
        'a quote inside an unquoted field (quote the whole field and double the quote)',
      );
    } else {
      cell += character;
    }
    index += 1;
  }
  if (quoted) throw new StatementFormatError(rowStart, 'a quoted field is not closed');
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
