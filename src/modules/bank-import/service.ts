import { createHash } from 'node:crypto';
import {
  decodeStatement,
  parseStatement,
  StatementFormatError,
  type StatementTransaction,
} from '../../adapters/bank-statements/index.ts';
import type { Database } from '../../db/database.ts';
import { isUniqueViolation } from '../payments/context.ts';
import { postPayment } from '../payments/posting.ts';
import { writeAudit, type Actor } from './audit.ts';
import { matchTransaction, type Match } from './matching.ts';

/**
 * Imports a bank statement (MT940/MT942 or CSV) in one transaction: every credit is matched and posted, or put
 * in the unmatched queue; debits are skipped. The whole file is refused (nothing imported) when it is malformed
 * or not in PLN. Importing the same file again changes nothing (its SHA-256 is recorded), and a transaction
 * that arrives again in another file (daily, then monthly statement) is recognised by its bank reference.
 */
export interface ImportedItem {
  line: number;
  reference: string;
  bookedOn: string;
  amountGrosze: number;
  title: string;
}

export interface ImportReport {
  importId: number;
  /** The file had been imported before: nothing was done now. */
  alreadyImported: boolean;
  format: 'mt940' | 'csv';
  matched: Array<
    ImportedItem & {
      customerId: number;
      customerNumber: string;
      method: Match['method'];
      paymentId: number;
      invoiceIds: number[];
    }
  >;
  unmatched: Array<ImportedItem & { itemId: number }>;
  skipped: Array<ImportedItem & { reason: 'debit' | 'duplicate' }>;
  warnings: string[];
}

export interface ImportOptions {
  fileName: string;
  content: Uint8Array;
  bankAccountPrefix: string;
  actor: Actor;
  now: Date;
}

export async function importStatement(database: Database, options: ImportOptions): Promise<ImportReport> {
  const fileSha256 = createHash('sha256').update(options.content).digest('hex');
  const previous = await findImport(database, fileSha256);
  if (previous) return previous;

  const statement = parseStatement(decodeStatement(options.content));
  for (const transaction of statement.transactions) {
    if (transaction.currency !== 'PLN') {
      throw new StatementFormatError(
        transaction.line,
        `currency ${transaction.currency} is not supported: only PLN can be imported`,
      );
    }
  }

  try {
    return await database.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('bank_statement_imports')
        .values({
          file_name: options.fileName.slice(0, 255),
          file_sha256: fileSha256,
          format: statement.format,
          account_number: statement.accountNumber,
          statement_reference: statement.statementReference,
          imported_at: options.now,
          staff_user_id: options.actor.staffUserId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const report: ImportReport = {
        importId: created.id,
        alreadyImported: false,
        format: statement.format,
        matched: [],
        unmatched: [],
        skipped: [],
        warnings: statement.warnings,
      };

      for (const transaction of statement.transactions) {
        const item: ImportedItem = {
          line: transaction.line,
          reference: transaction.reference,
          bookedOn: transaction.bookedOn,
          amountGrosze: transaction.amountGrosze,
          title: transaction.title,
        };
        if (transaction.amountGrosze <= 0) {
          report.skipped.push({ ...item, reason: 'debit' });
          continue;
        }
        const inserted = await trx
          .insertInto('bank_statement_items')
          .values(itemValues(created.id, transaction))
          .onConflict((conflict) => conflict.columns(['account_number', 'transaction_reference']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          report.skipped.push({ ...item, reason: 'duplicate' });
          continue;
        }
        const match = await matchTransaction(trx, options.bankAccountPrefix, transaction);
        if (!match) {
          report.unmatched.push({ ...item, itemId: inserted.id });
          continue;
        }
        const posted = await postPayment(trx, {
          customerId: match.customerId,
          channel: 'transfer',
          amountGrosze: transaction.amountGrosze,
          receivedOn: transaction.bookedOn,
          externalReference: bankReference(transaction.accountNumber, transaction.reference),
          title: transaction.title,
          counterpartyAccount: transaction.counterpartyAccount,
          invoiceIds: match.invoiceIds,
        });
        if (!posted)
          throw new Error(
            `bank transaction ${transaction.reference} was posted before without its statement item`,
          );
        await trx
          .updateTable('bank_statement_items')
          .set({
            status: 'matched',
            match_method: match.method,
            customer_id: match.customerId,
            payment_id: posted.paymentId,
          })
          .where('id', '=', inserted.id)
          .execute();
        const customer = await trx
          .selectFrom('customers')
          .select('customer_number')
          .where('id', '=', match.customerId)
          .executeTakeFirstOrThrow();
        report.matched.push({
          ...item,
          customerId: match.customerId,
          customerNumber: customer.customer_number,
          method: match.method,
          paymentId: posted.paymentId,
          invoiceIds: match.invoiceIds,
        });
      }

      const credited = [...report.matched, ...report.unmatched].reduce(
        (sum, entry) => sum + entry.amountGrosze,
        0,
      );
      const counts = {
        matched_count: report.matched.length,
        unmatched_count: report.unmatched.length,
        skipped_count: report.skipped.filter((entry) => entry.reason === 'debit').length,
        duplicate_count: report.skipped.filter((entry) => entry.reason === 'duplicate').length,
        credited_grosze: credited,
      };
      await trx.updateTable('bank_statement_imports').set(counts).where('id', '=', created.id).execute();
      await writeAudit(
        trx,
        options.actor,
        {
          action: 'bank_statement.imported',
          entity: 'bank_statement_imports',
          entityId: created.id,
          after: { fileName: options.fileName, fileSha256, format: statement.format, ...counts },
        },
        options.now,
      );
      return report;
    });
  } catch (error) {
    // The same file imported at the same moment by someone else: theirs counts, this one changes nothing.
    if (isUniqueViolation(error, 'bank_statement_imports_file_sha256_key')) {
      const existing = await findImport(database, fileSha256);
      if (existing) return existing;
    }
    throw error;
  }
}

export const bankReference = (accountNumber: string, reference: string): string =>
  `bank:${accountNumber}:${reference}`;

function itemValues(importId: number, transaction: StatementTransaction) {
  return {
    import_id: importId,
    line: transaction.line,
    account_number: transaction.accountNumber,
    transaction_reference: transaction.reference,
    booked_on: transaction.bookedOn,
    amount_grosze: transaction.amountGrosze,
    currency: 'PLN',
    counterparty_account: transaction.counterpartyAccount,
    counterparty_name: transaction.counterpartyName?.slice(0, 300) ?? null,
    title: transaction.title.slice(0, 500),
    status: 'unmatched',
  };
}

async function findImport(database: Database, fileSha256: string): Promise<ImportReport | undefined> {
  const found = await database.db
    .selectFrom('bank_statement_imports')
    .select(['id', 'format'])
    .where('file_sha256', '=', fileSha256)
    .executeTakeFirst();
  if (!found) return undefined;
  return {
    importId: found.id,
    alreadyImported: true,
    format: found.format === 'csv' ? 'csv' : 'mt940',
    matched: [],
    unmatched: [],
    skipped: [],
    warnings: [],
  };
}
