import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailTransport } from '../../adapters/mail/index.ts';
import type { App } from '../../app.ts';
import { calendarDate } from '../../domain/index.ts';
import { notificationJobHandlers } from '../../jobs/notification-delivery.ts';
import { drainQueues } from '../../jobs/queue.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { createCustomer, createCustomerLogin } from '../../../tests/support/factories.ts';
import {
  billMonths,
  createPortalCustomer,
  monthEndReadings,
  portalClient,
} from '../../../tests/support/portal-fixtures.ts';
import { invoicesIssued } from '../e-invoices/hooks.ts';
import { startControllableReceiver, type ControllableReceiver } from '../e-invoices/test-support.ts';
import { NOTIFICATION_KINDS, type NotificationEvent } from './kinds.ts';
import { nextScanAt, scanNotifications } from './scan.ts';
import { renderNotification } from './templates.ts';

const context = { publicUrl: 'https://ibok.example.pl', sellerName: 'MPWiK Sp. z o.o.' };
const samples: NotificationEvent[] = [
  {
    customerId: 1,
    kind: 'invoice_issued',
    eventKey: 'a',
    payload: {
      invoiceId: 7,
      number: 'FV/2026/11/000007',
      grossGrosze: 123456,
      dueDate: '2026-11-19',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    },
  },
  {
    customerId: 1,
    kind: 'payment_due',
    eventKey: 'b',
    payload: { invoiceId: 7, number: 'FV/2026/11/000007', amountDueGrosze: 123456, dueDate: '2026-11-19' },
  },
  {
    customerId: 1,
    kind: 'payment_overdue',
    eventKey: 'c',
    payload: { invoiceId: 7, number: 'FV/2026/11/000007', amountDueGrosze: 123456, dueDate: '2026-11-19' },
  },
  {
    customerId: 1,
    kind: 'payment_received',
    eventKey: 'd',
    payload: { paymentId: 3, amountGrosze: 123456, receivedOn: '2026-11-10' },
  },
  {
    customerId: 1,
    kind: 'meter_legalization',
    eventKey: 'e',
    payload: {
      stage: '30_days',
      meterId: 2,
      serialNumber: 'WM-1',
      meterKind: 'sub',
      expiresOn: '2026-12-31',
      address: 'ul. Wodna 1, 87-800 Włocławek',
    },
  },
  {
    customerId: 1,
    kind: 'self_reading_window',
    eventKey: 'f',
    payload: { servicePointId: 4, address: 'ul. Wodna 1, 87-800 Włocławek', periodTo: '2026-11-30' },
  },
];

