import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { calendarDate } from '../../../domain/index.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { errorOf } from '../../../../tests/support/http.ts';
import { runBilling } from '../../billing/run.ts';
import { databaseErrorCode } from '../shared/errors.ts';
import {
  auditOf,
  householdTariff,
  meteredCustomer,
  staffSession,
  type StaffSession,
} from '../test-fixtures.ts';

describeEachDatabase('back office: tariffs', (context) => {
  let app: App;
  let admin: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    admin = await staffSession(app, context.database.db, 'admin');
  });
  afterEach(async () => {
    await app.close();
  });

  it('never edits a version used by an invoice: the API answers 409 and offers a new version, the database refuses too', async () => {
    const { db } = context.database;
    const used = await householdTariff(db);
    await meteredCustomer(db, {
      readings: [
        ['2026-09-30', 100_000],
        ['2026-10-31', 104_500],
      ],
    });
    expect(
      (
        await runBilling(context.database, {
          period: '2026-10',
          today: calendarDate('2026-11-05'),
          bankAccountPrefix: '10205011',
        })
      ).issued,
    ).toBe(1);

    const list = await app.inject({ url: '/api/v1/staff/tariffs', headers: admin.headers });
    expect(list.json()).toMatchObject({
      items: [{ id: used.id, used: true, state: 'current', validTo: null }],
    });

    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/tariffs/${used.id}`,
      headers: admin.headers,
      payload: { waterPriceGroszePerM3: 600 },
    });
    expect(edit.statusCode).toBe(409);
    expect(errorOf(edit).message).toContain('/versions');
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/staff/tariffs/${used.id}`,
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(409);
    const direct = await sql`update tariff_versions set water_price_grosze_per_m3 = 600 where id = ${used.id}`
      .execute(db)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(databaseErrorCode(direct)).toBe('55000');
    expect(
      (
        await db
          .selectFrom('tariff_versions')
          .select('water_price_grosze_per_m3')
          .where('id', '=', used.id)
          .executeTakeFirstOrThrow()
      ).water_price_grosze_per_m3,
    ).toBe(582);

    const version = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/tariffs/${used.id}/versions`,
      headers: admin.headers,
      payload: { validFrom: '2027-01-01', waterPriceGroszePerM3: 629 },
    });
    expect(version.statusCode, version.body).toBe(201);
    expect(version.json()).toMatchObject({
      customerGroup: 'household',
      validFrom: '2027-01-01',
      waterPriceGroszePerM3: 629,
      sewagePriceGroszePerM3: 699,
      subscriptionGroszePerMonth: 500,
      vatRateBasisPoints: 800,
      used: false,
    });
    const newId = version.json<{ id: number }>().id;
    expect(
      (await auditOf(db, 'tariff_version', newId)).map((entry) => [
        entry.action,
        entry.actor_id,
        (entry.after as { basedOn: number }).basedOn,
      ]),
    ).toEqual([['tariff.created', admin.id, used.id]]);

    const listed = await app.inject({
      url: '/api/v1/staff/tariffs?customerGroup=household',
      headers: admin.headers,
    });
    expect(listed.json()).toMatchObject({
      items: [
        { id: used.id, validTo: '2026-12-31', state: 'current' },
        { id: newId, validTo: null, state: 'future' },
      ],
    });
  });

  it('enters versions ahead of time only, one per group and day, and lets an unused one be fixed or withdrawn', async () => {
    const tariff = {
      customerGroup: 'other',
      waterPriceGroszePerM3: 612,
      sewagePriceGroszePerM3: 731,
      subscriptionGroszePerMonth: 900,
      vatRateBasisPoints: 800,
    };
    const past = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/tariffs',
      headers: admin.headers,
      payload: { ...tariff, validFrom: '2026-06-01' },
    });
    expect(past.statusCode).toBe(400);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/tariffs',
      headers: admin.headers,
      payload: { ...tariff, validFrom: '2027-06-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/staff/tariffs',
          headers: admin.headers,
          payload: { ...tariff, validFrom: '2027-06-01' },
        })
      ).statusCode,
    ).toBe(409);

    const fixed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/tariffs/${id}`,
      headers: admin.headers,
      payload: { sewagePriceGroszePerM3: 735 },
    });
    expect(fixed.json()).toMatchObject({ sewagePriceGroszePerM3: 735 });
    const operator = await staffSession(app, context.database.db, 'operator');
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/staff/tariffs/${id}`,
          headers: operator.headers,
          payload: { sewagePriceGroszePerM3: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/staff/tariffs/${id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(204);
    expect((await auditOf(context.database.db, 'tariff_version', id)).map((entry) => entry.action)).toEqual([
      'tariff.created',
      'tariff.updated',
      'tariff.deleted',
    ]);
  });
});
