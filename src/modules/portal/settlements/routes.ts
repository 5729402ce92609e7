import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, dateOut, grosze, id, periodQuery } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { invoiceStatusSchema } from '../invoices/presenter.ts';
import { settlements } from './service.ts';

const entry = z.object({
  date: dateOut.describe('Issue date of a document, received date of a payment.'),
  type: z.enum(['invoice', 'correction', 'payment']),
  id: z.number().int().describe('Invoice id (GET /api/v1/me/invoices/{id}) or payment id.'),
  number: z.string().nullable().describe('Document number; null for a payment.'),
  channel: z
    .enum(['online', 'transfer', 'cash_desk', 'refund'])
    .nullable()
    .describe('Payment channel; null for a document.'),
  amountGrosze: grosze(
    'Signed: positive charges the account, negative is money received (a refund is positive).',
  ),
  balanceGrosze: grosze('Balance after this entry: positive = to pay, negative = overpaid (credit).'),
  dueDate: dateOut.nullable(),
  status: invoiceStatusSchema.nullable(),
  outstandingGrosze: z.number().int().nullable().describe('For an invoice: still to pay today, grosze.'),
});

export const settlementsAnswer = z.object({
  accounts: z.array(
    z.object({
      customerId: z.number().int(),
      openingBalanceGrosze: grosze('Balance before `from`.'),
      closingBalanceGrosze: grosze('Balance after the last entry up to `to`.'),
      entries: z.array(entry).describe('Oldest first.'),
    }),
  ),
});
export type SettlementsAnswer = z.infer<typeof settlementsAnswer>;

export function settlementRoutes(app: PortalApp): void {
  app.get(
    '/settlements',
    {
      schema: {
        tags: ['portal'],
        summary:
          'Invoices and payments in one chronological list with the running balance, per customer account',
        querystring: periodQuery.safeExtend({
          customerId: id
            .optional()
            .describe('Only this customer account (404 when the login does not hold it).'),
        }),
        response: {
          200: settlementsAnswer,
          ...commonErrors,
        },
      },
    },
    async (request) => ({
      accounts: await settlements(app.dependencies.database.db, scopeOf(request), request.query),
    }),
  );
}
