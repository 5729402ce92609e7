import { z } from 'zod';
import { listInvoices } from '../../portal/invoices/service.ts';
import { readingHistory } from '../../portal/readings/service.ts';
import type { PortalScope } from '../../portal/scope.ts';
import { summary } from '../../portal/summary/service.ts';
import type { StaffContext } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';
import { dateOut } from '../shared/schemas.ts';

/**
 * What the customer sees in the portal, computed by the portal's own services with the customer's id as the
 * scope, so staff on the phone see exactly the figures the customer sees. Read-only by construction: only
 * the portal's read functions are called. A customer without a portal login gets the same figures; only the
 * dashboard entry, which belongs to a login, is then missing.
 */
export async function portalView(context: StaffContext, customerId: number) {
  const { db } = context.database;
  const customer = await db
    .selectFrom('customers')
    .select(['id'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFoundError(notFoundText.customer, context.language);
  const login = await db
    .selectFrom('customer_login_access as access')
    .innerJoin('customer_logins as login', 'login.id', 'access.login_id')
    .where('access.customer_id', '=', customerId)
    .select(['login.id', 'login.email', 'login.language'])
    .orderBy((expression) => expression.case().when('access.role', '=', 'holder').then(0).else(1).end())
    .orderBy('login.id')
    .executeTakeFirst();
  const scope: PortalScope = {
    customerIds: [customerId],
    // No login holds identity 0, so a portal service asking "submitted by you?" answers no.
    loginId: login?.id ?? 0,
    language: login?.language === 'en' ? 'en' : 'pl',
    today: context.today,
    now: context.now,
  };
  const [dashboard, invoices, readings] = await Promise.all([
    login ? summary(db, scope) : Promise.resolve(null),
    listInvoices(db, scope, { page: 1, pageSize: 20 }),
    readingHistory(db, scope, {}),
  ]);
  return {
    today: context.today,
    registered: login !== undefined,
    loginEmail: login?.email ?? null,
    summary: dashboard?.customers.find((entry) => entry.customerId === customerId) ?? null,
    invoices,
    readings,
  };
}

export const portalViewAnswer = z.object({
  today: dateOut,
  registered: z.boolean().describe('The customer has a portal login.'),
  loginEmail: z.string().nullable(),
  summary: z
    .unknown()
    .describe('One entry of GET /api/v1/me/summary `customers` (null without a portal login).'),
  invoices: z.unknown().describe('The first page of GET /api/v1/me/invoices.'),
  readings: z
    .unknown()
    .describe('The answer of GET /api/v1/me/readings: every meter with its reading history.'),
});
