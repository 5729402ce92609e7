import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { customerAccessOf, requireCustomer } from '../../http/authorization.ts';
import type { PaymentsContext } from './context.ts';
import { attemptAnswer, errors, idParams, invoiceChoice, payableAnswer, quoteAnswer } from './schemas.ts';
import {
  cancelPayment,
  payableInvoices,
  quotePayment,
  startPayment,
  viewPayment,
  type PayerScope,
} from './service.ts';

function payerOf(request: FastifyRequest): PayerScope {
  const access = customerAccessOf(request);
  return {
    customerIds: access.customerIds,
    loginId: access.loginId,
    email: access.email,
    language: access.language,
    ip: request.ip,
  };
}

/**
 * Online payment of chosen invoices for the signed-in customer (/api/v1/me/payments/...). The list of payments
 * by every channel is the portal's GET /api/v1/me/payments; these routes start, show and cancel online ones.
 */
export function customerPaymentRoutes(root: App, context: PaymentsContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];
  app.addHook('onRequest', requireCustomer);

  app.get(
    '/api/v1/me/payments/payable',
    {
      schema: {
        tags,
        summary: 'Unpaid invoices that can be paid online, each with any payment in progress, and the fee',
        response: { 200: payableAnswer, ...errors },
      },
    },
    async (request) => {
      const { invoices, feeGrosze } = await payableInvoices(context, payerOf(request));
      return {
        feeGrosze,
        items: invoices.map((invoice) => ({
          id: invoice.id,
          number: invoice.number,
          customerId: invoice.customerId,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          amountDueGrosze: invoice.amountDueGrosze,
          outstandingGrosze: invoice.outstandingGrosze,
          paymentInProgress: invoice.paymentInProgress
            ? {
                paymentId: invoice.paymentInProgress.onlinePaymentId,
                expiresAt: invoice.paymentInProgress.expiresAt.toISOString(),
              }
            : null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/me/payments/quote',
    {
      schema: {
        tags,
        summary: 'The summary to confirm: invoices, the fee as its own line, the total (nothing is saved)',
        body: invoiceChoice,
        response: { 200: quoteAnswer, ...errors },
      },
    },
    async (request) => quotePayment(context, payerOf(request), request.body.invoiceIds),
  );

  app.post(
    '/api/v1/me/payments',
    {
      schema: {
        tags,
        summary:
          "Starts an online payment of the chosen invoices; answers with the provider's checkout address (redirectUrl)",
        description:
          '409 when an invoice is paid already or covered by another pending payment (double click, second tab); 503 when the provider is unavailable.',
        body: invoiceChoice,
        response: { 201: attemptAnswer, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startPayment(context, payerOf(request), request.body.invoiceIds)),
  );

  app.get(
    '/api/v1/me/payments/:id',
    {
      schema: {
        tags,
        summary:
          'An online payment: status (pending, paid, failed, expired, cancelled), invoices, fee, history — for the return page',
        params: idParams,
        response: { 200: attemptAnswer, ...errors },
      },
    },
    async (request) => viewPayment(context, payerOf(request), request.params.id),
  );

  app.post(
    '/api/v1/me/payments/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Gives up a pending online payment so its invoices can be paid again',
        params: idParams,
        response: { 200: attemptAnswer, ...errors },
      },
    },
    async (request) => cancelPayment(context, payerOf(request), request.params.id),
  );
}
