import { sql } from 'kysely';
import {
  addDays,
  calculateInvoice,
  dateFromParts,
  DomainError,
  endOfMonth,
  type CalendarDate,
} from '../../domain/index.ts';
import type { Database } from '../../db/database.ts';
import { invoicesIssued } from '../e-invoices/hooks.ts';
import { applyCustomerCredit } from './credit.ts';
import { billedPeriod, cycleSpan, parseBillingMonth } from './cycle.ts';
import { loadBatch, loadTariffs } from './inputs.ts';
import { issueInvoices, type InvoiceToIssue } from './issue.ts';

/** Litres per day assumed for a service point with no reading history (about two people). */
export const DEFAULT_ESTIMATE_NORM_LITRES_PER_DAY = 200;
export const DEFAULT_PAYMENT_DAYS = 14;

export interface BillingRunOptions {
  period: string;
  today: CalendarDate;
  bankAccountPrefix: string;
  batchSize?: number;
  paymentDays?: number;
  startedByStaffId?: number | null;
  onProgress?: (progress: { processed: number; total: number; issued: number }) => void;
  /**
   * Whether issued invoices are announced (e-invoice e-mails, "invoice issued" notifications); true unless
   * billing past periods, as the demo history does.
   */
  announce?: boolean;
  /** Called after each committed batch; lets tests simulate a crash between batches. */
  afterBatch?: (batchNumber: number) => void | Promise<void>;
}

export interface SkippedServicePoint {
  servicePointId: number;
  reason: string;
}

export interface BillingRunResult {
  runId: number;
  period: string;
  candidates: number;
  issued: number;
  skipped: SkippedServicePoint[];
}

export class BillingRunError extends Error {}

interface PreparedBatch {
  /** Candidates in the batch, billed or not. */
  size: number;
  items: InvoiceToIssue[];
  skipped: SkippedServicePoint[];
}

/** The same promise, marked as handled: a batch read ahead may fail while the current one is still written. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Bills every service point whose cycle ends in the period: exactly one invoice each. Idempotent and
 * resumable: each batch commits its invoices and their numbers together, and a re-run (after a crash or to pick
 * up points that could not be billed) only looks at points without an invoice in this period's run.
 */
