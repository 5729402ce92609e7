import { renderInvoicePdf } from '../../../adapters/pdf/invoice-pdf.ts';
import type { Config } from '../../../config.ts';
import type { InvoiceStatus } from '../../../domain/index.ts';
import { loadInvoiceDocument } from '../../invoices/document.ts';
import {
  assertServicePoint,
  notFoundFor,
  NOT_FOUND_TEXT,
  type Executor,
  type PortalScope,
} from '../scope.ts';
import { loadInvoiceDetailRows } from './detail.ts';
import { presentDetail, presentListItem } from './presenter.ts';
import { loadInvoiceAccounts, type InvoiceFilter } from './repository.ts';

export const PAGE_SIZE_DEFAULT = 20;

export interface InvoiceListQuery extends Pick<InvoiceFilter, 'from' | 'to' | 'servicePointId'> {
  status?: InvoiceStatus;
  page: number;
  pageSize: number;
}

/**
 * A page of the customer's invoices. The status is derived per invoice, so filtering by it happens after the
 * amounts are known; one customer has at most a few hundred documents, which keeps this cheap.
 */
export async function listInvoices(db: Executor, scope: PortalScope, query: InvoiceListQuery) {
  if (query.servicePointId !== undefined) await assertServicePoint(db, scope, query.servicePointId);
  const all = await loadInvoiceAccounts(db, scope, query);
  const matching = query.status ? all.filter((invoice) => invoice.status === query.status) : all;
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matching.slice(start, start + query.pageSize).map(presentListItem),
    page: query.page,
    pageSize: query.pageSize,
    total: matching.length,
  };
}

export async function invoiceDetail(db: Executor, scope: PortalScope, invoiceId: number) {
  const [invoice] = await loadInvoiceAccounts(db, scope, { id: invoiceId });
  const rows = invoice && (await loadInvoiceDetailRows(db, scope, invoiceId));
  if (!invoice || !rows) throw notFoundFor(scope, NOT_FOUND_TEXT.invoice);
  return presentDetail(invoice, rows);
}

/** The PDF exactly as the utility prints it, in the customer's language. */
export async function invoicePdf(
  db: Executor,
  scope: PortalScope,
  invoiceId: number,
  config: Pick<Config, 'seller'>,
) {
  const [invoice] = await loadInvoiceAccounts(db, scope, { id: invoiceId });
  const document =
    invoice && (await loadInvoiceDocument(db, invoiceId, config, { customerId: invoice.customerId }));
  if (!invoice || !document) throw notFoundFor(scope, NOT_FOUND_TEXT.invoice);
  return { number: invoice.number, pdf: await renderInvoicePdf(document) };
}

/** "FV/2026/11/000001" → "faktura-FV-2026-11-000001.pdf": slashes are not allowed in file names. */
export function pdfFileName(number: string): string {
  return `faktura-${number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
}
