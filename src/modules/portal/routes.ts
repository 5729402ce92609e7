import type { App } from '../../app.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCustomer } from '../../http/authorization.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { consumptionRoutes } from './consumption/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { invoiceRoutes } from './invoices/routes.ts';
import { meterRoutes } from './meters/routes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { profileRoutes } from './profile/routes.ts';
import { readingRoutes } from './readings/routes.ts';
import { selfReadingRoutes } from './self-readings/routes.ts';
import { settlementRoutes } from './settlements/routes.ts';
import { summaryRoutes } from './summary/routes.ts';
import { fallbackMessage, validationMessages } from './validation.ts';

/**
 * The customer portal's JSON API, registered under /api/v1/me. Every route here requires a signed-in
 * customer who accepted the current terms; the check runs on request, before validation, so an anonymous
 * caller learns nothing from validation messages. Each repository then scopes its SQL by the customers the
 * login holds (scope.ts), and scoping.test.ts walks every route with another customer's ids.
 */
export function portalRoutes(root: App, _options: unknown, done: (error?: Error) => void): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireCustomer);
  app.setErrorHandler(localizedValidationErrorHandler(validationMessages, fallbackMessage));
  summaryRoutes(app);
  invoiceRoutes(app);
  settlementRoutes(app);
  paymentRoutes(app);
  readingRoutes(app);
  selfReadingRoutes(app);
  meterRoutes(app);
  consumptionRoutes(app);
  profileRoutes(app);
  exportRoutes(app);
  done();
}
