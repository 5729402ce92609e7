import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Content, ContentSection, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { invoiceDefinition } from '../../adapters/pdf/invoice-content.ts';
import { renderPdf } from '../../adapters/pdf/printer.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { enqueue } from '../../jobs/queue.ts';
import { loadInvoiceDocument, type InvoiceDocument } from '../invoices/document.ts';
import type { Executor } from './consent-store.ts';

/**
 * Invoices that go out on paper: those issued without e-invoice acceptance, and e-invoices whose e-mail
 * finally failed (nothing is lost: they are printed instead). Staff print them per billing run as one PDF;
 * a run with more than MAXIMUM_BATCH_INVOICES such invoices gets several batches, so no file grows beyond
 * what a print shop accepts. Each invoice is put in one batch only.
 */

export const PAPER_PRINT_QUEUE = 'paper-print-batch';
export const MAXIMUM_BATCH_INVOICES = 1000;

/** Paper invoices of a run not yet put into a batch, in number order. */
export function unbatchedPaperInvoices(db: Executor, billingRunId: number) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('customers as cu', 'cu.id', 'i.customer_id')
    .where('i.billing_run_id', '=', billingRunId)
    .where('i.cancelled_at', 'is', null)
    .where((where) =>
      where.or([
        where('i.delivery', '=', 'paper'),
        where.exists(
          where
            .selectFrom('invoice_deliveries as d')
            .whereRef('d.invoice_id', '=', 'i.id')
            .where('d.status', '=', 'failed')
            .where((inner) =>
              inner.not(
                inner.exists(
                  inner
                    .selectFrom('invoice_deliveries as later')
                    .whereRef('later.invoice_id', '=', 'i.id')
                    .whereRef('later.generation', '>', 'd.generation'),
                ),
              ),
            ),
        ),
      ]),
    )
    .where((where) =>
      where.not(
        where.exists(
          where.selectFrom('paper_print_batch_invoices as b').whereRef('b.invoice_id', '=', 'i.id'),
        ),
      ),
    )
    .select(['i.id', 'i.number', 'i.delivery', 'i.buyer_name', 'i.buyer_address', 'cu.customer_number'])
    .orderBy('i.number');
}

export interface BatchView {
  id: number;
  billingRunId: number;
  status: 'queued' | 'ready' | 'failed';
  invoiceCount: number;
  sizeBytes: number | null;
  lastError: string | null;
  createdAt: Date;
  readyAt: Date | null;
}

export async function listBatches(db: Executor, billingRunId: number | undefined): Promise<BatchView[]> {
  let query = db.selectFrom('paper_print_batches').selectAll().orderBy('id', 'desc').limit(200);
  if (billingRunId !== undefined) query = query.where('billing_run_id', '=', billingRunId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    billingRunId: row.billing_run_id,
    status: row.status as BatchView['status'],
    invoiceCount: row.invoice_count,
    sizeBytes: row.size_bytes,
    lastError: row.last_error,
    createdAt: row.created_at,
    readyAt: row.ready_at,
  }));
}

/** Puts the run's unbatched paper invoices into batches and queues their PDFs. */
export async function createPrintBatches(
  db: Kysely<DB>,
  request: { billingRunId: number; staffUserId: number | null; now: Date; language: Language },
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('billing_runs')
      .select('id')
      .where('id', '=', request.billingRunId)
      .forUpdate()
      .executeTakeFirst();
    if (!run)
      throw new AppError(
        'not_found',
        localize(
          { pl: 'Nie znaleziono przebiegu rozliczeń.', en: 'Billing run not found.' },
          request.language,
        ),
      );
    const invoices = await unbatchedPaperInvoices(trx, request.billingRunId).execute();
    if (invoices.length === 0) {
      throw new AppError(
        'conflict',
        localize(
          {
            pl: 'Brak faktur papierowych do wydruku w tym przebiegu.',
            en: 'There are no paper invoices left to print in this run.',
          },
          request.language,
        ),
      );
    }
    const batchIds: number[] = [];
    for (let start = 0; start < invoices.length; start += MAXIMUM_BATCH_INVOICES) {
      const part = invoices.slice(start, start + MAXIMUM_BATCH_INVOICES);
      const batch = await trx
        .insertInto('paper_print_batches')
        .values({
          billing_run_id: request.billingRunId,
          invoice_count: part.length,
          created_by_staff_id: request.staffUserId,
          created_at: request.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('paper_print_batch_invoices')
        .values(
          part.map((invoice, index) => ({ batch_id: batch.id, invoice_id: invoice.id, position: index + 1 })),
        )
        .execute();
      await enqueue(
        trx,
        PAPER_PRINT_QUEUE,
        { batchId: batch.id },
        { uniqueKey: `${PAPER_PRINT_QUEUE}:${batch.id}`, maxAttempts: 3 },
      );
      batchIds.push(batch.id);
    }
    return batchIds;
  });
}

