import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createContract, createCustomer } from '../../../../tests/support/factories.ts';
import {
  createMeter,
  createPortalCustomer,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { ReadingsAnswer } from './routes.ts';

describeEachDatabase('portal reading history', (context) => {
  let app: App | undefined;
  const now = () => new Date('2026-11-20T10:00:00Z');
  afterEach(async () => {
    await app?.close();
  });

  it('lists readings per meter with kind, status and consumption since the previous accepted reading', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      main: {
        installedOn: '2026-01-10',
        installReadingLitres: 1000,
        readings: [
          ['2026-03-31', 13_000],
          ['2026-06-30', 25_000],
        ],
      },
    });
    await db
      .insertInto('readings')
      .values([
        { meter_id: customer.mainMeterId, read_on: '2026-09-30', value_litres: 31_000, source: 'estimate' },
        {
          meter_id: customer.mainMeterId,
          read_on: '2026-10-15',
          value_litres: 20_000,
          source: 'customer',
          status: 'rejected',
          status_reason: 'Stan niższy niż poprzedni.',
        },
        {
          meter_id: customer.mainMeterId,
          read_on: '2026-11-10',
          value_litres: 35_000,
          source: 'customer',
          status: 'pending',
          created_by_login_id: customer.login.id,
        },
        {
          meter_id: customer.mainMeterId,
          read_on: '2026-05-01',
          value_litres: 99_999,
          source: 'staff',
          status: 'superseded',
        },
      ])
      .execute();
    app = await buildTestApp(context.database, { now });
    const client = await portalClient(app, customer.login);

    const response = await client.get('/api/v1/me/readings');
    expect(response.statusCode).toBe(200);
    const meter = response.json<ReadingsAnswer>().meters[0]!;
    expect(meter).toMatchObject({ meterId: customer.mainMeterId, kind: 'main', active: true });
    expect(
      meter.readings.map((reading: Record<string, unknown>) => [
        reading.date,
        reading.kind,
        reading.status,
        reading.consumptionLitres,
        reading.averageDailyLitres,
      ]),
    ).toEqual([
      // 12 000 L in the 80 days since the installation on 10 January.
      ['2026-03-31', 'actual', 'accepted', 12_000, 150],
      ['2026-06-30', 'actual', 'accepted', 12_000, 132],
      ['2026-09-30', 'estimated', 'accepted', 6000, 65],
      ['2026-10-15', 'self_reading', 'rejected', null, null],
      ['2026-11-10', 'self_reading', 'pending', null, null],
    ]);
    expect(meter.readings[3]).toMatchObject({
      rejectionReason: 'Stan niższy niż poprzedni.',
      submittedByYou: false,
    });
    expect(meter.readings[4]).toMatchObject({ submittedByYou: true, rejectionReason: null });

    const filtered = (
      await client.get(`/api/v1/me/readings?meterId=${customer.mainMeterId}&from=2026-06-01&to=2026-09-30`)
    ).json<ReadingsAnswer>();
    expect(filtered.meters[0]!.readings.map((reading: { date: string }) => reading.date)).toEqual([
      '2026-06-30',
      '2026-09-30',
    ]);
    // The first reading of the filtered period still measures from the one before it.
    expect(filtered.meters[0]!.readings[0]!.consumptionLitres).toBe(12_000);
  });

  it('shows a sub-meter apart and hides the readings of the next tenant', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      main: {
        readings: [
          ['2026-03-31', 10_000],
          ['2026-06-30', 20_000],
        ],
      },
    });
    const { meter: sub } = await createMeter(db, customer.servicePointId, {
      kind: 'sub',
      readings: [['2026-06-30', 3000]],
    });
    // The customer moved out on 30 April; a new customer holds the point since 1 May.
    await db
      .updateTable('contracts')
      .set({ valid_to: '2026-04-30' })
      .where('customer_id', '=', customer.customerId)
      .execute();
    const next = await createCustomer(db);
    await createContract(db, {
      customerId: next.id,
      servicePointId: customer.servicePointId,
      valid_from: '2026-05-01',
    });
    app = await buildTestApp(context.database, { now });
    const body = (
      await (await portalClient(app, customer.login)).get('/api/v1/me/readings')
    ).json<ReadingsAnswer>();
    const main = body.meters.find((entry) => entry.kind === 'main')!;
    expect(main.readings.map((reading: { date: string }) => reading.date)).toEqual(['2026-03-31']);
    const garden = body.meters.find((entry: { kind: string }) => entry.kind === 'sub');
    expect(garden).toMatchObject({ meterId: sub.id, readings: [] });
  });

  it('answers 404 for a meter that is not the customer’s and 400 for a malformed one', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    const other = await createPortalCustomer(db);
    app = await buildTestApp(context.database, { now });
    const client = await portalClient(app, customer.login);
    const foreign = await client.get(`/api/v1/me/readings?meterId=${other.mainMeterId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<ErrorBody>().error.message).toBe('Nie znaleziono wodomierza.');
    const malformed = await client.get('/api/v1/me/readings?meterId=-3');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorBody>().error.fields).toEqual({ meterId: 'Podaj poprawny identyfikator.' });
  });
});
