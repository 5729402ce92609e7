import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { auditRoutes } from './audit/routes.ts';
import { billingRoutes } from './billing/routes.ts';
import { customerRoutes } from './customers/routes.ts';
import { meterRoutes } from './meters/routes.ts';
import { readingRoutes } from './readings/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { servicePointRoutes } from './service-points/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { tariffRoutes } from './tariffs/routes.ts';
import { enforceStaffRole } from './shared/access.ts';
import { fallbackFieldMessage, fieldMessages } from './shared/validation.ts';

/**
 * The back office's JSON API under /api/v1/staff. Every route passes enforceStaffRole before its body is even
 * parsed: reading needs any staff role, changing needs operator, tariffs and staff accounts need admin.
 * Every change writes its audit entry in the transaction that makes it.
 */
export function backofficeRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', enforceStaffRole);
  app.setErrorHandler(localizedValidationErrorHandler(fieldMessages, fallbackFieldMessage));
  customerRoutes(app);
  servicePointRoutes(app);
  meterRoutes(app);
  readingRoutes(app);
  tariffRoutes(app);
  billingRoutes(app);
  reportRoutes(app);
  auditRoutes(app);
  staffRoutes(app);
  return Promise.resolve();
}
