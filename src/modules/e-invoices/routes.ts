import type { App } from '../../app.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { eInvoicePortalRoutes } from './portal-routes.ts';
import { eInvoicePublicRoutes } from './public-routes.ts';
import { eInvoiceStaffRoutes } from './staff-routes.ts';

/** e-invoices and notifications: the blank statement for anyone, the customer's consent page, the back office's consent, outbox and printing. */
export async function eInvoiceRoutes(app: App): Promise<void> {
  await app.register(eInvoicePublicRoutes);
  await app.register(eInvoicePortalRoutes);
  await app.register(eInvoiceStaffRoutes);
  await app.register(notificationRoutes);
}
