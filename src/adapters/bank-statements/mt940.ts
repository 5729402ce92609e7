import { createHash } from 'node:crypto';
import { parseDetails } from './mt940-details.ts';
import {
  isCalendarDate,
  isoDate,
  parseAmount,
  StatementFormatError,
  type ParsedStatement,
  type StatementTransaction,
} from './types.ts';

/**
 * SWIFT MT940 (statement) and MT942 (interim report) as Polish banks export them: :20: reference, :25: account,
 * :28C: number, :60F:/:60M: opening balance (MT942: :34F:), then :61: transactions each followed by :86:
 * details, :62F:/:62M: closing balance. Several messages may follow each other in one file.
 */
interface Field {
  tag: string;
  line: number;
  /** First line's text after the tag. */
  head: string;
  /** Continuation lines. */
  rest: string[];
}

const TAG = /^:(\d{2}[A-Z]?):(.*)$/;
// value date, optional entry date MMDD, mark, optional funds code, amount, type code, references, (details).
const STATEMENT_LINE =
  /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,12},\d{0,2})([NFS][A-Z0-9]{3})(.*?)(?:\/\/(.*))?$/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,12},\d{0,2})$/;

export function looksLikeMt940(content: string): boolean {
  return /(^|\n)\s*:20:/.test(stripControl(content)) && /(^|\n):61:|(^|\n):25:/.test(content);
}

export function parseMt940(content: string): ParsedStatement {
  const fields = splitFields(content);
  const transactions: StatementTransaction[] = [];
  const warnings: string[] = [];
  let accountNumber: string | null = null;
  let statementReference: string | null = null;
  let currency: string | null = null;
  let opening: number | null = null;
  let movement = 0;
  let current: {
    transaction: StatementTransaction;
    supplementary: string;
    bankReference: string;
    customerReference: string;
  } | null = null;
  const fallbackCounts = new Map<string, number>();

  const finish = () => {
    if (!current) return;
    const { transaction } = current;
    const details = parseDetails(transaction.details);
    transaction.title = details.title;
    transaction.counterpartyAccount = details.counterpartyAccount;
    transaction.counterpartyName = details.counterpartyName;
    transaction.details = [current.supplementary, transaction.details]
      .filter((text) => text !== '')
      .join(' ');
    transaction.reference = chooseReference(
      current.bankReference,
      current.customerReference,
      details.reference,
      () => {
        const key = [
          transaction.accountNumber,
          transaction.bookedOn,
          transaction.amountGrosze,
          transaction.details,
        ].join('|');
        const ordinal = (fallbackCounts.get(key) ?? 0) + 1;
        fallbackCounts.set(key, ordinal);
        return `H${createHash('sha256').update(`${key}|${ordinal}`).digest('hex').slice(0, 20)}`;
      },
    );
    transactions.push(transaction);
    current = null;
  };

  for (const field of fields) {
    switch (field.tag) {
      case '20':
        finish();
        statementReference = field.head.trim() || null;
        accountNumber = null;
        currency = null;
        opening = null;
        movement = 0;
        break;
      case '25':
        accountNumber = field.head
          .trim()
          .replace(/^\/+/, '')
          .replace(/\s+/g, '')
          .replace(/^PL(?=\d{26}$)/, '');
        if (accountNumber === '') throw new StatementFormatError(field.line, ':25: names no account');
        break;
      case '60F':
      case '60M': {
        const balance = parseBalance(field);
        currency = balance.currency;
        opening = balance.amount;
        break;
      }
      case '34F': {
        const match = /^([A-Z]{3})[DC]?\d{1,12},?\d{0,2}$/.exec(field.head.trim());
        if (!match)
          throw new StatementFormatError(
            field.line,
            `:34F: is not a currency and amount: "${field.head.trim()}"`,
          );
        currency ??= match[1]!;
        break;
      }
      case '61': {
        finish();
        if (accountNumber === null)
          throw new StatementFormatError(field.line, ':61: before the account (:25:)');
        if (currency === null)
          throw new StatementFormatError(
            field.line,
            ':61: before the opening balance (:60F:) or :34F: that gives the currency',
          );
        const parsed = parseStatementLine(field, accountNumber, currency);
        movement += parsed.transaction.amountGrosze;
        current = parsed;
        break;
      }
      case '86':
        if (current) current.transaction.details = [field.head, ...field.rest].join('');
        break;
      case '62F':
      case '62M': {
        finish();
        const closing = parseBalance(field);
        if (opening !== null && opening + movement !== closing.amount) {
          warnings.push(
            `line ${field.line}: the closing balance differs from the opening balance plus the transactions`,
          );
        }
        break;
      }
      default:
        finish();
    }
  }
  finish();
  if (fields.length === 0 || !fields.some((field) => field.tag === '20')) {
    throw new StatementFormatError(1, 'not an MT940 statement: no :20: field');
  }
  assertUniqueReferences(transactions);
  return { format: 'mt940', accountNumber, statementReference, transactions, warnings };
}

