import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StatementFormatError } from '../../adapters/bank-statements/index.ts';
import type { App } from '../../app.ts';
import { requireStaff, staffAccessOf } from '../../http/authorization.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../bank-import/audit.ts';
import { importStatement } from '../bank-import/service.ts';
import { assignUnmatched, listImports, listUnmatched } from '../bank-import/unmatched.ts';
import { polishDay, type PaymentsContext } from './context.ts';
import { assignedAnswer, errors, id, idParams, importAnswer, postedAnswer, refundAnswer } from './schemas.ts';
import { feeRevenue, listNotifications, recordCashDeskPayment, recordRefund } from './staff-service.ts';

const reader = { onRequest: requireStaff('read_only') };
// Changes: operators and admins; read_only staff are refused before the body is even read.
const writer = { onRequest: requireStaff('operator') };
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data w formacie RRRR-MM-DD.');
const amount = z
  .number()
  .int('Kwota w groszach (liczba całkowita).')
  .positive('Kwota musi być dodatnia.')
  .max(100_000_000_00);
const invoiceIds = z.array(id).max(100).default([]);

const actorOf = (request: FastifyRequest): Actor => ({
  staffUserId: staffAccessOf(request).staffUserId,
  ip: request.ip,
});

/** Back-office payments (/api/v1/staff/payments/...): unmatched transfers, statements, cash desk, refunds, notifications. */
export function staffPaymentRoutes(root: App, context: PaymentsContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff payments'];
  const { database } = context;

  app.get(
    '/api/v1/staff/payments/unmatched',
    { ...reader, schema: { tags, summary: 'Incoming transfers no customer was found for, oldest first' } },
    async () => ({
      items: await listUnmatched(database),
    }),
  );

  app.post(
    '/api/v1/staff/payments/unmatched/:id/assign',
    {
      ...writer,
      schema: {
        tags,
        summary: 'Posts an unmatched transfer to a customer (named invoices first, the rest as credit)',
        params: idParams,
        body: z.object({ customerId: id, invoiceIds }),
        response: { 200: assignedAnswer, ...errors },
      },
    },
    async (request) =>
      assignUnmatched(database, {
        itemId: request.params.id,
        customerId: request.body.customerId,
        invoiceIds: request.body.invoiceIds,
        actor: actorOf(request),
        now: context.now(),
      }),
  );

  app.get(
    '/api/v1/staff/payments/statements',
    { ...reader, schema: { tags, summary: 'Imported bank statements, newest first' } },
    async () => ({ items: await listImports(database) }),
  );

  app.post(
    '/api/v1/staff/payments/statements',
    {
      ...writer,
      schema: {
        tags,
        summary: 'Imports a bank statement (MT940/MT942 or CSV); the same file twice changes nothing',
        description:
          'Send the file as text (`content`) or, for a Windows-1250 file, as base64 (`contentBase64`). A malformed file is refused whole: 400 with the line and reason.',
        body: z.object({
          fileName: z.string().min(1).max(255),
          content: z.string().max(900_000).optional(),
          contentBase64: z.string().max(900_000).optional(),
        }),
        response: { 200: importAnswer, ...errors },
      },
    },
    async (request) => {
      const { content, contentBase64, fileName } = request.body;
      if ((content === undefined) === (contentBase64 === undefined))
        throw new AppError('bad_request', 'Podaj treść pliku: content albo contentBase64.');
      const bytes =
        content !== undefined
          ? new TextEncoder().encode(content)
          : Uint8Array.from(Buffer.from(contentBase64!, 'base64'));
      try {
        const report = await importStatement(database, {
          fileName,
          content: bytes,
          bankAccountPrefix: context.config.bankAccountPrefix,
          actor: actorOf(request),
          now: context.now(),
        });
        return report;
      } catch (error) {
        if (error instanceof StatementFormatError)
          throw new AppError(
            'bad_request',
            `Plik odrzucony, nic nie zaimportowano. Wiersz ${error.line}: ${error.reason}`,
            { file: `line ${error.line}: ${error.reason}` },
          );
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/staff/payments/cash-desk',
    {
      ...writer,
      schema: {
        tags,
        summary: 'Records a cash desk payment (once per receipt number)',
        body: z.object({
          customerId: id,
          amountGrosze: amount,
          receivedOn: date.optional(),
          receiptNumber: z.string().trim().min(1).max(60),
          invoiceIds,
        }),
        response: { 201: postedAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const posted = await recordCashDeskPayment(database, {
        customerId: body.customerId,
        amountGrosze: body.amountGrosze,
        receivedOn: body.receivedOn ?? polishDay(context.now()),
        receiptNumber: body.receiptNumber,
        invoiceIds: body.invoiceIds,
        actor: actorOf(request),
        now: context.now(),
      });
      return reply.code(201).send(posted);
    },
  );

  app.post(
    '/api/v1/staff/payments/refunds',
    {
      ...writer,
      schema: {
        tags,
        summary:
          "Marks a refund of the customer's overpayment to the given account (no more than their credit)",
        body: z.object({
          customerId: id,
          amountGrosze: amount,
          accountNumber: z.string().min(26).max(40),
          reason: z.string().trim().min(3).max(300),
        }),
        response: { 201: refundAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const now = context.now();
      const refund = await recordRefund(database, {
        ...request.body,
        actor: actorOf(request),
        now,
        today: polishDay(now),
      });
      return reply.code(201).send(refund);
    },
  );

  app.get(
    '/api/v1/staff/payments/notifications',
    {
      ...reader,
      schema: {
        tags,
        summary:
          "Providers' notifications; by default the refused ones (forged, mismatched, unknown, unverified)",
        querystring: z.object({
          outcome: z.enum(['posted', 'duplicate', 'failed', 'noted', 'rejected', 'verify_failed']).optional(),
        }),
      },
    },
    async (request) => ({
      items: await listNotifications(
        database,
        request.query.outcome ? { outcome: request.query.outcome } : {},
      ),
    }),
  );

  app.get(
    '/api/v1/staff/payments/fees',
    {
      ...reader,
      schema: {
        tags,
        summary: 'Fee revenue of online payments received in a period',
        querystring: z.object({ from: date, to: date }),
      },
    },
    async (request) => feeRevenue(database, request.query.from, request.query.to),
  );
}
