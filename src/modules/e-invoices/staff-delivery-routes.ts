import { z } from 'zod';
import { requireStaff, staffAccessOf } from '../../http/authorization.ts';
import { notFound } from '../../http/errors.ts';
import { attachmentHeaders } from '../../http/file-answer.ts';
import { localize, requestLanguage } from '../../http/language.ts';
import { resendInvoice } from './delivery-queue.ts';
import { listDeliveries, mailFolder } from './outbox.ts';
import { createPrintBatches, listBatches, readBatchPdf, unbatchedPaperInvoices } from './print-batches.ts';
import { batchAnswer, deliveryAnswer, errors, fileAnswer, id, outboxQuery, resendBody } from './schemas.ts';
import type { StaffApp } from './staff-routes.ts';

const tags = ['e-invoices (staff)'];
const security = [{ session: [] }];
const binary = (type: string) => fileAnswer(type, 'The file.');
const runQuery = z.object({ billingRunId: id });

/** The outbox of invoice e-mails, resending, the demo mail folder, and paper printing per billing run. */
export function staffDeliveryRoutes(app: StaffApp): void {
  const { database, now, config } = app.dependencies;

  app.get(
    '/api/v1/staff/e-invoices/deliveries',
    {
      schema: {
        tags,
        security,
        summary:
          'Invoice e-mails with their delivery status (queued, sending, sent, failed with the reason), newest first',
        querystring: outboxQuery,
        response: {
          ...errors,
          200: z.object({
            items: z.array(deliveryAnswer),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const { items, total } = await listDeliveries(database.db, request.query);
      return {
        items: items.map((item) => ({
          ...item,
          createdAt: item.createdAt.toISOString(),
          sentAt: item.sentAt?.toISOString() ?? null,
        })),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.post(
    '/api/v1/staff/e-invoices/invoices/:invoiceId/resend',
    {
      schema: {
        tags,
        security,
        summary:
          'Send an e-invoice again (to the last address, or to the one given); queued like the first delivery',
        params: z.object({ invoiceId: id }),
        body: resendBody,
        response: {
          ...errors,
          202: z.object({
            deliveryId: z.number().int(),
            generation: z.number().int(),
            recipient: z.string(),
          }),
        },
      },
      onRequest: requireStaff('operator'),
    },
    async (request, reply) => {
      const staff = staffAccessOf(request);
      const result = await resendInvoice(database.db, {
        invoiceId: request.params.invoiceId,
        staffUserId: staff.staffUserId,
        email: request.body.email,
        ip: request.ip,
        now: now(),
        language: requestLanguage(request),
      });
      return reply.code(202).send(result);
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/mail-files',
    {
      schema: {
        tags,
        security,
        summary:
          'Without SMTP_URL: the e-mails written as .eml files under DATA_DIR/mail (demo outbox), oldest first',
        response: {
          ...errors,
          200: z.object({
            transport: z.enum(['smtp', 'file']),
            files: z.array(z.object({ name: z.string(), size: z.number().int(), storedAt: z.string() })),
          }),
        },
      },
    },
    async () => {
      const folder = mailFolder(config);
      if (!folder) return { transport: 'smtp' as const, files: [] };
      const files = await folder.list();
      return {
        transport: 'file' as const,
        files: files.map((file) => ({
          name: file.name,
          size: file.size,
          storedAt: file.storedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/mail-files/:name',
    {
      schema: {
        tags,
        security,
        summary: 'One stored e-mail (RFC 822, opens in any mail client)',
        params: z.object({ name: z.string().regex(/^[0-9A-Za-z-]+\.eml$/, { error: 'name' }) }),
        response: { ...errors, 200: binary('message/rfc822') },
      },
    },
    async (request, reply) => {
      const folder = mailFolder(config);
      const names = folder ? (await folder.list()).map((file) => file.name) : [];
      if (!folder || !names.includes(request.params.name)) {
        throw notFound(
          localize({ pl: 'Nie ma takiej wiadomości.', en: 'No such message.' }, requestLanguage(request)),
        );
      }
      return reply
        .headers(attachmentHeaders(request.params.name, 'message/rfc822'))
        .send(await folder.read(request.params.name));
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/paper-invoices',
    {
      schema: {
        tags,
        security,
        summary:
          'Invoices of a billing run to print on paper and not yet in a print batch (no e-invoice acceptance, or e-mail failed)',
        querystring: runQuery,
        response: {
          ...errors,
          200: z.object({
            items: z.array(
              z.object({
                invoiceId: z.number().int(),
                number: z.string(),
                customerNumber: z.string(),
                buyerName: z.string(),
                buyerAddress: z.string(),
                reason: z.enum(['paper', 'email_failed']),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await unbatchedPaperInvoices(database.db, request.query.billingRunId).execute();
      return {
        items: rows.map((row) => ({
          invoiceId: row.id,
          number: row.number,
          customerNumber: row.customer_number,
          buyerName: row.buyer_name,
          buyerAddress: row.buyer_address,
          reason: row.delivery === 'paper' ? ('paper' as const) : ('email_failed' as const),
        })),
      };
    },
  );

  app.post(
    '/api/v1/staff/e-invoices/print-batches',
    {
      schema: {
        tags,
        security,
        summary:
          'Put the paper invoices of a billing run into print batches (one PDF each, rendered in the background)',
        body: runQuery,
        response: { ...errors, 202: z.object({ batchIds: z.array(z.number().int()) }) },
      },
      onRequest: requireStaff('operator'),
    },
    async (request, reply) => {
      const staff = staffAccessOf(request);
      const batchIds = await createPrintBatches(database.db, {
        billingRunId: request.body.billingRunId,
        staffUserId: staff.staffUserId,
        now: now(),
        language: requestLanguage(request),
      });
      return reply.code(202).send({ batchIds });
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/print-batches',
    {
      schema: {
        tags,
        security,
        summary: 'Print batches, newest first',
        querystring: z.object({ billingRunId: id.optional() }),
        response: { ...errors, 200: z.object({ items: z.array(batchAnswer) }) },
      },
    },
    async (request) => {
      const batches = await listBatches(database.db, request.query.billingRunId);
      return {
        items: batches.map((batch) => ({
          ...batch,
          createdAt: batch.createdAt.toISOString(),
          readyAt: batch.readyAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/print-batches/:batchId/pdf',
    {
      schema: {
        tags,
        security,
        summary: 'The PDF of a ready print batch',
        params: z.object({ batchId: id }),
        response: { ...errors, 200: binary('application/pdf') },
      },
    },
    async (request, reply) => {
      const pdf = await readBatchPdf(database.db, config.dataDirectory, request.params.batchId);
      if (!pdf)
        throw notFound(
          localize(
            { pl: 'Partia nie jest jeszcze gotowa.', en: 'The batch is not ready yet.' },
            requestLanguage(request),
          ),
        );
      return reply
        .headers(attachmentHeaders(`partia-${request.params.batchId}.pdf`, 'application/pdf'))
        .send(pdf);
    },
  );
}