/** SWIFT envelopes put SOH/ETX (0x01, 0x03) around a message; no control character belongs to the data. */
function stripControl(text: string): string {
  let kept = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code >= 0x20 || code === 0x0a || code === 0x0d || code === 0x09) kept += character;
  }
  return kept;
}

function splitFields(content: string): Field[] {
  const lines = content.split(/\r\n|\r|\n/);
  const fields: Field[] = [];
  lines.forEach((raw, index) => {
    const line = stripControl(raw);
    const number = index + 1;
    const tagged = TAG.exec(line);
    if (tagged) {
      fields.push({ tag: tagged[1]!, line: number, head: tagged[2]!, rest: [] });
    } else if (line.trim() === '' || line.trim() === '-' || /^\{[0-9]:/.test(line)) {
      // Message envelope: empty lines, the "-" end of message, SWIFT block headers.
    } else {
      const last = fields.at(-1);
      if (!last)
        throw new StatementFormatError(number, `text before the first field: "${line.slice(0, 40)}"`);
      last.rest.push(line);
    }
  });
  return fields;
}

function parseBalance(field: Field): { currency: string; amount: number } {
  const match = BALANCE.exec(field.head.trim());
  const amount = match ? parseAmount(match[4]!) : null;
  if (!match || amount === null)
    throw new StatementFormatError(
      field.line,
      `:${field.tag}: is not a balance like C260131PLN1234,56: "${field.head.trim()}"`,
    );
  return { currency: match[3]!, amount: match[1] === 'D' ? -amount : amount };
}

function parseStatementLine(field: Field, accountNumber: string, currency: string) {
  const match = STATEMENT_LINE.exec(field.head.trim());
  if (!match)
    throw new StatementFormatError(field.line, `:61: is not a statement line: "${field.head.trim()}"`);
  const [, valueDate, entryDate, mark, , amountText, , customerReference = '', bankReference = ''] = match;
  const year = 2000 + Number(valueDate!.slice(0, 2));
  const valueMonth = Number(valueDate!.slice(2, 4));
  const valueDay = Number(valueDate!.slice(4, 6));
  if (!isCalendarDate(year, valueMonth, valueDay))
    throw new StatementFormatError(field.line, `:61: has an impossible value date ${valueDate}`);
  let bookedOn = isoDate(year, valueMonth, valueDay);
  if (entryDate) {
    const month = Number(entryDate.slice(0, 2));
    const day = Number(entryDate.slice(2, 4));
    // The entry date has no year: it is the value date's, unless the two straddle New Year.
    const entryYear =
      month === 12 && valueMonth === 1 ? year - 1 : month === 1 && valueMonth === 12 ? year + 1 : year;
    if (!isCalendarDate(entryYear, month, day))
      throw new StatementFormatError(field.line, `:61: has an impossible entry date ${entryDate}`);
    bookedOn = isoDate(entryYear, month, day);
  }
  const amount = parseAmount(amountText!)!;
  // C and RD (reversal of a debit) bring money in; D and RC take it out.
  const signed = mark === 'C' || mark === 'RD' ? amount : -amount;
  const transaction: StatementTransaction = {
    line: field.line,
    accountNumber,
    reference: '',
    bookedOn,
    amountGrosze: signed,
    currency,
    creditedAccount: null,
    counterpartyAccount: null,
    counterpartyName: null,
    title: '',
    details: '',
  };
  return {
    transaction,
    supplementary: field.rest.join(' ').trim(),
    bankReference: bankReference.trim(),
    customerReference: customerReference.trim(),
  };
}

function chooseReference(
  bank: string,
  customer: string,
  fromDetails: string | null,
  fallback: () => string,
): string {
  if (bank !== '' && bank.toUpperCase() !== 'NONREF') return bank;
  if (fromDetails) return `TNR${fromDetails}`;
  if (customer !== '' && customer.toUpperCase() !== 'NONREF') return `CUST${customer}`;
  return fallback();
}

export function assertUniqueReferences(transactions: readonly StatementTransaction[]): void {
  const seen = new Map<string, number>();
  for (const transaction of transactions) {
    const key = `${transaction.accountNumber}\u0000${transaction.reference}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new StatementFormatError(
        transaction.line,
        `transaction reference ${transaction.reference} repeats the one on line ${first}`,
      );
    }
    seen.set(key, transaction.line);
  }
}
