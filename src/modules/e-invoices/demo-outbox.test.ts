import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { eInvoiceJobHandlers } from '../../jobs/e-invoice-delivery.ts';
import { drainQueues } from '../../jobs/queue.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { createStaffUser, createTermsVersion } from '../../../tests/support/factories.ts';
import { parseMail } from '../../../tests/support/mail-message.ts';
import { billMonths, createPortalCustomer, portalClient } from '../../../tests/support/portal-fixtures.ts';
import { signInStaff } from '../../../tests/support/sessions.ts';
import { invoicesIssued } from './hooks.ts';
import { pdfText } from './test-support.ts';

/**
 * The embedded demo has no SMTP relay: accepting e-invoices in the portal and running a billing period must
 * leave the customer's e-mail, with the invoice PDF, in DATA_DIR/mail, where the back office lists it.
 */
describeEachDatabase('e-invoice demo outbox (no SMTP_URL)', (context) => {
  let dataDirectory: string;
  let app: App | undefined;
  beforeEach(() => {
    dataDirectory = mkdtempSync(path.join(tmpdir(), 'ibok-demo-mail-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('puts the e-invoice with its PDF into DATA_DIR/mail and lists it for staff', async () => {
    const { db } = context.database;
    await createTermsVersion(db, { document: 'e_invoice', version: 'EF-1' });
    const customer = await createPortalCustomer(db);
    const config = testConfig({ DATA_DIR: dataDirectory });
    expect(config.mail.smtpUrl).toBeUndefined();
    app = await buildTestApp(context.database, { config });
    const client = await portalClient(app, customer.login);
    const accepted = await client.post('/api/v1/me/e-invoice', {
      action: 'accept',
      termsVersion: 'EF-1',
      email: customer.login.email,
    });
    expect(accepted.json()).toMatchObject({ active: true });

    await billMonths(context.database, ['2026-10']);
    const invoice = await db.selectFrom('invoices').selectAll().executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => invoicesIssued(trx, [invoice.id]));
    const result = await drainQueues(
      context.database,
      eInvoiceJobHandlers({ database: context.database, config, mail: app.dependencies.mail }),
      {
        workerId: 'demo',
      },
    );
    expect(result).toEqual({ done: 1, failed: 0 });

    const folder = path.join(dataDirectory, 'mail');
    const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const message = parseMail(readFileSync(path.join(folder, files[0]!)));
    expect(message.to).toBe(customer.login.email);
    expect(message.subject).toBe(`e-Faktura nr ${invoice.number}`);
    expect(message.attachments[0]!.contentType).toBe('application/pdf');
    expect(pdfText(message.attachments[0]!.content)).toContain(invoice.number);
    const delivery = await db.selectFrom('invoice_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(delivery.status).toBe('sent');
    expect(message.headers.get('message-id')).toBe(delivery.message_id);

    const staff = await signInStaff(app, await createStaffUser(db, { role: 'read_only' }));
    const listing = await app.inject({
      url: '/api/v1/staff/e-invoices/mail-files',
      headers: { cookie: staff.cookie },
    });
    expect(listing.json()).toMatchObject({ transport: 'file', files: [{ name: files[0] }] });
    const raw = await app.inject({
      url: `/api/v1/staff/e-invoices/mail-files/${files[0]}`,
      headers: { cookie: staff.cookie },
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(parseMail(raw.rawPayload).subject).toBe(message.subject);
    const probing = await app.inject({
      url: '/api/v1/staff/e-invoices/mail-files/..%2Fsession-secret',
      headers: { cookie: staff.cookie },
    });
    expect(probing.statusCode).toBe(400);
    const deliveries = await app.inject({
      url: '/api/v1/staff/e-invoices/deliveries',
      headers: { cookie: staff.cookie },
    });
    expect(deliveries.json()).toMatchObject({
      total: 1,
      items: [{ invoiceNumber: invoice.number, status: 'sent', generation: 1 }],
    });
  });
});
