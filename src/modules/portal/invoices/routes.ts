import { z } from 'zod';
import { attachmentHeaders } from '../../../http/file-answer.ts';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, id, idParams, periodQuery } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { invoiceDetail, invoiceListItem, invoiceStatusSchema } from './presenter.ts';
import {
  invoiceDetail as loadDetail,
  invoicePdf,
  listInvoices,
  PAGE_SIZE_DEFAULT,
  pdfFileName,
} from './service.ts';

/** Binary in the OpenAPI document; a Buffer in the handler. */
const pdfBody = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ type: 'string', format: 'binary', description: 'PDF document.' });

const listQuery = periodQuery.safeExtend({
  status: invoiceStatusSchema.optional(),
  servicePointId: id.optional().describe('Only invoices of this service point (404 when it is not yours).'),
  page: z.coerce
    .number({ error: 'page' })
    .int({ error: 'page' })
    .min(1, { error: 'page' })
    .max(100_000, { error: 'page' })
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize' })
    .int({ error: 'pageSize' })
    .min(1, { error: 'pageSize' })
    .max(100, { error: 'pageSize' })
    .default(PAGE_SIZE_DEFAULT),
});

export const invoiceListAnswer = z.object({
  items: z.array(invoiceListItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('Number of matching documents on all pages.'),
});
export type InvoiceListAnswer = z.infer<typeof invoiceListAnswer>;
export type InvoiceDetailAnswer = z.infer<typeof invoiceDetail>;

export function invoiceRoutes(app: PortalApp): void {
  app.get(
    '/invoices',
    {
      schema: {
        tags: ['portal'],
        summary: 'Invoices and correcting invoices of the signed-in customer, newest first',
        description: '`from`/`to` filter by issue date. `status` is derived (see the invoice status schema).',
        querystring: listQuery,
        response: {
          200: invoiceListAnswer,
          ...commonErrors,
        },
      },
    },
    async (request) => listInvoices(app.dependencies.database.db, scopeOf(request), request.query),
  );

  app.get(
    '/invoices/:id',
    {
      schema: {
        tags: ['portal'],
        summary:
          'One invoice: lines, VAT summary, readings used, corrections, payments, status and amount due',
        params: idParams,
        response: { 200: invoiceDetail, ...commonErrors },
      },
    },
    async (request) => loadDetail(app.dependencies.database.db, scopeOf(request), request.params.id),
  );

  app.get(
    '/invoices/:id/pdf',
    {
      schema: {
        tags: ['portal'],
        summary: 'The invoice as a PDF (attachment)',
        params: idParams,
        response: {
          200: {
            description: 'application/pdf; Content-Disposition names the file after the invoice number.',
            content: { 'application/pdf': { schema: pdfBody } },
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { number, pdf } = await invoicePdf(
        app.dependencies.database.db,
        scopeOf(request),
        request.params.id,
        app.dependencies.config,
      );
      return reply.headers(attachmentHeaders(pdfFileName(number), 'application/pdf')).send(pdf);
    },
  );
}