export function printDirectory(dataDirectory: string): string {
  return path.join(dataDirectory, 'print');
}

function coverPage(batchId: number, period: string, documents: InvoiceDocument[]): Content {
  return {
    stack: [
      { text: `Partia wydruku nr ${batchId} — okres rozliczeniowy ${period}`, fontSize: 14, bold: true },
      { text: `Faktur w partii: ${documents.length}`, margin: [0, 4, 0, 10] },
      {
        table: {
          headerRows: 1,
          widths: [24, 110, '*'],
          body: [
            [
              { text: 'Lp.', bold: true },
              { text: 'Numer faktury', bold: true },
              { text: 'Nabywca i adres', bold: true },
            ],
            ...documents.map((document, index) => [
              String(index + 1),
              document.number,
              `${document.buyer.name}, ${document.buyer.addressLines.join(', ')}`,
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 8,
      },
    ],
  };
}

/** One PDF: a cover list for checking the envelopes, then each invoice starting on a new page. */
export function batchDefinition(
  batchId: number,
  period: string,
  documents: InvoiceDocument[],
): TDocumentDefinitions {
  const sections: ContentSection[] = documents.map((document) => {
    const definition = invoiceDefinition(document);
    return {
      section: definition.content,
      pageMargins: definition.pageMargins ?? 'inherit',
      footer: (page: number, pages: number): Content => ({
        text: `${document.number} · partia ${batchId} · ${page}/${pages}`,
        alignment: 'right',
        fontSize: 7,
        color: '#555555',
        margin: [36, 12, 36, 0],
      }),
    };
  });
  return {
    pageSize: 'A4',
    pageMargins: [36, 36, 36, 40],
    language: 'pl-PL',
    info: { title: `Partia wydruku nr ${batchId}` },
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.15 },
    content: [{ section: coverPage(batchId, period, documents) }, ...sections],
  };
}

export interface PrintContext {
  database: Database;
  config: Pick<Config, 'seller' | 'dataDirectory'>;
  now: () => Date;
}

/** The job: renders a queued batch into DATA_DIR/print/batch-<id>.pdf. Re-running it rewrites the same file. */
export async function renderPrintBatch(
  context: PrintContext,
  batchId: number,
  attempt: { final: boolean } = { final: false },
): Promise<void> {
  const { db } = context.database;
  const batch = await db
    .selectFrom('paper_print_batches as b')
    .innerJoin('billing_runs as r', 'r.id', 'b.billing_run_id')
    .select(['b.id', 'b.status', 'r.period'])
    .where('b.id', '=', batchId)
    .executeTakeFirst();
  if (!batch || batch.status === 'ready') return;
  const members = await db
    .selectFrom('paper_print_batch_invoices')
    .select('invoice_id')
    .where('batch_id', '=', batchId)
    .orderBy('position')
    .execute();
  const documents: InvoiceDocument[] = [];
  for (const member of members) {
    const document = await loadInvoiceDocument(db, member.invoice_id, context.config);
    if (document) documents.push(document);
  }
  try {
    const pdf = await renderPdf(batchDefinition(batchId, batch.period, documents));
    const directory = printDirectory(context.config.dataDirectory);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const fileName = `batch-${batchId}.pdf`;
    const temporary = path.join(directory, `.${fileName}.partial`);
    await writeFile(temporary, pdf, { mode: 0o600 });
    await rename(temporary, path.join(directory, fileName));
    const size = (await stat(path.join(directory, fileName))).size;
    await db
      .updateTable('paper_print_batches')
      .set({
        status: 'ready',
        file_name: fileName,
        size_bytes: size,
        ready_at: context.now(),
        last_error: null,
      })
      .where('id', '=', batchId)
      .execute();
  } catch (error) {
    await db
      .updateTable('paper_print_batches')
      .set({
        ...(attempt.final ? { status: 'failed' } : {}),
        last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      })
      .where('id', '=', batchId)
      .execute();
    throw error;
  }
}

export async function readBatchPdf(
  db: Executor,
  dataDirectory: string,
  batchId: number,
): Promise<Buffer | undefined> {
  const batch = await db
    .selectFrom('paper_print_batches')
    .select(['status', 'file_name'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch || batch.status !== 'ready' || !batch.file_name) return undefined;
  return readFile(path.join(printDirectory(dataDirectory), path.basename(batch.file_name)));
}
