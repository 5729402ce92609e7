import { parseArgs } from 'node:util';
import { calendarDate, formatMoney, grosze } from '../../domain/index.ts';
import { runBilling } from '../../modules/billing/run.ts';
import { UsageError, type Command } from '../command.ts';

export const billingRunCommand: Command = {
  name: 'billing-run',
  summary: 'Bill every service point whose cycle ends in the period (idempotent, resumable).',
  usage: 'billing-run --period YYYY-MM [--issue-date YYYY-MM-DD]',
  async run(argv, context) {
    const { values } = parseArgs({
      args: argv,
      options: { period: { type: 'string' }, 'issue-date': { type: 'string' } },
      strict: true,
    });
    if (!values.period) throw new UsageError('billing-run: --period YYYY-MM is required');
    const today = calendarDate(values['issue-date'] ?? new Date().toISOString().slice(0, 10));
    const database = await context.database();
    const started = performance.now();
    const result = await runBilling(database, {
      period: values.period,
      today,
      bankAccountPrefix: context.config.bankAccountPrefix,
      onProgress: ({ processed, total, issued }) =>
        context.print(`  ${processed}/${total} service points, ${issued} invoices`),
    });
    const totals = await database.db
      .selectFrom('invoices')
      .where('billing_run_id', '=', result.runId)
      .select((select) => [
        select.fn.countAll<number>().as('count'),
        select.fn.coalesce(select.fn.sum<number>('net_grosze'), select.val(0)).as('net'),
        select.fn.coalesce(select.fn.sum<number>('vat_grosze'), select.val(0)).as('vat'),
        select.fn.coalesce(select.fn.sum<number>('gross_grosze'), select.val(0)).as('gross'),
      ])
      .executeTakeFirstOrThrow();
    const seconds = (performance.now() - started) / 1000;
    context.print(
      `period ${result.period}: ${result.issued} invoices issued now, ${Number(totals.count)} in the run; ` +
        `net ${formatMoney(grosze(Number(totals.net)), 'pl')}, VAT ${formatMoney(grosze(Number(totals.vat)), 'pl')}, ` +
        `gross ${formatMoney(grosze(Number(totals.gross)), 'pl')}; ${seconds.toFixed(1)} s`,
    );
    for (const skipped of result.skipped)
      context.print(`  not billed: service point ${skipped.servicePointId}: ${skipped.reason}`);
    return result.skipped.length > 0 ? 3 : 0;
  },
};
