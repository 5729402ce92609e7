import type { InvoiceDocument } from '../../modules/invoices/document.ts';
import { invoiceDefinition } from './invoice-content.ts';
import { renderPdf } from './printer.ts';

/** The invoice as an A4 PDF in the document's language (Polish by default). */
export function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  return renderPdf(invoiceDefinition(document));
}
