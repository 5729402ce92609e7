import { sql } from 'kysely';
import { dateFromParts, endOfMonth, formatDate, type CalendarDate } from '../../../domain/index.ts';
import { BILLING_RUN_MAX_ATTEMPTS, BILLING_RUN_QUEUE } from '../../../jobs/billing-run-job.ts';
import { enqueue } from '../../../jobs/queue.ts';
import { writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { conflictError, fieldError, notFoundError, notFoundText } from '../shared/errors.ts';
import { offsetOf, type PageQuery } from '../shared/schemas.ts';

/** Serialises starting runs, so two clicks cannot queue the same period twice. */
const BILLING_START_LOCK = 72610704;

export function periodEnd(period: string): CalendarDate {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return endOfMonth(dateFromParts(year, month, 1));
}

/**
 * Queues the billing run of a period. The run itself is a job (queue 'billing-run'): it survives a restart and
 * resumes where it stopped. A period already queued or running is refused; a completed one may be run again,
 * which bills only the service points still without an invoice of that period.
 */
export async function startBillingRun(
  context: StaffContext,
  input: { period: string; issueDate?: CalendarDate | undefined },
) {
  const { database, actor, now, today, language } = context;
  const end = periodEnd(input.period);
  if (today <= end) {
    throw fieldError(
      'period',
      {
        pl: `Okres ${input.period} jeszcze się nie skończył (kończy się ${formatDate(end, 'pl')}).`,
        en: `Period ${input.period} has not ended yet (it ends ${end}).`,
      },
      language,
    );
  }
  const issueDate = input.issueDate ?? today;
  if (issueDate <= end || issueDate > today) {
    throw fieldError(
      'issueDate',
      {
        pl: 'Data wystawienia musi przypadać po końcu okresu i nie później niż dziś.',
        en: 'The issue date must be after the period and not later than today.',
      },
      language,
    );
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${BILLING_START_LOCK})`.execute(trx);
    const active = await trx
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('queue', '=', BILLING_RUN_QUEUE)
      .where(sql<string>`payload->>'period'`, '=', input.period)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    const running = await trx
      .selectFrom('billing_runs')
      .select('id')
      .where('period', '=', input.period)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (active || running) {
      throw conflictError(
        {
          pl: `Rozliczenie okresu ${input.period} już trwa albo czeka w kolejce.`,
          en: `The billing of ${input.period} is already running or queued.`,
        },
        language,
      );
    }
    await enqueue(
      trx,
      BILLING_RUN_QUEUE,
      { period: input.period, issueDate, staffUserId: actor.staffUserId },
      { maxAttempts: BILLING_RUN_MAX_ATTEMPTS },
    );
    const job = await trx
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', BILLING_RUN_QUEUE)
      .where(sql<string>`payload->>'period'`, '=', input.period)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      actor,
      {
        action: 'billing_run.started',
        entity: 'billing_run',
        entityId: input.period,
        after: { period: input.period, issueDate, jobId: job.id },
      },
      now,
    );
    return billingRunStatusIn(trx, input.period);
  });
}

function presentJob(
  job:
    | {
        id: number;
        status: string;
        attempts: number;
        max_attempts: number;
        last_error: string | null;
        created_at: Date;
        locked_at: Date | null;
        finished_at: Date | null;
        issue_date: string | null;
      }
    | undefined,
) {
  if (!job) return null;
  return {
    id: job.id,
    status: job.status as 'queued' | 'running' | 'done' | 'failed',
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    lastError: job.last_error,
    issueDate: job.issue_date,
    queuedAt: job.created_at.toISOString(),
    startedAt: job.locked_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

const jobColumns = [
  'id',
  'status',
  'attempts',
  'max_attempts',
  'last_error',
  'created_at',
  'locked_at',
  'finished_at',
  sql<string | null>`payload->>'issueDate'`.as('issue_date'),
] as const;

/** The state of a period's run: the latest job and the run's own row (its counters move after each batch). */
export async function billingRunStatusIn(db: Executor, period: string) {
  const [job, run] = await Promise.all([
    db
      .selectFrom('jobs')
      .select(jobColumns)
      .where('queue', '=', BILLING_RUN_QUEUE)
      .where(sql<string>`payload->>'period'`, '=', period)
      .orderBy('id', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('billing_runs as r')
      .leftJoin('staff_users as s', 's.id', 'r.started_by_staff_id')
      .select([
        'r.id',
        'r.status',
        'r.service_point_count',
        'r.invoice_count',
        'r.started_at',
        'r.finished_at',
        'r.last_error',
        's.full_name',
      ])
      .where('r.period', '=', period)
      .executeTakeFirst(),
  ]);
  return {
    period,
    job: presentJob(job),
    run: run
      ? {
          id: run.id,
          status: run.status as 'running' | 'completed' | 'failed',
          servicePointCount: run.service_point_count,
          invoiceCount: run.invoice_count,
          startedAt: run.started_at.toISOString(),
          finishedAt: run.finished_at?.toISOString() ?? null,
          lastError: run.last_error,
          startedBy: run.full_name,
        }
      : null,
    percent:
      run === undefined
        ? 0
        : run.status === 'completed'
          ? 100
          : run.service_point_count === 0
            ? 0
            : Math.min(99, Math.floor((run.invoice_count * 100) / run.service_point_count)),
  };
}

export async function billingRunStatus(context: StaffContext, period: string) {
  const status = await billingRunStatusIn(context.database.db, period);
  if (!status.job && !status.run) throw notFoundError(notFoundText.billingRun, context.language);
  return status;
}

/** Every period that was billed or queued, newest first. */
export async function listBillingRuns(db: Executor, page: PageQuery) {
  const periods = sql<{ period: string }>`
    select period from billing_runs
    union select payload->>'period' from jobs where queue = ${BILLING_RUN_QUEUE}`;
  const [rows, count] = await Promise.all([
    sql<{
      period: string;
    }>`select period from (${periods}) p order by period desc limit ${page.pageSize} offset ${offsetOf(page)}`.execute(
      db,
    ),
    sql<{ total: number }>`select count(*)::int as total from (${periods}) p`.execute(db),
  ]);
  return {
    items: await Promise.all(rows.rows.map((row) => billingRunStatusIn(db, row.period))),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.rows[0]?.total ?? 0),
  };
}
