import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/database.ts';
import { backoffSeconds, claimJobs, drainQueues, enqueue, renewLeases } from './queue.ts';

describeEachDatabase('job queue', (context) => {
  it('runs each job once; a unique key enqueues once', async () => {
    const { db } = context.database;
    await enqueue(db, 'mail', { invoiceId: 1 }, { uniqueKey: 'invoice-mail:1' });
    await enqueue(db, 'mail', { invoiceId: 1 }, { uniqueKey: 'invoice-mail:1' });
    await enqueue(db, 'mail', { invoiceId: 2 });
    const seen: unknown[] = [];
    const result = await drainQueues(
      context.database,
      { mail: (job) => Promise.resolve(void seen.push(job.payload['invoiceId'])) },
      { workerId: 'w1' },
    );
    expect(result).toEqual({ done: 2, failed: 0 });
    expect(seen.sort()).toEqual([1, 2]);
    expect(
      await drainQueues(context.database, { mail: () => Promise.resolve() }, { workerId: 'w1' }),
    ).toEqual({
      done: 0,
      failed: 0,
    });
  });

  it('retries a failing job with backoff and gives up after max attempts, keeping the error', async () => {
    const { db } = context.database;
    await enqueue(db, 'mail', { invoiceId: 7 }, { maxAttempts: 2, runAt: new Date('2026-01-01') });
    let clock = new Date('2026-11-23T10:00:00Z');
    const failing = { mail: async () => Promise.reject(new Error('SMTP 451 try later')) };
    expect(await drainQueues(context.database, failing, { workerId: 'w', now: () => clock })).toEqual({
      done: 0,
      failed: 1,
    });
    // Not before the backoff has passed.
    expect(await drainQueues(context.database, failing, { workerId: 'w', now: () => clock })).toEqual({
      done: 0,
      failed: 0,
    });
    clock = new Date(clock.getTime() + backoffSeconds(1) * 1000 + 1);
    expect(await drainQueues(context.database, failing, { workerId: 'w', now: () => clock })).toEqual({
      done: 0,
      failed: 1,
    });
    const job = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', attempts: 2, last_error: 'SMTP 451 try later' });
  });

  it('gives a job whose worker died to another worker after the lease, and never to two at once', async () => {
    const { db } = context.database;
    await enqueue(db, 'mail', { invoiceId: 9 }, { runAt: new Date('2026-01-01') });
    const start = new Date('2026-11-23T10:00:00Z');
    const first = await claimJobs(context.database, ['mail'], 10, { workerId: 'a', now: () => start });
    expect(first).toHaveLength(1);
    expect(await claimJobs(context.database, ['mail'], 10, { workerId: 'b', now: () => start })).toEqual([]);
    const later = new Date(start.getTime() + 301_000);
    const retaken = await claimJobs(context.database, ['mail'], 10, { workerId: 'b', now: () => later });
    expect(retaken.map((job) => [job.id, job.attempts])).toEqual([[first[0]!.id, 2]]);
  });

  it('keeps a renewed lease: only the worker that holds a job renews it', async () => {
    const { db } = context.database;
    await enqueue(db, 'billing', { period: '2026-10' }, { runAt: new Date('2026-01-01') });
    const start = new Date('2026-11-23T10:00:00Z');
    const at = (seconds: number) => () => new Date(start.getTime() + seconds * 1000);
    const [job] = await claimJobs(context.database, ['billing'], 1, { workerId: 'a', now: at(0) });
    // Another worker cannot renew what it does not hold.
    await renewLeases(context.database, [job!.id], { workerId: 'b', now: at(250) });
    await renewLeases(context.database, [job!.id], { workerId: 'a', now: at(200) });
    // 301 s after the claim but only 101 s after the renewal: still a's.
    expect(await claimJobs(context.database, ['billing'], 1, { workerId: 'b', now: at(301) })).toEqual([]);
    const retaken = await claimJobs(context.database, ['billing'], 1, { workerId: 'b', now: at(501) });
    expect(retaken.map((claimed) => claimed.id)).toEqual([job!.id]);
  });

  it('renews the lease of a job while its handler is still working, past the lease', async () => {
    const { db } = context.database;
    await enqueue(db, 'billing', { period: '2026-10' });
    const leaseSeconds = 0.3;
    const takenByOthers: number[] = [];
    const result = await drainQueues(
      context.database,
      {
        billing: async () => {
          // Three leases long; meanwhile another worker looks for work twice.
          for (let look = 0; look < 3; look += 1) {
            await new Promise((resolve) => setTimeout(resolve, leaseSeconds * 1000));
            const others = await claimJobs(context.database, ['billing'], 1, { workerId: 'b', leaseSeconds });
            takenByOthers.push(...others.map((job) => job.id));
          }
        },
      },
      { workerId: 'a', leaseSeconds },
    );
    expect(result).toEqual({ done: 1, failed: 0 });
    expect(takenByOthers).toEqual([]);
    const job = await db.selectFrom('jobs').select(['status', 'attempts']).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1 });
  });
});
