import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notifyInvoicesIssued } from '../notifications/scan.ts';
import { enqueueInvoiceDeliveries } from './delivery-queue.ts';

/**
 * Call inside the transaction that issues invoices (billing run batch, correcting invoice), with the ids it
 * issued: e-invoices get their e-mail queued, paper invoices their "invoice issued" notification. Both are
 * rows and jobs in the same transaction, so they exist exactly when the invoices do; calling it twice for the
 * same invoices adds nothing.
 */
export async function invoicesIssued(
  trx: Kysely<DB> | Transaction<DB>,
  invoiceIds: readonly number[],
  now: Date = new Date(),
): Promise<{ deliveries: number; notifications: number }> {
  const deliveries = await enqueueInvoiceDeliveries(trx, invoiceIds);
  const notifications = await notifyInvoicesIssued(trx, invoiceIds, now);
  return { deliveries, notifications };
}
