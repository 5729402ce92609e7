import type { Executor } from '../shared/context.ts';
import { EMPTY_TOTALS, runTotals } from '../billing/summary.ts';

/** Per billed period: the run's state and the totals of its invoices (and of the corrections issued since). */
export async function billingPeriods(
  db: Executor,
  filter: { from?: string | undefined; to?: string | undefined },
) {
  let query = db.selectFrom('billing_runs').selectAll().orderBy('period', 'desc');
  if (filter.from) query = query.where('period', '>=', filter.from);
  if (filter.to) query = query.where('period', '<=', filter.to);
  const runs = await query.execute();
  const totals = await runTotals(
    db,
    runs.map((run) => run.id),
  );
  return {
    items: runs.map((run) => ({
      period: run.period,
      status: run.status as 'running' | 'completed' | 'failed',
      servicePointCount: run.service_point_count,
      notBilledCount: Math.max(run.service_point_count - run.invoice_count, 0),
      ...(totals.get(run.id) ?? EMPTY_TOTALS),
    })),
  };
}
