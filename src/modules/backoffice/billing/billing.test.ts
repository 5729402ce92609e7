import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { calendarDate } from '../../../domain/index.ts';
import { billingRunHandlers, BILLING_RUN_QUEUE } from '../../../jobs/billing-run-job.ts';
import { drainQueues } from '../../../jobs/queue.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { runBilling } from '../../billing/run.ts';
import {
  auditOf,
  householdTariff,
  meteredCustomer,
  staffSession,
  type StaffSession,
} from '../test-fixtures.ts';

describeEachDatabase('back office: billing runs', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  it('runs a period as a job, shows its progress and a summary equal to the sums of its invoices, with anomalies and corrections', async () => {
    const { db } = context.database;
    await householdTariff(db);
    await meteredCustomer(db, {
      readings: [
        ['2026-08-31', 100_000],
        ['2026-09-30', 104_500],
        ['2026-10-31', 109_000],
      ],
    });
    const leaking = await meteredCustomer(db, {
      readings: [
        ['2026-08-31', 100_000],
        ['2026-09-30', 104_500],
        ['2026-10-31', 130_000],
      ],
    });
    await meteredCustomer(db, {
      readings: [
        ['2026-08-31', 100_000],
        ['2026-09-30', 104_500],
      ],
    });
    await runBilling(context.database, {
      period: '2026-09',
      today: calendarDate('2026-10-05'),
      bankAccountPrefix: '10205011',
    });

    const early = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/billing-runs',
      headers: operator.headers,
      payload: { period: '2026-11' },
    });
    expect(early.statusCode).toBe(400);
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/billing-runs',
      headers: operator.headers,
      payload: { period: '2026-10' },
    });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({
      period: '2026-10',
      job: { status: 'queued', issueDate: '2026-11-20' },
      run: null,
      percent: 0,
    });
    const twice = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/billing-runs',
      headers: operator.headers,
      payload: { period: '2026-10' },
    });
    expect(twice.statusCode).toBe(409);
    expect(
      (await auditOf(db, 'billing_run', '2026-10')).map((entry) => [entry.action, entry.actor_id]),
    ).toEqual([['billing_run.started', operator.id]]);

    const worked = await drainQueues(
      context.database,
      billingRunHandlers(context.database, app.dependencies.config),
      { workerId: 'test-worker' },
    );
    expect(worked).toEqual({ done: 1, failed: 0 });
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', BILLING_RUN_QUEUE)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');

    const progress = await app.inject({
      url: '/api/v1/staff/billing-runs/2026-10',
      headers: operator.headers,
    });
    expect(progress.json()).toMatchObject({
      job: { status: 'done' },
      run: { status: 'completed', servicePointCount: 3, invoiceCount: 3, startedBy: 'Pracownik operator' },
      percent: 100,
    });

    const invoices = await db
      .selectFrom('invoices as i')
      .innerJoin('billing_runs as r', 'r.id', 'i.billing_run_id')
      .where('r.period', '=', '2026-10')
      .selectAll('i')
      .execute();
    expect(invoices).toHaveLength(3);
    expect(invoices.every((invoice) => invoice.issue_date === '2026-11-20')).toBe(true);
    const sum = (pick: (invoice: (typeof invoices)[number]) => number) =>
      invoices.reduce((total, invoice) => total + pick(invoice), 0);
    const summary = await app.inject({
      url: '/api/v1/staff/billing-runs/2026-10/summary',
      headers: operator.headers,
    });
    expect(summary.statusCode, summary.body).toBe(200);
    const figures = summary.json<{
      invoiceCount: number;
      netGrosze: number;
      vatGrosze: number;
      grossGrosze: number;
      estimatedCount: number;
      notBilledCount: number;
      anomalies: { invoiceId: number; servicePointId: number; ratio: number }[];
    }>();
    expect(figures).toMatchObject({
      invoiceCount: 3,
      netGrosze: sum((invoice) => invoice.net_grosze),
      vatGrosze: sum((invoice) => invoice.vat_grosze),
      grossGrosze: sum((invoice) => invoice.gross_grosze),
      estimatedCount: invoices.filter((invoice) => invoice.estimated_from !== null).length,
      notBilledCount: 0,
    });
    expect(figures.estimatedCount).toBe(1);
    expect(figures.grossGrosze).toBeGreaterThan(0);
    expect(figures.anomalies.map((anomaly) => anomaly.servicePointId)).toEqual([leaking.servicePoint.id]);
    expect(figures.anomalies[0]!.ratio).toBeGreaterThan(3);

    const target = invoices.find((invoice) => invoice.service_point_id === leaking.servicePoint.id)!;
    const correction = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/invoices/${target.id}/corrections`,
      headers: operator.headers,
      payload: { reason: 'Wyciek po stronie sieci, anulowanie', mode: 'cancel' },
    });
    expect(correction.statusCode, correction.body).toBe(201);
    const issued = correction.json<{ number: string; grossAfterGrosze: number; differenceGrosze: number }>();
    expect(issued.number).toMatch(/^KOR\//);
    expect(issued).toMatchObject({ grossAfterGrosze: 0, differenceGrosze: -target.gross_grosze });
    const afterCorrection = await app.inject({
      url: '/api/v1/staff/billing-runs/2026-10/summary',
      headers: operator.headers,
    });
    expect(afterCorrection.json()).toMatchObject({
      grossGrosze: figures.grossGrosze,
      correctionCount: 1,
      correctionGrossGrosze: -target.gross_grosze,
    });
    const noReason = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/invoices/${target.id}/corrections`,
      headers: operator.headers,
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);

    const listed = await app.inject({
      url: '/api/v1/staff/invoices?period=2026-10&kind=invoice',
      headers: operator.headers,
    });
    expect(listed.json()).toMatchObject({ total: 3 });
    const runs = await app.inject({ url: '/api/v1/staff/billing-runs', headers: operator.headers });
    expect(runs.json<{ items: { period: string }[] }>().items.map((run) => run.period)).toEqual([
      '2026-10',
      '2026-09',
    ]);
    const report = await app.inject({
      url: '/api/v1/staff/reports/billing-periods?format=csv',
      headers: operator.headers,
    });
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(report.body.split('\r\n')[1]).toMatch(/^2026-10;completed;3;0;3;/);
  });
});
