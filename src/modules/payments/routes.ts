import { createPaymentProviders } from '../../adapters/payments/index.ts';
import type { App } from '../../app.ts';
import type { PaymentsContext } from './context.ts';
import { customerPaymentRoutes } from './customer-routes.ts';
import { sandboxPageRoutes } from './sandbox-page.ts';
import { staffPaymentRoutes } from './staff-routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

/**
 * Payments: the customer's online payments, the providers' webhooks, the sandbox checkout (outside
 * production) and the back office's money operations. Each part is its own encapsulated plugin, so the
 * webhook's raw-body parser and the customer hook apply to their own routes only.
 */
export async function paymentRoutes(app: App): Promise<void> {
  const { database, config, now } = app.dependencies;
  const context: PaymentsContext = {
    database,
    config,
    now,
    providers: createPaymentProviders(config),
    log: app.log,
  };
  const part =
    (declare: (scope: App, context: PaymentsContext) => void) =>
    (scope: App, _options: unknown, done: () => void) => {
      declare(scope, context);
      done();
    };
  await app.register(part(customerPaymentRoutes));
  await app.register(part(webhookRoutes));
  await app.register(part(staffPaymentRoutes));
  if (context.providers.byName('sandbox')) await app.register(part(sandboxPageRoutes));
}
