import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import {
  createMeter,
  createPortalCustomer,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { MetersAnswer } from './routes.ts';

describeEachDatabase('portal meters', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('gives each meter its legalization status by the app clock and what it means', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      main: { legalizationYear: 2023, legalizationExpiresOn: '2028-12-31' },
    });
    await createMeter(db, customer.servicePointId, {
      kind: 'sub',
      legalizationYear: 2020,
      legalizationExpiresOn: '2025-12-31',
    });
    await createMeter(db, customer.servicePointId, {
      kind: 'main',
      installedOn: '2019-01-01',
      removedOn: '2023-12-31',
      removalReadingLitres: 5000,
      legalizationYear: 2018,
      legalizationExpiresOn: '2023-12-31',
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    const client = await portalClient(app, customer.login);
    const response = await client.get('/api/v1/me/meters');
    expect(response.statusCode).toBe(200);
    const meters = response.json<MetersAnswer>().meters as Array<
      Record<string, unknown> & { meaning: { key: string; text: { pl: string; en: string } } }
    >;
    expect(
      meters.map((meter) => [meter.kind, meter.active, meter.legalizationStatus, meter.meaning.key]),
    ).toEqual([
      ['main', true, 'valid', 'meter.main.valid'],
      ['sub', true, 'expired', 'meter.sub.expired'],
      ['main', false, 'expired', 'meter.removed'],
    ]);
    expect(meters[0]).toMatchObject({
      id: customer.mainMeterId,
      serialNumber: customer.mainMeterSerial,
      legalizationExpiresOn: '2028-12-31',
      daysToExpiry: 772,
    });
    expect(meters[1]!.meaning.text.pl).toContain('nie jest odliczana od ścieków');
    expect(meters[1]!.meaning.text.en).toContain('no longer deducted');
    expect(meters[1]).toMatchObject({ daysToExpiry: -324 });
  });

  it('warns 90 days ahead: expiring on the 90th day, valid on the 91st', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      main: { legalizationYear: 2021, legalizationExpiresOn: '2026-12-31' },
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-10-02T10:00:00Z') });
    const client = await portalClient(app, customer.login);
    expect((await client.get('/api/v1/me/meters')).json<MetersAnswer>().meters[0]).toMatchObject({
      legalizationStatus: 'expiring',
      daysToExpiry: 90,
    });
    await app.close();
    app = await buildTestApp(context.database, { now: () => new Date('2026-10-01T10:00:00Z') });
    const earlier = await portalClient(app, customer.login);
    expect((await earlier.get('/api/v1/me/meters')).json<MetersAnswer>().meters[0]).toMatchObject({
      legalizationStatus: 'valid',
      daysToExpiry: 91,
    });
  });
});
