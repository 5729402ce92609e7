import type { MailTransport } from '../adapters/mail/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { INVOICE_DELIVERY_QUEUE } from '../modules/e-invoices/delivery-queue.ts';
import { deliverInvoice, type DeliveryContext } from '../modules/e-invoices/delivery-send.ts';
import { PAPER_PRINT_QUEUE, renderPrintBatch } from '../modules/e-invoices/print-batches.ts';
import type { JobHandler } from './queue.ts';

export interface EInvoiceJobDependencies {
  database: Database;
  config: Config;
  mail: MailTransport;
  now?: () => Date;
  /** Tests only: runs between the mail server's acceptance and its recording. */
  afterSend?: DeliveryContext['afterSend'];
}

function idOf(value: unknown, name: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`job payload has no valid ${name}`);
  return id;
}

/**
 * Handlers of the e-invoice queues: sending one invoice e-mail (at-least-once, see docs/e-invoices.md) and
 * rendering a paper print batch. Both are idempotent: a delivery already sent and a batch already rendered
 * are left alone when their job runs again.
 */
export function eInvoiceJobHandlers(dependencies: EInvoiceJobDependencies): Record<string, JobHandler> {
  const now = dependencies.now ?? (() => new Date());
  const context: DeliveryContext = {
    database: dependencies.database,
    config: dependencies.config,
    mail: dependencies.mail,
    now,
    ...(dependencies.afterSend ? { afterSend: dependencies.afterSend } : {}),
  };
  return {
    [INVOICE_DELIVERY_QUEUE]: async (job) => {
      await deliverInvoice(context, idOf(job.payload['deliveryId'], 'deliveryId'), job);
    },
    [PAPER_PRINT_QUEUE]: async (job) => {
      await renderPrintBatch(
        { database: dependencies.database, config: dependencies.config, now },
        idOf(job.payload['batchId'], 'batchId'),
        {
          final: job.attempts >= job.maxAttempts,
        },
      );
    },
  };
}
