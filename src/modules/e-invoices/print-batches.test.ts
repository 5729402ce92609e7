import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { eInvoiceJobHandlers } from '../../jobs/e-invoice-delivery.ts';
import { drainQueues } from '../../jobs/queue.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { createStaffUser } from '../../../tests/support/factories.ts';
import { billMonths, createPortalCustomer } from '../../../tests/support/portal-fixtures.ts';
import { signInStaff } from '../../../tests/support/sessions.ts';
import { pdfText } from './test-support.ts';

describeEachDatabase('paper print batches', (context) => {
  let dataDirectory: string;
  let app: App | undefined;
  beforeEach(() => {
    dataDirectory = mkdtempSync(path.join(tmpdir(), 'ibok-print-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('prints the paper invoices of a run, and only those, as one PDF; each invoice once', async () => {
    const { db } = context.database;
    const paperCustomers = [await createPortalCustomer(db), await createPortalCustomer(db)];
    const emailCustomer = await createPortalCustomer(db);
    await db
      .insertInto('e_invoice_consents')
      .values({
        customer_id: emailCustomer.customerId,
        action: 'granted',
        channel: 'portal',
        email: 'e@example.pl',
      })
      .execute();
    await billMonths(context.database, ['2026-10']);
    const invoices = await db
      .selectFrom('invoices')
      .select(['id', 'number', 'customer_id', 'delivery'])
      .orderBy('number')
      .execute();
    const paper = invoices.filter((invoice) => invoice.delivery === 'paper');
    expect(paper.map((invoice) => invoice.customer_id).sort()).toEqual(
      paperCustomers.map((customer) => customer.customerId).sort(),
    );
    const run = await db.selectFrom('billing_runs').select('id').executeTakeFirstOrThrow();

    const config = testConfig({ DATA_DIR: dataDirectory });
    app = await buildTestApp(context.database, { config });
    const operator = await signInStaff(app, await createStaffUser(db, { role: 'operator' }));
    const json = { ...operator.headers, 'content-type': 'application/json' };
    const listed = await app.inject({
      url: `/api/v1/staff/e-invoices/paper-invoices?billingRunId=${run.id}`,
      headers: { cookie: operator.cookie },
    });
    expect(
      listed
        .json<{ items: { number: string; reason: string }[] }>()
        .items.map((item) => [item.number, item.reason]),
    ).toEqual(paper.map((invoice) => [invoice.number, 'paper']));

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/e-invoices/print-batches',
      headers: json,
      payload: { billingRunId: run.id },
    });
    expect(created.statusCode).toBe(202);
    const [batchId] = created.json<{ batchIds: number[] }>().batchIds;
    const notYet = await app.inject({
      url: `/api/v1/staff/e-invoices/print-batches/${batchId}/pdf`,
      headers: { cookie: operator.cookie },
    });
    expect(notYet.statusCode).toBe(404);

    await drainQueues(
      context.database,
      eInvoiceJobHandlers({ database: context.database, config, mail: app.dependencies.mail }),
      { workerId: 'print' },
    );
    const batches = await app.inject({
      url: `/api/v1/staff/e-invoices/print-batches?billingRunId=${run.id}`,
      headers: { cookie: operator.cookie },
    });
    expect(batches.json()).toMatchObject({ items: [{ id: batchId, status: 'ready', invoiceCount: 2 }] });
    const pdf = await app.inject({
      url: `/api/v1/staff/e-invoices/print-batches/${batchId}/pdf`,
      headers: { cookie: operator.cookie },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`Partia wydruku nr ${batchId}`);
    for (const invoice of paper) {
      expect(text).toContain(`Faktura VAT nr ${invoice.number}`);
      expect(text).toContain(`${invoice.number} · partia ${batchId}`);
    }
    const eInvoice = invoices.find((invoice) => invoice.delivery === 'email')!;
    expect(text).not.toContain(eInvoice.number);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/e-invoices/print-batches',
      headers: json,
      payload: { billingRunId: run.id },
    });
    expect(again.statusCode).toBe(409);
    const reader = await signInStaff(app, await createStaffUser(db, { role: 'read_only' }));
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/e-invoices/print-batches',
      headers: { ...reader.headers, 'content-type': 'application/json' },
      payload: { billingRunId: run.id },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
