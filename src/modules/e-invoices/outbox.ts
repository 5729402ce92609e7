import path from 'node:path';
import { createFileMailTransport, type StoredMail } from '../../adapters/mail/index.ts';
import type { Config } from '../../config.ts';
import type { Executor } from './consent-store.ts';

/** The back office's view of invoice e-mails: what was queued, sent or failed, newest first. */

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface DeliveryView {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  customerId: number;
  customerNumber: string;
  generation: number;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  messageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  requestedByStaffId: number | null;
}

export interface OutboxFilter {
  status?: DeliveryStatus | undefined;
  invoiceId?: number | undefined;
  customerId?: number | undefined;
  page: number;
  pageSize: number;
}

function baseQuery(db: Executor, filter: Omit<OutboxFilter, 'page' | 'pageSize'>) {
  let query = db
    .selectFrom('invoice_deliveries as d')
    .innerJoin('invoices as i', 'i.id', 'd.invoice_id')
    .innerJoin('customers as cu', 'cu.id', 'i.customer_id');
  if (filter.status) query = query.where('d.status', '=', filter.status);
  if (filter.invoiceId !== undefined) query = query.where('d.invoice_id', '=', filter.invoiceId);
  if (filter.customerId !== undefined) query = query.where('i.customer_id', '=', filter.customerId);
  return query;
}

export async function listDeliveries(
  db: Executor,
  filter: OutboxFilter,
): Promise<{ items: DeliveryView[]; total: number }> {
  const rows = await baseQuery(db, filter)
    .select([
      'd.id',
      'd.invoice_id',
      'i.number',
      'i.customer_id',
      'cu.customer_number',
      'd.generation',
      'd.recipient',
      'd.status',
      'd.attempts',
      'd.message_id',
      'd.last_error',
      'd.created_at',
      'd.sent_at',
      'd.requested_by_staff_id',
    ])
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const count = await baseQuery(db, filter)
    .select((select) => select.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(count.count),
    items: rows.map((row) => ({
      id: row.id,
      invoiceId: row.invoice_id,
      invoiceNumber: row.number,
      customerId: row.customer_id,
      customerNumber: row.customer_number,
      generation: row.generation,
      recipient: row.recipient,
      status: row.status as DeliveryStatus,
      attempts: row.attempts,
      messageId: row.message_id,
      lastError: row.last_error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      requestedByStaffId: row.requested_by_staff_id,
    })),
  };
}

/**
 * Without SMTP_URL (demo, development) the messages are .eml files under DATA_DIR/mail: the back office lists
 * them so that what the customer would have received can be opened. With SMTP there is no such folder.
 */
export function mailFolder(config: Pick<Config, 'mail' | 'dataDirectory'>) {
  if (config.mail.smtpUrl) return undefined;
  return createFileMailTransport(path.join(config.dataDirectory, 'mail'), {
    from: config.mail.from,
    replyTo: config.mail.replyTo,
  });
}

export async function listMailFiles(
  config: Pick<Config, 'mail' | 'dataDirectory'>,
): Promise<StoredMail[] | undefined> {
  return mailFolder(config)?.list();
}
