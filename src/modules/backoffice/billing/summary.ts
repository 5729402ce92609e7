import { sql } from 'kysely';
import type { Executor, StaffContext } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';

/** Consumption per day above this multiple of the point's average over the previous year is flagged. */
export const ANOMALY_MULTIPLE = 3;
export const ANOMALY_LIMIT = 500;

export interface RunTotals {
  invoiceCount: number;
  netGrosze: number;
  vatGrosze: number;
  grossGrosze: number;
  estimatedCount: number;
  emailCount: number;
  paperCount: number;
  correctionCount: number;
  correctionGrossGrosze: number;
}

/** Totals of the invoices a run issued (corrections issued since are counted apart, never mixed in). */
export async function runTotals(db: Executor, runIds: readonly number[]): Promise<Map<number, RunTotals>> {
  const result = new Map<number, RunTotals>();
  if (runIds.length === 0) return result;
  const rows = await sql<{
    billing_run_id: number;
    invoice_count: number;
    net: string;
    vat: string;
    gross: string;
    estimated: number;
    email: number;
    paper: number;
    correction_count: number;
    correction_gross: string;
  }>`
    select i.billing_run_id, count(*)::int as invoice_count,
      coalesce(sum(i.net_grosze), 0)::text as net, coalesce(sum(i.vat_grosze), 0)::text as vat,
      coalesce(sum(i.gross_grosze), 0)::text as gross,
      (count(*) filter (where i.estimated_from is not null))::int as estimated,
      (count(*) filter (where i.delivery = 'email'))::int as email,
      (count(*) filter (where i.delivery = 'paper'))::int as paper,
      (select count(*) from invoices c join invoices o on o.id = c.corrects_invoice_id where o.billing_run_id = i.billing_run_id)::int as correction_count,
      (select coalesce(sum(c.gross_grosze), 0) from invoices c join invoices o on o.id = c.corrects_invoice_id where o.billing_run_id = i.billing_run_id)::text as correction_gross
    from invoices i
    where i.billing_run_id in (${sql.join([...runIds])}) and i.kind = 'invoice'
    group by i.billing_run_id`.execute(db);
  for (const row of rows.rows) {
    result.set(row.billing_run_id, {
      invoiceCount: row.invoice_count,
      netGrosze: Number(row.net),
      vatGrosze: Number(row.vat),
      grossGrosze: Number(row.gross),
      estimatedCount: row.estimated,
      emailCount: row.email,
      paperCount: row.paper,
      correctionCount: row.correction_count,
      correctionGrossGrosze: Number(row.correction_gross),
    });
  }
  return result;
}

export const EMPTY_TOTALS: RunTotals = {
  invoiceCount: 0,
  netGrosze: 0,
  vatGrosze: 0,
  grossGrosze: 0,
  estimatedCount: 0,
  emailCount: 0,
  paperCount: 0,
  correctionCount: 0,
  correctionGrossGrosze: 0,
};

/**
 * Invoices of the run whose water consumption per day is more than three times the service point's average
 * over the invoices of the year before: a leak, a misread register or a wrong meter, worth a look before
 * the invoices go out. Highest ratio first.
 */
export async function consumptionAnomalies(db: Executor, runId: number) {
  const rows = await sql<{
    id: number;
    number: string;
    customer_id: number;
    buyer_name: string;
    service_point_id: number;
    service_point_address: string;
    period_from: string;
    period_to: string;
    estimated: boolean;
    days: number;
    litres: string;
    history_days: number;
    history_litres: string;
  }>`
    with current_invoices as (
      select i.id, i.number, i.customer_id, i.buyer_name, i.service_point_id, i.service_point_address, i.period_from,
        i.period_to, i.estimated_from is not null as estimated, (i.period_to - i.period_from + 1) as days,
        coalesce((select sum(l.quantity_thousandths) from invoice_lines l where l.invoice_id = i.id and l.kind = 'water'), 0) as litres
      from invoices i where i.billing_run_id = ${runId} and i.kind = 'invoice'
    ), history as (
      select c.id, sum(p.period_to - p.period_from + 1)::int as days,
        sum(coalesce((select sum(l.quantity_thousandths) from invoice_lines l where l.invoice_id = p.id and l.kind = 'water'), 0)) as litres
      from current_invoices c
      join invoices p on p.service_point_id = c.service_point_id and p.kind = 'invoice' and p.cancelled_at is null
        and p.period_to < c.period_from and p.period_to >= c.period_from - 365
      group by c.id
    )
    select c.id, c.number, c.customer_id, c.buyer_name, c.service_point_id, c.service_point_address, c.period_from,
      c.period_to, c.estimated, c.days, c.litres::text as litres, h.days as history_days, h.litres::text as history_litres
    from current_invoices c join history h on h.id = c.id
    where h.litres > 0 and c.litres * h.days > ${ANOMALY_MULTIPLE} * h.litres * c.days
    order by (c.litres::numeric * h.days) / (h.litres * c.days) desc, c.id
    limit ${ANOMALY_LIMIT}`.execute(db);
  return rows.rows.map((row) => {
    const litres = Number(row.litres);
    const historyLitres = Number(row.history_litres);
    const dailyLitres = Math.round(litres / row.days);
    const averageDailyLitres = Math.round(historyLitres / row.history_days);
    return {
      kind: 'high_consumption' as const,
      invoiceId: row.id,
      invoiceNumber: row.number,
      customerId: row.customer_id,
      customerName: row.buyer_name,
      servicePointId: row.service_point_id,
      servicePointAddress: row.service_point_address,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      estimated: row.estimated,
      consumptionLitres: litres,
      dailyLitres,
      averageDailyLitres,
      ratio: Math.round((litres * row.history_days * 100) / (historyLitres * row.days)) / 100,
    };
  });
}

/** What staff check after a run: how many invoices, the money, estimates, deliveries, corrections and anomalies. */
export async function billingRunSummary(context: StaffContext, period: string) {
  const { db } = context.database;
  const run = await db.selectFrom('billing_runs').selectAll().where('period', '=', period).executeTakeFirst();
  if (!run) throw notFoundError(notFoundText.billingRun, context.language);
  const totals = (await runTotals(db, [run.id])).get(run.id) ?? EMPTY_TOTALS;
  return {
    period,
    status: run.status as 'running' | 'completed' | 'failed',
    servicePointCount: run.service_point_count,
    notBilledCount: Math.max(run.service_point_count - run.invoice_count, 0),
    lastError: run.last_error,
    ...totals,
    anomalies: await consumptionAnomalies(db, run.id),
  };
}
