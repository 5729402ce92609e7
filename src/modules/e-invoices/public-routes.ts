import type { App } from '../../app.ts';
import { fileAnswer, attachmentHeaders } from '../../http/file-answer.ts';
import { polishDate } from '../auth/calendar.ts';
import { eInvoiceTerms } from './consent-store.ts';
import { renderStatementPdf } from './statement-pdf.ts';

/**
 * For customers without an iBOK account: the blank paper statement of acceptance of e-invoices, to fill in,
 * sign and bring to the office (the utility's announcement offers it for download next to the terms).
 */
export function eInvoicePublicRoutes(app: App): Promise<void> {
  const { database, now, config } = app.dependencies;
  app.get(
    '/api/v1/e-invoice/statement.pdf',
    {
      schema: {
        tags: ['e-invoices'],
        summary: 'The blank paper statement of acceptance of e-invoices, to print, fill in and sign',
        response: {
          200: fileAnswer('application/pdf', 'The statement with empty lines for the customer data.'),
        },
      },
    },
    async (_request, reply) => {
      const terms = await eInvoiceTerms(database.db, { onDate: polishDate(now()) });
      const pdf = await renderStatementPdf({
        customer: null,
        email: null,
        termsVersion: terms?.version ?? null,
        seller: config.seller,
      });
      return reply
        .headers(attachmentHeaders('oswiadczenie-e-faktura.pdf', 'application/pdf', 'public, max-age=300'))
        .send(pdf);
    },
  );
  return Promise.resolve();
}