describe('notification templates', () => {
  it('has a Polish and an English text for every kind, with amounts, dates and a portal link', () => {
    expect(samples.map((sample) => sample.kind).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    for (const sample of samples) {
      const polish = renderNotification(sample, 'pl', context);
      const english = renderNotification(sample, 'en', context);
      expect(polish.text.startsWith('Dzień dobry,\n')).toBe(true);
      expect(english.text.startsWith('Hello,\n')).toBe(true);
      expect(polish.subject).not.toBe(english.subject);
      for (const rendered of [polish, english]) {
        expect(rendered.text).toContain('https://ibok.example.pl/konto/');
        expect(rendered.text).toContain('MPWiK Sp. z o.o.');
        expect(rendered.text).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    expect(renderNotification(samples[1]!, 'pl', context).text.replace(/\u00a0/g, ' ')).toContain(
      '19.11.2026 mija termin płatności faktury nr FV/2026/11/000007. Pozostało do zapłaty: 1 234,56 zł',
    );
    expect(renderNotification(samples[1]!, 'en', context).text).toContain('Amount outstanding: PLN 1,234.56');
    expect(renderNotification(samples[4]!, 'pl', context).subject).toBe(
      'Legalizacja podlicznika wygasa 31.12.2026',
    );
  });

  it('schedules the daily scan at 07:00 Polish time, winter and summer', () => {
    expect(nextScanAt(new Date('2026-11-23T20:00:00Z')).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(nextScanAt(new Date('2026-11-23T05:59:00Z')).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(nextScanAt(new Date('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-07-02T05:00:00.000Z');
  });
});

describeEachDatabase('notifications', (databaseContext) => {
  let receiver: ControllableReceiver;
  let app: App | undefined;
  beforeAll(async () => {
    receiver = await startControllableReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    receiver.messages.length = 0;
  });

  /** A paper customer billed for October 2026 (issued 05.11, due 19.11), main meter legalized until 31.12.2026. */
  async function paperCustomer(options: { language?: 'pl' | 'en'; email?: string | null } = {}) {
    const { db } = databaseContext.database;
    const customer = await createPortalCustomer(db, {
      customer: {
        email: options.email === undefined ? 'anna@example.pl' : options.email,
        language: options.language ?? 'pl',
      },
      main: { legalizationExpiresOn: '2026-12-31', readings: monthEndReadings('2024-01', '2026-10', 4500) },
    });
    await billMonths(databaseContext.database, ['2026-10']);
    return customer;
  }
  const scan = (day: string) =>
    scanNotifications(databaseContext.database.db, {
      today: calendarDate(day),
      now: new Date(`${day}T06:00:00Z`),
    });
  const none = {
    invoice_issued: 0,
    payment_due: 0,
    payment_overdue: 0,
    payment_received: 0,
    meter_legalization: 0,
    self_reading_window: 0,
  };

  it('finds each event once however often it scans, and sends each notification once', async () => {
    const { db } = databaseContext.database;
    const customer = await paperCustomer();
    // The invoice's "issued" notification came from the billing run's own hook; the scan finds nothing to add.
    expect(await db.selectFrom('notifications').select('kind').execute()).toEqual([
      { kind: 'invoice_issued' },
    ]);
    expect(await scan('2026-11-05')).toEqual({ ...none, meter_legalization: 1 });
    expect(await scan('2026-11-05')).toEqual(none);
    expect(await scan('2026-11-17')).toEqual({ ...none, payment_due: 1 });
    expect(await scan('2026-11-18')).toEqual(none);
    expect(await scan('2026-11-20')).toEqual({ ...none, payment_overdue: 1 });
    await db
      .insertInto('payments')
      .values({
        customer_id: customer.customerId,
        channel: 'transfer',
        amount_grosze: 5000,
        received_on: '2026-11-21',
        created_at: new Date('2026-11-21T10:00:00Z'),
        external_reference: 'N-1',
      })
      .execute();
    expect(await scan('2026-11-22')).toEqual({ ...none, payment_received: 1 });
    expect(await scan('2026-11-25')).toEqual({ ...none, self_reading_window: 1 });
    expect(await scan('2026-12-05')).toEqual({ ...none, meter_legalization: 1 });
    expect(await scan('2027-01-02')).toEqual({ ...none, meter_legalization: 1 });
    expect(await scan('2027-01-02')).toEqual(none);

    const keys = await db
      .selectFrom('notifications')
      .select(['event_key', 'recipient', 'language'])
      .orderBy('id')
      .execute();
    expect(keys.map((row) => row.event_key.replace(/:.*$/, ''))).toEqual([
      'invoice-issued',
      'legalization-90_days',
      'payment-due',
      'payment-overdue',
      'payment-received',
      'self-reading',
      'legalization-30_days',
      'legalization-expired',
    ]);
    expect(new Set(keys.map((row) => row.recipient))).toEqual(new Set(['anna@example.pl']));

    const config = testConfig({ SMTP_URL: receiver.url });
    const handlers = notificationJobHandlers({
      database: databaseContext.database,
      config,
      mail: createMailTransport(config),
    });
    expect(await drainQueues(databaseContext.database, handlers, { workerId: 'test' })).toEqual({
      done: 8,
      failed: 0,
    });
    expect(
      await drainQueues(databaseContext.database, handlers, {
        workerId: 'test',
        now: () => new Date(Date.now() + 86_400_000),
      }),
    ).toEqual({ done: 0, failed: 0 });
    expect(receiver.messages).toHaveLength(8);
    expect(new Set(receiver.messages.map((message) => message.headers.get('message-id'))).size).toBe(8);
    const overdue = receiver.messages.find((message) => message.subject.startsWith('Nieopłacona faktura'));
    expect(overdue?.envelopeTo).toEqual(['anna@example.pl']);
    expect(overdue?.text).toContain('termin płatności faktury nr FV/2026/11/000001 minął 19.11.2026');
    const sent = await db.selectFrom('notifications').select(['status', 'message_id']).execute();
    expect(sent.every((row) => row.status === 'sent' && row.message_id !== null)).toBe(true);
  });

  it('respects the preferences the customer sets in the portal', async () => {
    const customer = await paperCustomer();
    app = await buildTestApp(databaseContext.database);
    const client = await portalClient(app, customer.login);
    const before = await client.get('/api/v1/me/notifications/preferences');
    expect(
      before.json<{ preferences: { kind: string; channel: string; enabled: boolean }[] }>().preferences,
    ).toContainEqual({ kind: 'payment_due', channel: 'email', enabled: true });
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notifications/preferences',
      headers: { ...client.signedIn.headers, 'content-type': 'application/json' },
      payload: {
        preferences: [
          { kind: 'invoice_issued', channel: 'email', enabled: false },
          { kind: 'payment_due', channel: 'email', enabled: false },
        ],
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(
      changed.json<{ preferences: { kind: string; channel: string; enabled: boolean }[] }>().preferences,
    ).toContainEqual({ kind: 'payment_due', channel: 'email', enabled: false });
    const stranger = await createCustomer(databaseContext.database.db);
    expect(
      (await client.get(`/api/v1/me/notifications/preferences?customerId=${stranger.id}`)).statusCode,
    ).toBe(404);

    expect(await scan('2026-11-05')).toEqual({ ...none, meter_legalization: 1 });
    expect(await scan('2026-11-17')).toEqual(none);
  });

  it('writes in the customer language, falls back to the login address, and skips customers it cannot reach', async () => {
    const { db } = databaseContext.database;
    const english = await paperCustomer({ language: 'en', email: null });
    const unreachable = await createPortalCustomer(db, { customer: { email: null } });
    await db.deleteFrom('customer_login_access').where('customer_id', '=', unreachable.customerId).execute();
    await billMonths(databaseContext.database, ['2026-10']);
    await scan('2026-11-05');
    const rows = await db
      .selectFrom('notifications')
      .select(['customer_id', 'recipient', 'subject', 'language'])
      .where('kind', '=', 'invoice_issued')
      .execute();
    expect(rows).toEqual([
      {
        customer_id: english.customerId,
        recipient: english.login.email,
        subject: 'New invoice FV/2026/11/000001',
        language: 'en',
      },
    ]);
  });

  it('skips the self-reading reminder when the customer has already read the meter this period', async () => {
    const { db } = databaseContext.database;
    const customer = await paperCustomer();
    const login = await createCustomerLogin(db, { customerIds: [customer.customerId] });
    await db
      .insertInto('readings')
      .values({
        meter_id: customer.mainMeterId,
        read_on: '2026-11-24',
        value_litres: 160_000,
        source: 'customer',
        status: 'pending',
        created_by_login_id: login.id,
      })
      .execute();
    expect((await scan('2026-11-25')).self_reading_window).toBe(0);
  });

  it('notifies a paper invoice at once from the issuing hook, and an e-invoice not at all', async () => {
    const { db } = databaseContext.database;
    const paper = await paperCustomer();
    const email = await createPortalCustomer(db, { customer: { email: 'e@example.pl' } });
    await db
      .insertInto('e_invoice_consents')
      .values({ customer_id: email.customerId, action: 'granted', channel: 'portal', email: 'e@example.pl' })
      .execute();
    await billMonths(databaseContext.database, ['2026-10']);
    const ids = (await db.selectFrom('invoices').select('id').execute()).map((row) => row.id);
    // The billing run called the hook in its batch transaction.
    expect(await db.selectFrom('invoice_deliveries').select('invoice_id').execute()).toHaveLength(1);
    const notified = await db.selectFrom('notifications').select(['customer_id', 'kind']).execute();
    expect(notified).toEqual([{ customer_id: paper.customerId, kind: 'invoice_issued' }]);
    expect(await db.transaction().execute((trx) => invoicesIssued(trx, ids))).toEqual({
      deliveries: 0,
      notifications: 0,
    });
  });
});
