import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createPortalCustomer, portalClient } from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { ReadingsAnswer } from '../readings/routes.ts';
import type { SelfReadingAnswer } from './routes.ts';

describeEachDatabase('portal self-readings', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  /** Monthly readings of 4,5 m³ up to 31 October 2026 (153,000 m³); today is 20 November 2026. */
  async function start() {
    const customer = await createPortalCustomer(context.database.db);
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    return { customer, client: await portalClient(app, customer.login) };
  }

  it('stores a self-reading as pending for the office and shows it in the history', async () => {
    const { customer, client } = await start();
    const response = await client.post('/api/v1/me/readings', {
      meterId: customer.mainMeterId,
      valueM3: '155,25',
    });
    expect(response.statusCode).toBe(201);
    const reading = response.json<SelfReadingAnswer>();
    expect(reading).toMatchObject({
      meterId: customer.mainMeterId,
      serialNumber: customer.mainMeterSerial,
      date: '2026-11-20',
      valueLitres: 155_250,
      source: 'customer',
      kind: 'self_reading',
      status: 'pending',
      previousDate: '2026-10-31',
      consumptionLitres: 2250,
      days: 20,
      averageDailyLitres: 113,
      billingPeriod: { from: '2026-11-01', to: '2026-11-30' },
      review: { flagged: false, reasons: [] },
    });
    const row = await context.database.db
      .selectFrom('readings')
      .selectAll()
      .where('id', '=', reading.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'customer',
      status: 'pending',
      status_reason: null,
      created_by_login_id: customer.login.id,
      read_on: '2026-11-20',
    });
    const audit = await context.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'self_reading.submitted')
      .execute();
    expect(audit).toMatchObject([
      { actor_kind: 'customer', actor_id: customer.login.id, entity_id: String(reading.id) },
    ]);

    const history = (
      await client.get(`/api/v1/me/readings?meterId=${customer.mainMeterId}&from=2026-11-01`)
    ).json<ReadingsAnswer>();
    expect(history.meters[0]!.readings).toEqual([
      expect.objectContaining({
        id: reading.id,
        status: 'pending',
        kind: 'self_reading',
        submittedByYou: true,
      }),
    ]);
  });

  it('takes one self-reading per meter and billing period, also when two arrive at once', async () => {
    const { customer, client } = await start();
    const [first, second] = await Promise.all([
      client.post('/api/v1/me/readings', {
        meterId: customer.mainMeterId,
        valueM3: '154.000',
        date: '2026-11-18',
      }),
      client.post('/api/v1/me/readings', { meterId: customer.mainMeterId, valueM3: '154.500' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const conflict = first.statusCode === 409 ? first : second;
    expect(conflict.json<ErrorBody>().error.code).toBe('conflict');
    expect(conflict.json<ErrorBody>().error.message).toContain(
      'w okresie rozliczeniowym 01.11.2026–30.11.2026 został już przekazany',
    );
    const stored = await context.database.db
      .selectFrom('readings')
      .selectAll()
      .where('source', '=', 'customer')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('refuses a value below the last accepted reading and wrong dates, with Polish field messages', async () => {
    const { customer, client } = await start();
    const below = await client.post('/api/v1/me/readings', { meterId: customer.mainMeterId, valueM3: '150' });
    expect(below.statusCode).toBe(400);
    expect(below.json<ErrorBody>().error).toEqual({
      code: 'validation_failed',
      message: 'Popraw zaznaczone pola.',
      fields: {
        valueM3:
          'Stan wodomierza nie może być niższy niż ostatni przyjęty odczyt: 153,000\u00a0m³ z 31.10.2026.',
      },
    });
    const future = await client.post('/api/v1/me/readings', {
      meterId: customer.mainMeterId,
      valueM3: '160',
      date: '2026-11-21',
    });
    expect(future.json<ErrorBody>().error.fields).toEqual({
      date: 'Data odczytu nie może być z przyszłości.',
    });
    const beforeLast = await client.post('/api/v1/me/readings', {
      meterId: customer.mainMeterId,
      valueM3: '160',
      date: '2026-10-31',
    });
    expect(beforeLast.json<ErrorBody>().error.fields).toEqual({
      date: 'Ostatni przyjęty odczyt jest z 31.10.2026; nowy odczyt musi mieć późniejszą datę.',
    });
    const format = await client.post('/api/v1/me/readings', {
      meterId: customer.mainMeterId,
      valueM3: '160,1234',
    });
    expect(format.statusCode).toBe(400);
    expect(format.json<ErrorBody>().error.fields).toEqual({
      valueM3: 'Podaj stan wodomierza w m³, najwyżej z trzema miejscami po przecinku, np. 123,456.',
    });
    const missing = await client.post('/api/v1/me/readings', { valueM3: '160' });
    expect(missing.json<ErrorBody>().error.fields).toEqual({ meterId: 'Podaj poprawny identyfikator.' });
    expect(
      await context.database.db.selectFrom('readings').selectAll().where('source', '=', 'customer').execute(),
    ).toEqual([]);
  });

  it('stores an implausible reading as pending with the reasons for the staff', async () => {
    const { customer, client } = await start();
    const response = await client.post('/api/v1/me/readings', {
      meterId: customer.mainMeterId,
      valueM3: String(153 + 20 * 12),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<SelfReadingAnswer>().review.flagged).toBe(true);
    expect(
      response.json<SelfReadingAnswer>().review.reasons.map((reason: { code: string }) => reason.code),
    ).toEqual(['above_daily_limit', 'above_average_multiple']);
    const row = await context.database.db
      .selectFrom('readings')
      .selectAll()
      .where('source', '=', 'customer')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.status_reason).toMatch(/^Do weryfikacji \[above_daily_limit, above_average_multiple\]: /);
  });

  it('answers 404 for another customer’s meter, and 403 without the CSRF header', async () => {
    const { customer, client } = await start();
    const other = await createPortalCustomer(context.database.db);
    const foreign = await client.post('/api/v1/me/readings', { meterId: other.mainMeterId, valueM3: '999' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<ErrorBody>().error.message).toBe('Nie znaleziono wodomierza.');
    const withoutCsrf = await app!.inject({
      method: 'POST',
      url: '/api/v1/me/readings',
      headers: { cookie: client.signedIn.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ meterId: customer.mainMeterId, valueM3: '160' }),
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(
      await context.database.db.selectFrom('readings').selectAll().where('source', '=', 'customer').execute(),
    ).toEqual([]);
  });
});
