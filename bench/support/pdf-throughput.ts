import { renderInvoicePdf } from '../../src/adapters/pdf/invoice-pdf.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { loadInvoiceDocument } from '../../src/modules/invoices/document.ts';

/** Renders `count` real invoices of the database one after another (documents loaded first, not timed). */
export async function benchInvoicePdfs(
  database: Database,
  count: number,
): Promise<{ count: number; seconds: number }> {
  const config = loadConfig({ DATA_DIR: '/tmp/ibok-bench-config', SESSION_SECRET: 'x'.repeat(40) });
  const ids = await database.db.selectFrom('invoices').select('id').orderBy('id').limit(count).execute();
  const documents = [];
  for (const { id } of ids) {
    const document = await loadInvoiceDocument(database.db, id, config);
    if (document) documents.push(document);
  }
  for (const document of documents.slice(0, 20)) await renderInvoicePdf(document);
  const started = performance.now();
  for (const document of documents) await renderInvoicePdf(document);
  return { count: documents.length, seconds: (performance.now() - started) / 1000 };
}
