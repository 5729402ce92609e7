import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildFa3Xml } from '../../adapters/ksef/fa3.ts';
import { renderInvoicePdf } from '../../adapters/pdf/invoice-pdf.ts';
import type { InvoiceDocument } from '../../modules/invoices/document.ts';
import { loadInvoiceDocument } from '../../modules/invoices/document.ts';
import { UsageError, type Command, type CommandContext } from '../command.ts';

/** Reads `<number> --out FILE` and loads the invoice of that number, or explains why it cannot. */
async function invoiceFromArguments(
  name: string,
  argv: string[],
  context: CommandContext,
): Promise<{ document: InvoiceDocument; out: string } | null> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const number = positionals[0];
  if (!number || positionals.length > 1 || !values.out) {
    throw new UsageError(
      `${name}: give one invoice number and --out FILE, e.g. ${name} FV/2026/10/000001 --out file`,
    );
  }
  const database = await context.database();
  const row = await database.db
    .selectFrom('invoices')
    .where('number', '=', number)
    .select('id')
    .executeTakeFirst();
  const document = row ? await loadInvoiceDocument(database.db, row.id, context.config) : null;
  if (!document) {
    context.print(`${name}: no invoice numbered ${number}`);
    return null;
  }
  return { document, out: values.out };
}

export const invoicePdfCommand: Command = {
  name: 'invoice-pdf',
  summary: 'Write the PDF of one invoice (or correcting invoice) to a file.',
  usage: 'invoice-pdf NUMBER --out FILE.pdf',
  async run(argv, context) {
    const found = await invoiceFromArguments('invoice-pdf', argv, context);
    if (!found) return 1;
    const pdf = await renderInvoicePdf(found.document);
    await writeFile(found.out, pdf);
    context.print(`${found.document.number}: ${pdf.length} bytes written to ${found.out}`);
    return 0;
  },
};

export const ksefXmlCommand: Command = {
  name: 'ksef-xml',
  summary: 'Write the KSeF FA(3) structured XML of one invoice to a file.',
  usage: 'ksef-xml NUMBER --out FILE.xml',
  async run(argv, context) {
    const found = await invoiceFromArguments('ksef-xml', argv, context);
    if (!found) return 1;
    const xml = buildFa3Xml(found.document);
    await writeFile(found.out, xml, 'utf8');
    context.print(`${found.document.number}: FA(3) XML written to ${found.out}`);
    return 0;
  },
};
