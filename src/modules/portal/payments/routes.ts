import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, dateOut, grosze, periodQuery } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { loadPayments } from './repository.ts';

export const paymentSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  receivedOn: dateOut,
  amountGrosze: grosze('Amount received (negative for a refund paid out to the customer).'),
  feeGrosze: grosze('Fee of an online payment (e.g. 100 = 1 zł), paid on top of the amount.'),
  channel: z.enum(['online', 'transfer', 'cash_desk', 'refund']),
  title: z.string().nullable().describe('Transfer title as received.'),
  invoices: z
    .array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        amountGrosze: grosze('Part of the payment for this invoice.'),
      }),
    )
    .describe('Invoices this payment paid.'),
  unallocatedGrosze: grosze('Part not (yet) used for an invoice: credit.'),
});

export const paymentsAnswer = z.object({ items: z.array(paymentSchema) });
export type PaymentsAnswer = z.infer<typeof paymentsAnswer>;

export function paymentRoutes(app: PortalApp): void {
  app.get(
    '/payments',
    {
      schema: {
        tags: ['portal'],
        summary: 'Payments by any channel, newest first, with the invoices they paid',
        description: '`from`/`to` filter by the day the payment was received.',
        querystring: periodQuery,
        response: { 200: paymentsAnswer, ...commonErrors },
      },
    },
    async (request) => ({
      items: await loadPayments(app.dependencies.database.db, scopeOf(request), request.query),
    }),
  );
}
