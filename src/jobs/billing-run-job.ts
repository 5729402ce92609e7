import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { calendarDate } from '../domain/index.ts';
import { runBilling } from '../modules/billing/run.ts';
import type { ClaimedJob, JobHandler } from './queue.ts';

/** Billing runs started from the back office go through the durable queue: a restart resumes them. */
export const BILLING_RUN_QUEUE = 'billing-run';
/** A run that fails three times needs a person (e.g. a missing tariff); its error stays on the job and the run. */
export const BILLING_RUN_MAX_ATTEMPTS = 3;

export interface BillingRunJob {
  period: string;
  /** Decided when the run was started, so a retry the next day issues the invoices with the same date. */
  issueDate: string;
  staffUserId: number | null;
}

export function billingRunJob(job: Pick<ClaimedJob, 'payload'>): BillingRunJob {
  const { period, issueDate, staffUserId } = job.payload;
  if (typeof period !== 'string' || !/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new Error('billing-run job without a valid period');
  if (typeof issueDate !== 'string') throw new Error('billing-run job without an issue date');
  return { period, issueDate, staffUserId: typeof staffUserId === 'number' ? staffUserId : null };
}

/**
 * Runs the billing of the job's period. runBilling is idempotent and resumable (one invoice per service point and
 * period, committed batch by batch), so a job taken again after a crash simply continues where it stopped;
 * progress is visible in billing_runs while it works.
 */
export function billingRunHandler(database: Database, config: Pick<Config, 'bankAccountPrefix'>): JobHandler {
  return async (job) => {
    const { period, issueDate, staffUserId } = billingRunJob(job);
    await runBilling(database, {
      period,
      today: calendarDate(issueDate),
      bankAccountPrefix: config.bankAccountPrefix,
      startedByStaffId: staffUserId,
    });
  };
}

/** The handlers this file provides, keyed by queue, for the worker (startWorker / drainQueues in queue.ts). */
export function billingRunHandlers(
  database: Database,
  config: Pick<Config, 'bankAccountPrefix'>,
): Record<string, JobHandler> {
  return { [BILLING_RUN_QUEUE]: billingRunHandler(database, config) };
}
