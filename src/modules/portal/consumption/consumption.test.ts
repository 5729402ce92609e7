import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import {
  createMeter,
  createPortalCustomer,
  monthEndReadings,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { ConsumptionAnswer } from './routes.ts';

describeEachDatabase('portal consumption analysis', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  /** 4,5 m³ a month on the main meter, 1 m³ a month on a garden sub-meter whose legalization ended with 2025. */
  async function start() {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    await createMeter(db, customer.servicePointId, {
      kind: 'sub',
      legalizationYear: 2020,
      legalizationExpiresOn: '2025-12-31',
      readings: monthEndReadings('2024-01', '2026-10', 1000),
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    return { customer, client: await portalClient(app, customer.login) };
  }

  it('gives monthly water, sewage and sub-meter volumes with the same months a year earlier', async () => {
    const { client } = await start();
    const response = await client.get('/api/v1/me/consumption?from=2026-01-01&to=2026-03-31');
    expect(response.statusCode).toBe(200);
    const report = response.json<ConsumptionAnswer>();
    expect(
      report.months.map((month: Record<string, unknown>) => [
        month.month,
        month.days,
        month.coveredDays,
        month.waterLitres,
        month.sewageLitres,
        month.subMeterLitres,
        month.averageDailyWaterLitres,
      ]),
    ).toEqual([
      // The sub-meter's legalization expired: nothing is deducted from sewage in 2026.
      ['2026-01', 31, 31, 4500, 4500, 1000, 145],
      ['2026-02', 28, 28, 4500, 4500, 1000, 161],
      ['2026-03', 31, 31, 4500, 4500, 1000, 145],
    ]);
    expect(report.months[0]!.previousYear).toMatchObject({
      month: '2025-01',
      waterLitres: 4500,
      sewageLitres: 3500,
      subMeterLitres: 1000,
    });
    expect(report.totals).toEqual({
      days: 90,
      coveredDays: 90,
      waterLitres: 13_500,
      sewageLitres: 13_500,
      subMeterLitres: 3000,
      averageDailyWaterLitres: 150,
    });
    expect(report.previousYear).toMatchObject({
      from: '2025-01-01',
      to: '2025-03-31',
      totals: { waterLitres: 13_500, sewageLitres: 10_500 },
    });
  });

  it('spreads readings over months by days and defaults to the last 12 months', async () => {
    const { client } = await start();
    const partial = (
      await client.get('/api/v1/me/consumption?from=2026-10-16&to=2026-11-20')
    ).json<ConsumptionAnswer>();
    expect(
      partial.months.map((month: Record<string, unknown>) => [
        month.month,
        month.days,
        month.coveredDays,
        month.waterLitres,
      ]),
    ).toEqual([
      // 16 of October's 31 days: 4500 × 16 ÷ 31 = 2322,6 → 2323 L; November has no reading yet.
      ['2026-10', 16, 16, 2323],
      ['2026-11', 20, 0, 0],
    ]);
    expect(partial.months[1]!.averageDailyWaterLitres).toBeNull();
    const preset = (await client.get('/api/v1/me/consumption')).json<ConsumptionAnswer>();
    expect([preset.from, preset.to, preset.months.length]).toEqual(['2025-12-01', '2026-11-20', 12]);
  });

  it('exports the analysis as CSV for Polish Excel', async () => {
    const { client } = await start();
    const response = await client.get('/api/v1/me/consumption.csv?from=2026-01-01&to=2026-02-28');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="zuzycie-2026-01-01-2026-02-28.csv"',
    );
    expect(response.body.split('\r\n')).toEqual([
      '\uFEFFMiesiąc;Od;Do;Dni z odczytami;Woda [m³];Ścieki [m³];Podlicznik [m³];Średnio na dobę [l];Woda rok wcześniej [m³];Ścieki rok wcześniej [m³]',
      '2026-01;2026-01-01;2026-01-31;31;4,500;4,500;1,000;145;4,500;3,500',
      '2026-02;2026-02-01;2026-02-28;28;4,500;4,500;1,000;161;4,500;3,500',
      'Razem;2026-01-01;2026-02-28;59;9,000;9,000;2,000;153;9,000;7,000',
      '',
    ]);
  });

  it('validates the period: order, at most 10 years, real dates; 404 for a foreign service point', async () => {
    const { client } = await start();
    const order = await client.get('/api/v1/me/consumption?from=2026-05-01&to=2026-04-30');
    expect(order.statusCode).toBe(400);
    expect(order.json<ErrorBody>().error.fields).toEqual({
      to: 'Data końcowa nie może być wcześniejsza niż początkowa.',
    });
    const long = await client.get('/api/v1/me/consumption?from=2015-01-01&to=2025-01-01');
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorBody>().error.fields).toEqual({ to: 'Okres może obejmować najwyżej 10 lat.' });
    expect((await client.get('/api/v1/me/consumption?from=2015-01-01&to=2024-12-31')).statusCode).toBe(200);
    const english = await client.get('/api/v1/me/consumption.csv?from=2026-02-30', {
      'accept-language': 'en',
    });
    expect(english.json<ErrorBody>().error.fields).toEqual({ from: 'Podaj datę w formacie RRRR-MM-DD.' });
    const other = await createPortalCustomer(context.database.db);
    expect(
      (await client.get(`/api/v1/me/consumption?servicePointId=${other.servicePointId}`)).statusCode,
    ).toBe(404);
  });
});
