import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { calendarDate } from '../../../domain/index.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { fieldsOf } from '../../../../tests/support/http.ts';
import { runBilling } from '../../billing/run.ts';
import {
  auditOf,
  householdTariff,
  meteredCustomer,
  staffSession,
  type StaffSession,
} from '../test-fixtures.ts';

describeEachDatabase('back office: meters', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-12-05T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  it('replaces a meter with the final reading of the old one and the new one, audited, and the next billing uses both', async () => {
    const { db } = context.database;
    await householdTariff(db);
    const point = await meteredCustomer(db, {
      serialNumber: 'OLD-1',
      readings: [
        ['2026-09-30', 100_000],
        ['2026-10-31', 104_500],
      ],
    });

    const below = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/meters/${point.meter.id}/replace`,
      headers: operator.headers,
      payload: {
        date: '2026-11-15',
        finalReadingM3: '104,000',
        newMeter: { serialNumber: 'NEW-1', legalizationYear: 2026 },
      },
    });
    expect(below.statusCode).toBe(400);
    expect(fieldsOf(below)).toHaveProperty('finalReadingM3');

    const replaced = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/meters/${point.meter.id}/replace`,
      headers: operator.headers,
      payload: {
        date: '2026-11-15',
        finalReadingM3: '106,000',
        newMeter: { serialNumber: 'NEW-1', installReadingM3: '0', legalizationYear: 2026 },
      },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const { removed, installed } = replaced.json<{
      removed: { removedOn: string; removalReadingLitres: number };
      installed: { id: number; serialNumber: string; installedOn: string; legalizationExpiresOn: string };
    }>();
    expect(removed).toMatchObject({ removedOn: '2026-11-15', removalReadingLitres: 106_000 });
    expect(installed).toMatchObject({
      serialNumber: 'NEW-1',
      installedOn: '2026-11-15',
      legalizationExpiresOn: '2031-12-31',
    });

    const finalReading = await db
      .selectFrom('readings')
      .selectAll()
      .where('meter_id', '=', point.meter.id)
      .where('read_on', '=', '2026-11-15')
      .executeTakeFirstOrThrow();
    expect(finalReading).toMatchObject({
      value_litres: 106_000,
      status: 'accepted',
      source: 'staff',
      created_by_staff_id: operator.id,
    });
    const oldAudit = await auditOf(db, 'meter', point.meter.id);
    expect(oldAudit.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['meter.replaced', operator.id],
    ]);
    expect(oldAudit[0]!.before).toMatchObject({ removed_on: null, serial_number: 'OLD-1' });
    expect(oldAudit[0]!.after).toMatchObject({
      removed_on: '2026-11-15',
      removal_reading_litres: 106_000,
      replacedByMeterId: installed.id,
      finalReadingId: finalReading.id,
    });
    expect((await auditOf(db, 'meter', installed.id)).map((entry) => entry.action)).toEqual([
      'meter.installed',
    ]);

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/meters/${point.meter.id}/replace`,
      headers: operator.headers,
      payload: {
        date: '2026-11-20',
        finalReadingM3: '107',
        newMeter: { serialNumber: 'NEW-2', legalizationYear: 2026 },
      },
    });
    expect(again.statusCode).toBe(409);

    const reading = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/readings',
      headers: operator.headers,
      payload: { meterId: installed.id, date: '2026-11-30', valueM3: '2,5' },
    });
    expect(reading.statusCode, reading.body).toBe(201);

    const result = await runBilling(context.database, {
      period: '2026-11',
      today: calendarDate('2026-12-05'),
      bankAccountPrefix: '10205011',
    });
    expect(result).toMatchObject({ issued: 1, skipped: [] });
    const invoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('billing_run_id', '=', result.runId)
      .executeTakeFirstOrThrow();
    const used = await db
      .selectFrom('invoice_readings')
      .selectAll()
      .where('invoice_id', '=', invoice.id)
      .orderBy('current_reading_on')
      .execute();
    expect(
      used.map((row) => [
        row.meter_id,
        row.previous_value_litres,
        row.current_value_litres,
        row.consumption_litres,
      ]),
    ).toEqual([
      [point.meter.id, 104_500, 106_000, 1_500],
      [installed.id, 0, 2_500, 2_500],
    ]);
    const water = await db
      .selectFrom('invoice_lines')
      .select(['quantity_thousandths'])
      .where('invoice_id', '=', invoice.id)
      .where('kind', '=', 'water')
      .execute();
    expect(water.reduce((sum, line) => sum + line.quantity_thousandths, 0)).toBe(4_000);
  });

  it('installs a meter with its legalization data, corrects it and removes it with a final reading', async () => {
    const { db } = context.database;
    const point = await meteredCustomer(db, { readings: [['2026-10-31', 50_000]] });

    const installed = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-points/${point.servicePoint.id}/meters`,
      headers: operator.headers,
      payload: {
        kind: 'sub',
        serialNumber: 'OGR-77',
        installedOn: '2026-11-02',
        installReadingM3: '1,250',
        legalizationYear: 2026,
      },
    });
    expect(installed.statusCode, installed.body).toBe(201);
    const sub = installed.json<{ id: number; installReadingLitres: number; legalizationStatus: string }>();
    expect(sub).toMatchObject({ installReadingLitres: 1_250, legalizationStatus: 'valid' });

    const secondMain = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-points/${point.servicePoint.id}/meters`,
      headers: operator.headers,
      payload: { kind: 'main', serialNumber: 'MAIN-2', installedOn: '2026-11-02', legalizationYear: 2026 },
    });
    expect(secondMain.statusCode).toBe(409);

    const corrected = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/meters/${sub.id}`,
      headers: operator.headers,
      payload: { legalizationYear: 2020 },
    });
    expect(corrected.json()).toMatchObject({
      legalizationYear: 2020,
      legalizationExpiresOn: '2025-12-31',
      legalizationStatus: 'expired',
    });

    const removed = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/meters/${sub.id}/remove`,
      headers: operator.headers,
      payload: { date: '2026-12-01', finalReadingM3: '3' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({
      removedOn: '2026-12-01',
      removalReadingLitres: 3_000,
      active: false,
    });
    expect((await auditOf(db, 'meter', sub.id)).map((entry) => entry.action)).toEqual([
      'meter.installed',
      'meter.updated',
      'meter.removed',
    ]);

    const list = await app.inject({
      url: `/api/v1/staff/meters?servicePointId=${point.servicePoint.id}&active=true`,
      headers: operator.headers,
    });
    expect(
      list.json<{ items: { serialNumber: string }[] }>().items.map((meter) => meter.serialNumber),
    ).toEqual([point.meter.serial_number]);
  });
});
