import { sql } from 'kysely';
import type { StatementTransaction } from '../../adapters/bank-statements/index.ts';
import { customerNumberFromAccount, formatInvoiceNumber, isValidInvoiceNumber } from '../../domain/index.ts';
import type { Executor } from '../payments/payable.ts';

/**
 * Who an incoming transfer belongs to, in this order:
 *  1. the customer's individual account number (anywhere the bank states it: the credited account, the details);
 *  2. invoice numbers in the title, when they all belong to one customer;
 *  3. nobody: the item waits in the unmatched queue for staff.
 * Invoice numbers in the title also say which invoices to pay first.
 */
export interface Match {
  method: 'account' | 'invoice_number';
  customerId: number;
  invoiceIds: number[];
}

const INVOICE_NUMBER = /\b(FV|KOR)\s*[/\\ -]?\s*(\d{4})\s*[/\\ -]\s*(\d{1,2})\s*[/\\ -]\s*(\d{1,6})(?!\d)/gi;

/** Invoice numbers written in a transfer title, normalised to FV/2026/11/000123 (spaces and dashes tolerated). */
export function invoiceNumbersIn(title: string): string[] {
  const numbers: string[] = [];
  for (const match of title.matchAll(INVOICE_NUMBER)) {
    const [, series = '', year, month, sequence] = match;
    if (Number(month) < 1 || Number(month) > 12 || Number(sequence) < 1) continue;
    const number = formatInvoiceNumber(series.toUpperCase(), Number(year), Number(month), Number(sequence));
    if (isValidInvoiceNumber(number) && !numbers.includes(number)) numbers.push(number);
  }
  return numbers;
}

/** 26-digit account numbers the transaction states: the credited account first, then any in its details. */
export function accountCandidates(
  transaction: Pick<StatementTransaction, 'creditedAccount' | 'details'>,
): string[] {
  const found: string[] = transaction.creditedAccount ? [transaction.creditedAccount] : [];
  // Sub-field codes (~63, ^31 …) would run into the digits that follow them: each sub-field is read alone.
  for (const part of transaction.details.split(/[~^+<?]\d{2}/)) {
    for (const match of part.matchAll(/(?<!\d)(?:PL)?(\d{2}(?:[ \u00a0]?\d{4}){6})(?!\d)/g)) {
      const digits = match[1]!.replace(/[ \u00a0]/g, '');
      if (!found.includes(digits)) found.push(digits);
    }
  }
  return found;
}

export async function matchTransaction(
  db: Executor,
  bankAccountPrefix: string,
  transaction: StatementTransaction,
): Promise<Match | null> {
  const numbers = invoiceNumbersIn(transaction.title);
  const invoices =
    numbers.length === 0
      ? []
      : await db
          .selectFrom('invoices as i')
          .leftJoin('invoices as corrected', 'corrected.id', 'i.corrects_invoice_id')
          .where('i.number', 'in', numbers)
          .where('i.cancelled_at', 'is', null)
          // A correction's number points at the invoice it corrects: that is where its amount is due.
          .select([sql<number>`coalesce(corrected.id, i.id)`.as('invoice_id'), 'i.customer_id', 'i.number'])
          .execute();
  // Paid in the order the title names them.
  invoices.sort((left, right) => numbers.indexOf(left.number) - numbers.indexOf(right.number));

  for (const account of accountCandidates(transaction)) {
    const customerNumber = customerNumberFromAccount(bankAccountPrefix, account);
    if (customerNumber === null) continue;
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .where(sql<string>`ltrim(customer_number, '0')`, '=', customerNumber)
      .executeTakeFirst();
    if (!customer) continue;
    const own = invoices
      .filter((invoice) => invoice.customer_id === customer.id)
      .map((invoice) => Number(invoice.invoice_id));
    return { method: 'account', customerId: customer.id, invoiceIds: [...new Set(own)] };
  }

  const customers = new Set(invoices.map((invoice) => invoice.customer_id));
  if (customers.size === 1) {
    return {
      method: 'invoice_number',
      customerId: [...customers][0]!,
      invoiceIds: [...new Set(invoices.map((invoice) => Number(invoice.invoice_id)))],
    };
  }
  return null;
}
