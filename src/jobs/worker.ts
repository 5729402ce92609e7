import { createPaymentProviders } from '../adapters/payments/index.ts';
import type { App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { paymentJobHandlers } from '../modules/payments/jobs.ts';
import { scheduleNotificationScan } from '../modules/notifications/scan.ts';
import { billingRunHandlers } from './billing-run-job.ts';
import { eInvoiceJobHandlers } from './e-invoice-delivery.ts';
import { notificationJobHandlers } from './notification-delivery.ts';
import { startWorker, type JobHandler } from './queue.ts';

/** Every queue the product has, with its handler: what one worker process serves. */
export function allJobHandlers(app: App, database: Database, config: Config): Record<string, JobHandler> {
  const { mail, now } = app.dependencies;
  const payments = { database, config, now, providers: createPaymentProviders(config), log: app.log };
  return {
    ...eInvoiceJobHandlers({ database, config, mail, now }),
    ...notificationJobHandlers({ database, config, mail, now }),
    ...paymentJobHandlers(payments, mail),
    ...billingRunHandlers(database, config),
  };
}

/**
 * Starts the job worker beside the HTTP server: e-mails of invoices and notifications, payment confirmations
 * and expiries, billing runs started from the back office, and the daily notification scan (queued here once a
 * day; several servers starting at once still queue one, as its key names the day).
 */
export async function startJobWorker(
  app: App,
  database: Database,
  config: Config,
): Promise<{ stop: () => Promise<void> }> {
  await scheduleNotificationScan(database.db, app.dependencies.now());
  return startWorker(database, allJobHandlers(app, database, config), {
    workerId: `server-${process.pid}`,
    onError: (error) => app.log.error({ err: error }, 'job worker failed'),
  });
}
