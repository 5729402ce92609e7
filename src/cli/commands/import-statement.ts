import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StatementFormatError } from '../../adapters/bank-statements/index.ts';
import { formatMoney, grosze } from '../../domain/index.ts';
import { importStatement, type ImportReport } from '../../modules/bank-import/service.ts';
import { UsageError, type Command } from '../command.ts';

const money = (value: number) => formatMoney(grosze(value), 'pl').replace(/\u00a0/g, ' ');

export const importStatementCommand: Command = {
  name: 'import-statement',
  summary: 'Import a bank statement (MT940/MT942 or CSV): post matched transfers, queue the unmatched ones.',
  usage: 'import-statement FILE',
  async run(argv, context) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
    const [file] = positionals;
    if (!file || positionals.length > 1)
      throw new UsageError('import-statement: give exactly one statement file');
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      throw new UsageError(`import-statement: cannot read ${file}`);
    }
    const database = await context.database();
    let report: ImportReport;
    try {
      report = await importStatement(database, {
        fileName: path.basename(file),
        content,
        bankAccountPrefix: context.config.bankAccountPrefix,
        actor: { staffUserId: null, ip: null },
        now: new Date(),
      });
    } catch (error) {
      if (error instanceof StatementFormatError) {
        context.print(`${file}: line ${error.line}: ${error.reason}`);
        context.print('nothing was imported from this file');
        return 1;
      }
      throw error;
    }
    for (const line of describeImport(report)) context.print(line);
    return 0;
  },
};

export function describeImport(report: ImportReport): string[] {
  if (report.alreadyImported)
    return [`this file was imported before (import ${report.importId}): nothing changed`];
  const lines: string[] = [];
  for (const item of report.matched) {
    lines.push(
      `matched    line ${item.line}  ${item.bookedOn}  ${money(item.amountGrosze)}  customer ${item.customerNumber} by ${item.method === 'account' ? 'account number' : 'invoice number'}  ${item.title}`,
    );
  }
  for (const item of report.unmatched)
    lines.push(`unmatched  line ${item.line}  ${item.bookedOn}  ${money(item.amountGrosze)}  ${item.title}`);
  for (const item of report.skipped) {
    lines.push(
      `skipped    line ${item.line}  ${item.bookedOn}  ${money(item.amountGrosze)}  ${item.reason === 'debit' ? 'debit (not a payment)' : `already imported (${item.reference})`}`,
    );
  }
  for (const warning of report.warnings) lines.push(`warning    ${warning}`);
  const total = (items: Array<{ amountGrosze: number }>) =>
    money(items.reduce((sum, item) => sum + item.amountGrosze, 0));
  lines.push(
    `import ${report.importId} (${report.format}): matched ${report.matched.length} (${total(report.matched)}), ` +
      `unmatched ${report.unmatched.length} (${total(report.unmatched)}), skipped ${report.skipped.length}`,
  );
  return lines;
}
