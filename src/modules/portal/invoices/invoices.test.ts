import { afterEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { calendarDate } from '../../../domain/index.ts';
import { issueCorrection } from '../../billing/correction.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import {
  addServicePoint,
  billMonths,
  createMeter,
  createPayment,
  createPortalCustomer,
  monthEndReadings,
  portalClient,
} from '../../../../tests/support/portal-fixtures.ts';
import type { ErrorBody } from '../../../http/errors.ts';
import type { InvoiceDetailAnswer, InvoiceListAnswer } from './routes.ts';

describeEachDatabase('portal invoices', (context) => {
  let app: App | undefined;
  const now = () => new Date('2026-11-20T10:00:00Z');
  afterEach(async () => {
    await app?.close();
  });

  /** Invoices for August, September and October 2026 (67,66 zł each): August paid, October partly paid. */
  async function customerWithInvoices() {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    await billMonths(context.database, ['2026-08', '2026-09', '2026-10']);
    const [august, september, october] = await db
      .selectFrom('invoices')
      .selectAll()
      .orderBy('issue_date')
      .execute();
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 6766,
      receivedOn: '2026-09-10',
      allocations: [{ invoiceId: august!.id, amountGrosze: 6766 }],
    });
    await createPayment(db, {
      customerId: customer.customerId,
      amountGrosze: 1000,
      receivedOn: '2026-11-06',
      channel: 'online',
      feeGrosze: 100,
      allocations: [{ invoiceId: october!.id, amountGrosze: 1000 }],
    });
    app = await buildTestApp(context.database, { now });
    return {
      customer,
      august: august!,
      september: september!,
      october: october!,
      client: await portalClient(app, customer.login),
    };
  }

  it('lists invoices newest first with derived statuses and amounts due', async () => {
    const { client, august, september, october } = await customerWithInvoices();
    const response = await client.get('/api/v1/me/invoices');
    expect(response.statusCode).toBe(200);
    const body = response.json<InvoiceListAnswer>();
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(body.items.map((item: { id: number }) => item.id)).toEqual([october.id, september.id, august.id]);
    expect(body.items[0]).toMatchObject({
      number: october.number,
      kind: 'invoice',
      issueDate: '2026-11-05',
      dueDate: '2026-11-19',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      grossGrosze: 6766,
      amountDueGrosze: 6766,
      paidGrosze: 1000,
      outstandingGrosze: 5766,
      status: 'overdue',
    });
    expect(body.items[1]).toMatchObject({ status: 'overdue', paidGrosze: 0, outstandingGrosze: 6766 });
    expect(body.items[2]).toMatchObject({ status: 'paid', outstandingGrosze: 0 });
  });

  it('filters by status, period and service point, and pages', async () => {
    const { client, august, september, customer } = await customerWithInvoices();
    const paid = (await client.get('/api/v1/me/invoices?status=paid')).json<InvoiceListAnswer>();
    expect(paid.items.map((item: { id: number }) => item.id)).toEqual([august.id]);
    const period = (
      await client.get('/api/v1/me/invoices?from=2026-10-01&to=2026-10-31')
    ).json<InvoiceListAnswer>();
    expect(period.items.map((item: { id: number }) => item.id)).toEqual([september.id]);
    const page = (await client.get('/api/v1/me/invoices?page=2&pageSize=2')).json<InvoiceListAnswer>();
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page.items.map((item: { id: number }) => item.id)).toEqual([august.id]);
    const point = (
      await client.get(`/api/v1/me/invoices?servicePointId=${customer.servicePointId}`)
    ).json<InvoiceListAnswer>();
    expect(point.total).toBe(3);
    const otherPoint = await addServicePoint(context.database.db, customer.customerId);
    expect(
      (await client.get(`/api/v1/me/invoices?servicePointId=${otherPoint.id}`)).json<InvoiceListAnswer>()
        .total,
    ).toBe(0);
  });

  it('rejects bad filters with field messages in the customer’s language', async () => {
    const { client } = await customerWithInvoices();
    const response = await client.get('/api/v1/me/invoices?from=2026-13-01&to=2026-01-01&status=lost&page=0');
    expect(response.statusCode).toBe(400);
    const error = response.json<ErrorBody>().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toMatchObject({
      from: 'Podaj datę w formacie RRRR-MM-DD.',
      page: 'Numer strony musi być liczbą całkowitą od 1.',
    });
    expect(Object.keys(error.fields ?? {})).toContain('status');
    const order = await client.get('/api/v1/me/invoices?from=2026-02-01&to=2026-01-01');
    expect(order.json<ErrorBody>().error.fields).toEqual({
      to: 'Data końcowa nie może być wcześniejsza niż początkowa.',
    });
  });

  it('shows an invoice with lines, VAT summary, readings used and payments', async () => {
    const { client, october, customer } = await customerWithInvoices();
    const response = await client.get(`/api/v1/me/invoices/${october.id}`);
    expect(response.statusCode).toBe(200);
    const invoice = response.json<InvoiceDetailAnswer>();
    expect(invoice).toMatchObject({
      id: october.id,
      number: october.number,
      status: 'overdue',
      amountDueGrosze: 6766,
      outstandingGrosze: 5766,
      bankAccount: october.bank_account,
    });
    expect(
      invoice.lines.map((line: { kind: string; quantityThousandths: number; netGrosze: number }) => [
        line.kind,
        line.quantityThousandths,
        line.netGrosze,
      ]),
    ).toEqual([
      ['water', 4500, 2619],
      ['sewage', 4500, 3146],
      ['subscription', 1000, 500],
    ]);
    expect(invoice.vatSummary).toEqual([
      { vatRateBasisPoints: 800, netGrosze: 6265, vatGrosze: 501, grossGrosze: 6766 },
    ]);
    expect(invoice.readings).toEqual([
      expect.objectContaining({
        meterId: customer.mainMeterId,
        previousDate: '2026-09-30',
        previousValueLitres: 33 * 4500,
        currentDate: '2026-10-31',
        currentValueLitres: 34 * 4500,
        consumptionLitres: 4500,
        estimated: false,
      }),
    ]);
    expect(invoice.payments).toEqual([
      expect.objectContaining({ receivedOn: '2026-11-06', channel: 'online', allocatedGrosze: 1000 }),
    ]);
    expect(invoice.corrections).toEqual([]);
  });

  it('shows a correction on its invoice and derives the amount due from it', async () => {
    const { client, september } = await customerWithInvoices();
    const correction = await issueCorrection(context.database, {
      invoiceId: september.id,
      reason: 'Błędny odczyt',
      mode: 'cancel',
      today: calendarDate('2026-11-12'),
    });
    const original = (await client.get(`/api/v1/me/invoices/${september.id}`)).json<InvoiceDetailAnswer>();
    expect(original).toMatchObject({
      correctionsGrosze: -6766,
      amountDueGrosze: 0,
      outstandingGrosze: 0,
      status: 'paid',
    });
    expect(original.corrections).toEqual([
      {
        id: correction.correctionId,
        number: correction.number,
        issueDate: '2026-11-12',
        grossGrosze: -6766,
        reason: 'Błędny odczyt',
      },
    ]);
    const document = (
      await client.get(`/api/v1/me/invoices/${correction.correctionId}`)
    ).json<InvoiceDetailAnswer>();
    expect(document).toMatchObject({
      kind: 'correction',
      correctsInvoiceId: september.id,
      correctsInvoiceNumber: september.number,
      status: null,
      correctionReason: 'Błędny odczyt',
    });
    const list = (await client.get('/api/v1/me/invoices?status=overdue')).json<InvoiceListAnswer>();
    expect(list.items.map((item: { id: number }) => item.id)).not.toContain(september.id);
  });

  it('downloads the PDF as a private attachment named after the invoice number', async () => {
    const { client, october } = await customerWithInvoices();
    const response = await client.get(`/api/v1/me/invoices/${october.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="faktura-${october.number.replaceAll('/', '-')}.pdf"`,
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers 404 for a missing invoice and for a malformed id 400', async () => {
    const { client } = await customerWithInvoices();
    const missing = await client.get('/api/v1/me/invoices/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error).toEqual({
      code: 'not_found',
      message: 'Nie znaleziono faktury.',
    });
    expect((await client.get('/api/v1/me/invoices/abc')).statusCode).toBe(400);
  });

  it('lists invoices of a second service point of the same customer too', async () => {
    const { db } = context.database;
    const customer = await createPortalCustomer(db);
    const second = await addServicePoint(db, customer.customerId);
    await createMeter(db, second.id, { readings: monthEndReadings('2026-08', '2026-10', 9000) });
    await billMonths(context.database, ['2026-10']);
    app = await buildTestApp(context.database, { now });
    const client = await portalClient(app, customer.login);
    const body = (await client.get('/api/v1/me/invoices')).json<InvoiceListAnswer>();
    expect(body.total).toBe(2);
    const onSecond = (
      await client.get(`/api/v1/me/invoices?servicePointId=${second.id}`)
    ).json<InvoiceListAnswer>();
    expect(onSecond.items).toMatchObject([{ servicePointId: second.id }]);
  });
});
