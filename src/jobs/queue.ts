import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/**
 * A durable job queue in the `jobs` table. Enqueueing happens inside the caller's transaction, so a job exists
 * exactly when the change that needs it was committed (an issued invoice always gets its e-mail job).
 * Workers claim jobs with FOR UPDATE SKIP LOCKED, so several workers (or servers) never take the same job.
 * A failed job is retried with exponential backoff until max_attempts, then kept as 'failed' for staff to see.
 * A job whose worker died while running is taken again after the lease expires: handlers must therefore be
 * idempotent (they record what they did, and check it before doing it again). A live worker renews the lease
 * of the jobs it holds while it works on them, so a long job (a billing run of a large utility, a batch of
 * slow e-mails) is never taken by a second worker while the first is still at it.
 */
export type JobPayload = Record<string, string | number | boolean | null>;

export interface EnqueueOptions {
  /** A key that makes enqueueing idempotent: a second job with the same key is not created. */
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueue(
  db: Kysely<DB> | Transaction<DB>,
  queue: string,
  payload: JobPayload,
  options: EnqueueOptions = {},
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      queue,
      payload: JSON.stringify(payload),
      unique_key: options.uniqueKey ?? null,
      run_at: options.runAt ?? new Date(),
      max_attempts: options.maxAttempts ?? 10,
    })
    .onConflict((conflict) => conflict.column('unique_key').doNothing())
    .execute();
}

export interface JobToEnqueue {
  payload: JobPayload;
  options?: EnqueueOptions;
}

/** Rows per statement in enqueueMany: 5 parameters a row, well under PostgreSQL's 65,535. */
const JOBS_PER_STATEMENT = 2000;

/**
 * Enqueues many jobs of one queue in a few statements rather than one statement each (a billing batch queues
 * a job per invoice). The same rules as `enqueue`: a job whose unique key already exists is not created.
 */
export async function enqueueMany(
  db: Kysely<DB> | Transaction<DB>,
  queue: string,
  jobs: readonly JobToEnqueue[],
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < jobs.length; start += JOBS_PER_STATEMENT) {
    await db
      .insertInto('jobs')
      .values(
        jobs.slice(start, start + JOBS_PER_STATEMENT).map(({ payload, options = {} }) => ({
          queue,
          payload: JSON.stringify(payload),
          unique_key: options.uniqueKey ?? null,
          run_at: options.runAt ?? now,
          max_attempts: options.maxAttempts ?? 10,
        })),
      )
      .onConflict((conflict) => conflict.column('unique_key').doNothing())
      .execute();
  }
}

export interface ClaimedJob {
  id: number;
  queue: string;
  payload: JobPayload;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: ClaimedJob) => Promise<void>;

export interface WorkerOptions {
  workerId: string;
  /** How long a running job is leased without renewal; after that another worker may take it again. */
  leaseSeconds?: number;
  now?: () => Date;
  /** Told of a failed lease renewal (the database was unreachable a moment, say); the work goes on. */
  onError?: (error: unknown) => void;
}

const DEFAULT_LEASE_SECONDS = 300;

/** Retry delay after the n-th failed attempt: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function claimJobs(
  database: Database,
  queues: string[],
  limit: number,
  options: WorkerOptions,
): Promise<ClaimedJob[]> {
  const now = options.now?.() ?? new Date();
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const staleBefore = new Date(now.getTime() - leaseSeconds * 1000);
  const rows = await database.db.transaction().execute(async (trx) => {
    const ready = await trx
      .selectFrom('jobs')
      .where('queue', 'in', queues)
      .where((where) =>
        where.or([
          where.and([where('status', '=', 'queued'), where('run_at', '<=', now)]),
          where.and([where('status', '=', 'running'), where('locked_at', '<', staleBefore)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('id')
      .execute();
    if (ready.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((update) => ({
        status: 'running',
        locked_at: now,
        locked_by: options.workerId,
        attempts: update('attempts', '+', 1),
      }))
      .where(
        'id',
        'in',
        ready.map((row) => row.id),
      )
      .returning(['id', 'queue', 'payload', 'attempts', 'max_attempts'])
      .execute();
  });
  return rows.map((row) => ({
    id: row.id,
    queue: row.queue,
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as JobPayload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/**
 * Moves the lease of jobs this worker still holds forward to now. Called every third of the lease while the
 * worker is busy with a batch (see drainQueues); a job another worker took over after a stall stays theirs.
 */
export async function renewLeases(
  database: Database,
  jobIds: readonly number[],
  options: Pick<WorkerOptions, 'workerId' | 'now'>,
): Promise<void> {
  if (jobIds.length === 0) return;
  await database.db
    .updateTable('jobs')
    .set({ locked_at: options.now?.() ?? new Date() })
    .where('id', 'in', [...jobIds])
    .where('status', '=', 'running')
    .where('locked_by', '=', options.workerId)
    .execute();
}

export async function completeJob(database: Database, jobId: number, now = new Date()): Promise<void> {
  await database.db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, locked_at: null, last_error: null })
    .where('id', '=', jobId)
    .execute();
}

export async function failJob(
  database: Database,
  job: ClaimedJob,
  error: unknown,
  now = new Date(),
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await database.db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'queued',
      locked_at: null,
      last_error: message.slice(0, 2000),
      run_at: new Date(now.getTime() + backoffSeconds(job.attempts) * 1000),
      finished_at: final ? now : null,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Claims and runs ready jobs until none is left; returns how many ran. Used by the worker loop and tests. */
export async function drainQueues(
  database: Database,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions & { batchSize?: number; maxJobs?: number },
): Promise<{ done: number; failed: number }> {
  const queues = Object.keys(handlers);
  let done = 0;
  let failed = 0;
  for (;;) {
    const jobs = await claimJobs(database, queues, options.batchSize ?? 20, options);
    if (jobs.length === 0) return { done, failed };
    // The jobs of the batch not finished yet keep their lease while this worker is alive and busy.
    const held = new Set(jobs.map((job) => job.id));
    const leaseMs = (options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const renewal = setInterval(() => {
      renewLeases(database, [...held], options).catch((error: unknown) => options.onError?.(error));
    }, leaseMs / 3);
    renewal.unref();
    try {
      for (const job of jobs) {
        try {
          await handlers[job.queue]!(job);
          await completeJob(database, job.id, options.now?.());
          done += 1;
        } catch (error) {
          await failJob(database, job, error, options.now?.());
          failed += 1;
        }
        held.delete(job.id);
      }
    } finally {
      clearInterval(renewal);
    }
    if (options.maxJobs !== undefined && done + failed >= options.maxJobs) return { done, failed };
  }
}

/** Runs the queues in the background until stopped; polls every `intervalMs` when idle. */
export function startWorker(
  database: Database,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions & { intervalMs?: number },
): { stop: () => Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await drainQueues(database, handlers, options);
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.intervalMs ?? 1000).unref();
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** Counts per queue and status, for the back office. */
export async function queueCounts(
  db: Kysely<DB>,
): Promise<{ queue: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['queue', 'status', sql<number>`count(*)`.as('count')])
    .groupBy(['queue', 'status'])
    .orderBy('queue')
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
