import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { billMonths, createPortalCustomer } from '../../../tests/support/portal-fixtures.ts';
import { pdfText } from '../../modules/e-invoices/test-support.ts';
import { UsageError, type CommandContext } from '../command.ts';
import { invoicePdfCommand, ksefXmlCommand } from './invoice-files.ts';

describeEachDatabase('cli invoice-pdf and ksef-xml', (context) => {
  let folder = '';
  let invoiceNumber = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ibok-cli-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const run = async (command: typeof invoicePdfCommand, argv: string[]) => {
    const lines: string[] = [];
    const commandContext: CommandContext = {
      config: testConfig(),
      database: () => Promise.resolve(context.database),
      print: (line) => lines.push(line),
    };
    return { code: await command.run(argv, commandContext), lines };
  };

  const billOne = async () => {
    await createPortalCustomer(context.database.db);
    await billMonths(context.database, ['2026-10']);
    const invoice = await context.database.db
      .selectFrom('invoices')
      .select(['number', 'gross_grosze'])
      .executeTakeFirstOrThrow();
    invoiceNumber = invoice.number;
    return invoice;
  };

  it('writes the PDF of an invoice found by its number, with the number and the buyer in its text', async () => {
    const invoice = await billOne();
    const out = join(folder, 'invoice.pdf');
    const { code, lines } = await run(invoicePdfCommand, [invoiceNumber, '--out', out]);
    expect(code).toBe(0);
    expect(lines[0]).toContain(`${invoiceNumber}: `);
    const pdf = await readFile(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(invoiceNumber);
    expect(invoice.gross_grosze).toBeGreaterThan(0);
  });

  it('writes the FA(3) XML of an invoice, well-formed, with the number in P_2', async () => {
    await billOne();
    const out = join(folder, 'invoice.xml');
    const { code } = await run(ksefXmlCommand, [invoiceNumber, '--out', out]);
    expect(code).toBe(0);
    const xml = await readFile(out, 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain(`<P_2>${invoiceNumber}</P_2>`);
    // The schema validation of the XML is in the KSeF adapter's own tests.
  });

  it('says so for an unknown number and refuses missing arguments', async () => {
    const { code, lines } = await run(invoicePdfCommand, [
      'FV/1999/01/000001',
      '--out',
      join(folder, 'x.pdf'),
    ]);
    expect(code).toBe(1);
    expect(lines).toEqual(['invoice-pdf: no invoice numbered FV/1999/01/000001']);
    await expect(run(ksefXmlCommand, ['FV/2026/10/000001'])).rejects.toThrow(UsageError);
    await expect(run(invoicePdfCommand, ['--out', 'x.pdf'])).rejects.toThrow(UsageError);
  });
});
