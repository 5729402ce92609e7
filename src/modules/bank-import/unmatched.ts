import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { postPayment } from '../payments/posting.ts';
import { writeAudit, type Actor } from './audit.ts';
import { bankReference } from './service.ts';

/** Incoming transfers no customer could be found for, oldest first: the staff's queue. */
export async function listUnmatched(database: Database, options: { limit?: number } = {}) {
  const rows = await database.db
    .selectFrom('bank_statement_items as item')
    .innerJoin('bank_statement_imports as file', 'file.id', 'item.import_id')
    .where('item.status', '=', 'unmatched')
    .select([
      'item.id',
      'item.import_id',
      'file.file_name',
      'item.line',
      'item.booked_on',
      'item.amount_grosze',
      'item.title',
      'item.counterparty_name',
      'item.counterparty_account',
      'item.transaction_reference',
    ])
    .orderBy('item.booked_on')
    .orderBy('item.id')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    importId: row.import_id,
    fileName: row.file_name,
    line: row.line,
    bookedOn: row.booked_on,
    amountGrosze: row.amount_grosze,
    title: row.title,
    counterpartyName: row.counterparty_name,
    counterpartyAccount: row.counterparty_account,
    reference: row.transaction_reference,
  }));
}

/**
 * A staff member says whose an unmatched transfer is: it is posted to that customer (the named invoices first,
 * the rest as credit) and leaves the queue. Assigning twice is refused; the audit log keeps before and after.
 */
export async function assignUnmatched(
  database: Database,
  request: { itemId: number; customerId: number; invoiceIds: readonly number[]; actor: Actor; now: Date },
): Promise<{
  itemId: number;
  paymentId: number;
  allocations: Array<{ invoiceId: number; amountGrosze: number }>;
}> {
  return database.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('bank_statement_items')
      .selectAll()
      .where('id', '=', request.itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new AppError('not_found', 'Nie znaleziono pozycji wyciągu.');
    if (item.status !== 'unmatched') throw new AppError('conflict', 'Ta wpłata została już przypisana.');
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'customer_number'])
      .where('id', '=', request.customerId)
      .executeTakeFirst();
    if (!customer) throw new AppError('not_found', 'Nie znaleziono klienta.');
    if (request.invoiceIds.length > 0) {
      const own = await trx
        .selectFrom('invoices')
        .select('id')
        .where('id', 'in', [...request.invoiceIds])
        .where('customer_id', '=', customer.id)
        .execute();
      if (own.length !== new Set(request.invoiceIds).size) {
        throw new AppError('bad_request', 'Wskazane faktury nie należą do tego klienta.', {
          invoiceIds: 'Wybierz faktury tego klienta.',
        });
      }
    }
    const posted = await postPayment(trx, {
      customerId: customer.id,
      channel: 'transfer',
      amountGrosze: item.amount_grosze,
      receivedOn: item.booked_on,
      externalReference: bankReference(item.account_number, item.transaction_reference),
      title: item.title,
      counterpartyAccount: item.counterparty_account,
      staffUserId: request.actor.staffUserId,
      invoiceIds: request.invoiceIds,
    });
    if (!posted) throw new AppError('conflict', 'Ta wpłata została już zaksięgowana.');
    await trx
      .updateTable('bank_statement_items')
      .set({
        status: 'assigned',
        match_method: 'staff',
        customer_id: customer.id,
        payment_id: posted.paymentId,
        resolved_by_staff_id: request.actor.staffUserId,
        resolved_at: request.now,
      })
      .where('id', '=', item.id)
      .execute();
    await writeAudit(
      trx,
      request.actor,
      {
        action: 'bank_statement_item.assigned',
        entity: 'bank_statement_items',
        entityId: item.id,
        before: { status: 'unmatched', customerId: null, paymentId: null },
        after: {
          status: 'assigned',
          customerId: customer.id,
          customerNumber: customer.customer_number,
          paymentId: posted.paymentId,
          invoiceIds: request.invoiceIds,
          amountGrosze: item.amount_grosze,
        },
      },
      request.now,
    );
    return { itemId: item.id, paymentId: posted.paymentId, allocations: posted.allocations };
  });
}

/** Imported statements, newest first, with their counts. */
export async function listImports(database: Database, options: { limit?: number } = {}) {
  const rows = await database.db
    .selectFrom('bank_statement_imports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    accountNumber: row.account_number,
    importedAt: new Date(row.imported_at).toISOString(),
    matched: row.matched_count,
    unmatched: row.unmatched_count,
    skipped: row.skipped_count,
    duplicates: row.duplicate_count,
    creditedGrosze: row.credited_grosze,
  }));
}