export async function runBilling(database: Database, options: BillingRunOptions): Promise<BillingRunResult> {
  const billingMonth = (() => {
    try {
      return parseBillingMonth(options.period);
    } catch (error) {
      throw new BillingRunError((error as Error).message);
    }
  })();
  const monthEnd = endOfMonth(dateFromParts(billingMonth.year, billingMonth.month, 1));
  if (options.today <= monthEnd) {
    throw new BillingRunError(`period ${options.period} has not ended yet (it ends ${monthEnd})`);
  }
  const { db } = database;
  const run = await db
    .insertInto('billing_runs')
    .values({
      period: options.period,
      status: 'running',
      started_by_staff_id: options.startedByStaffId ?? null,
    })
    .onConflict((conflict) =>
      conflict.column('period').doUpdateSet({ status: 'running', last_error: null, finished_at: null }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

  try {
    const candidates = await db
      .selectFrom('service_points as sp')
      .where(
        sql<boolean>`((${billingMonth.month} - sp.billing_cycle_offset) % sp.billing_cycle_months + sp.billing_cycle_months) % sp.billing_cycle_months = 0`,
      )
      .where((where) =>
        where.exists(
          where
            .selectFrom('contracts as c')
            .whereRef('c.service_point_id', '=', 'sp.id')
            .where('c.valid_from', '<=', monthEnd)
            .where((inner) =>
              inner.or([inner('c.valid_to', 'is', null), inner('c.valid_to', '>=', addDays(monthEnd, -366))]),
            ),
        ),
      )
      .where((where) =>
        where.not(
          where.exists(
            where
              .selectFrom('invoices as i')
              .whereRef('i.service_point_id', '=', 'sp.id')
              .where('i.billing_run_id', '=', run.id)
              .where('i.kind', '=', 'invoice'),
          ),
        ),
      )
      .select(['sp.id', 'sp.billing_cycle_months'])
      .orderBy('sp.id')
      .execute();
    const already = await db
      .selectFrom('invoices')
      .where('billing_run_id', '=', run.id)
      .where('kind', '=', 'invoice')
      .select((select) => select.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const total = candidates.length + Number(already.count);
    await db
      .updateTable('billing_runs')
      .set({ service_point_count: total })
      .where('id', '=', run.id)
      .execute();

    const tariffs = await loadTariffs(db);
    const batchSize = options.batchSize ?? 1000;
    const dueDate = addDays(options.today, options.paymentDays ?? DEFAULT_PAYMENT_DAYS);
    const skipped: SkippedServicePoint[] = [];
    let issued = 0;
    let processed = Number(already.count);
    let batchNumber = 0;
    /** Reads and calculates one batch; nothing is written. */
    const prepare = async (batch: typeof candidates): Promise<PreparedBatch> => {
      const prepared: PreparedBatch = { size: batch.length, items: [], skipped: [] };
      for (const cycleMonths of new Set(batch.map((candidate) => candidate.billing_cycle_months))) {
        const ids = batch
          .filter((candidate) => candidate.billing_cycle_months === cycleMonths)
          .map((candidate) => candidate.id);
        const cycle = cycleSpan(cycleMonths, billingMonth);
        for (const point of await loadBatch(db, ids, cycle)) {
          const period = billedPeriod({
            cycle,
            previousInvoiceEnd: point.previousInvoiceEnd,
            contractFrom: point.contract.from,
            contractTo: point.contract.to,
          });
          if (!period) continue;
          try {
            const calculation = calculateInvoice({
              period,
              customerGroup: point.customerGroup,
              services: { water: point.contract.water, sewage: point.contract.sewage },
              meters: point.meters,
              readings: point.readings,
              tariffs,
              billedEstimates: point.billedEstimates,
              estimation: {
                normLitresPerDay: point.estimateNormLitresPerDay ?? DEFAULT_ESTIMATE_NORM_LITRES_PER_DAY,
              },
            });
            prepared.items.push({ point, calculation });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            prepared.skipped.push({ servicePointId: point.servicePointId, reason: error.message });
          }
        }
      }
      return prepared;
    };
    const batches: (typeof candidates)[] = [];
    for (let start = 0; start < candidates.length; start += batchSize)
      batches.push(candidates.slice(start, start + batchSize));
    // The next batch is read and calculated while the current one is written: its points are other points, and
    // reading them does not depend on what the current batch writes. A failure of either stops the run.
    let next: Promise<PreparedBatch> | null = null;
    try {
      next = batches.length > 0 ? settledLater(prepare(batches[0]!)) : null;
      for (let index = 0; index < batches.length; index += 1) {
        const { size, items, skipped: notBilled } = await next!;
        next = index + 1 < batches.length ? settledLater(prepare(batches[index + 1]!)) : null;
        skipped.push(...notBilled);
        await db.transaction().execute(async (trx) => {
          const invoiceIds = await issueInvoices(trx, items, {
            billingRunId: run.id,
            issueDate: options.today,
            dueDate,
            bankAccountPrefix: options.bankAccountPrefix,
            tariffs,
          });
          await applyCustomerCredit(trx, [...new Set(items.map((item) => item.point.customer.id))]);
          // E-invoice e-mails and "invoice issued" notifications exist exactly when the invoices do.
          if (options.announce !== false) await invoicesIssued(trx, invoiceIds);
          await trx
            .updateTable('billing_runs')
            .set((update) => ({ invoice_count: update('invoice_count', '+', items.length) }))
            .where('id', '=', run.id)
            .execute();
        });
        issued += items.length;
        processed += size;
        batchNumber += 1;
        options.onProgress?.({ processed, total, issued });
        await options.afterBatch?.(batchNumber);
      }
    } catch (error) {
      // Lets a batch being read ahead finish before the run is marked failed and the caller goes on.
      await next?.catch(() => undefined);
      throw error;
    }
    await db
      .updateTable('billing_runs')
      .set({
        status: 'completed',
        finished_at: new Date(),
        last_error: skipped.length ? `${skipped.length} service points not billed` : null,
      })
      .where('id', '=', run.id)
      .execute();
    return { runId: run.id, period: options.period, candidates: candidates.length, issued, skipped };
  } catch (error) {
    await db
      .updateTable('billing_runs')
      .set({ status: 'failed', last_error: (error as Error).message.slice(0, 2000) })
      .where('id', '=', run.id)
      .execute();
    throw error;
  }
}
