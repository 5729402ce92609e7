import type { MailMessage, MailTransport } from '../../adapters/mail/index.ts';
import { createPaymentProviders } from '../../adapters/payments/index.ts';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { drainQueues } from '../../jobs/queue.ts';
import {
  billMonths,
  createPortalCustomer,
  portalClient,
  type PortalClient,
} from '../../../tests/support/portal-fixtures.ts';
import type { PaymentsContext } from './context.ts';
import { paymentJobHandlers } from './jobs.ts';

/** A signed-in customer with two real invoices (billing run for September and October 2026). */
export interface Payer {
  customerId: number;
  customerNumber: string;
  email: string;
  client: PortalClient;
  invoices: Array<{ id: number; number: string; gross: number }>;
}

export async function createPayer(database: Database, app: App): Promise<Payer> {
  const customer = await createPortalCustomer(database.db);
  await billMonths(database, ['2026-09', '2026-10']);
  const invoices = await database.db
    .selectFrom('invoices')
    .where('customer_id', '=', customer.customerId)
    .select(['id', 'number', 'gross_grosze'])
    .orderBy('id')
    .execute();
  const client = await portalClient(app, customer.login);
  return {
    customerId: customer.customerId,
    customerNumber: customer.customerNumber,
    email: customer.login.email,
    client,
    invoices: invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      gross: invoice.gross_grosze,
    })),
  };
}

/** A mail transport that keeps what it is given (the confirmation e-mail's content is asserted). */
export function capturingMail(): MailTransport & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    send(message) {
      sent.push(message);
      return Promise.resolve({ messageId: `<${sent.length}@test>` });
    },
  };
}

export function paymentsContext(database: Database, config: Config, now: () => Date): PaymentsContext {
  const quiet = () => undefined;
  return {
    database,
    config,
    now,
    providers: createPaymentProviders(config),
    log: { info: quiet, warn: quiet, error: quiet },
  };
}

/** Runs the payments jobs that are due, as the worker would. */
export function runPaymentJobs(context: PaymentsContext, mail: MailTransport) {
  return drainQueues(context.database, paymentJobHandlers(context, mail), {
    workerId: 'test',
    now: context.now,
  });
}

export async function countRows(
  database: Database,
  table: 'payments' | 'payment_allocations' | 'online_payments' | 'jobs' | 'payment_notifications',
): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((select) => select.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
