import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMailTransport } from '../../adapters/mail/index.ts';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatMoney, grosze } from '../../domain/index.ts';
import { eInvoiceJobHandlers } from '../../jobs/e-invoice-delivery.ts';
import { drainQueues } from '../../jobs/queue.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { createStaffUser } from '../../../tests/support/factories.ts';
import {
  billMonths,
  createPortalCustomer,
  monthEndReadings,
} from '../../../tests/support/portal-fixtures.ts';
import { signInStaff } from '../../../tests/support/sessions.ts';
import { INTERRUPTED } from '../outbound/sending-state.ts';
import { invoicesIssued } from './hooks.ts';
import { pdfText, startControllableReceiver, type ControllableReceiver } from './test-support.ts';

const HOUR = 3_600_000;
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

async function grant(
  db: Kysely<DB>,
  customerId: number,
  email: string,
  recordedAt = new Date(),
): Promise<void> {
  await db
    .insertInto('e_invoice_consents')
    .values({ customer_id: customerId, action: 'granted', channel: 'portal', email, recorded_at: recordedAt })
    .execute();
}

async function withdraw(db: Kysely<DB>, customerId: number): Promise<void> {
  await db
    .insertInto('e_invoice_consents')
    .values({ customer_id: customerId, action: 'withdrawn', channel: 'portal' })
    .execute();
}

describeEachDatabase('e-invoice delivery over SMTP', (context) => {
  let receiver: ControllableReceiver;
  let config: Config;
  let clock: Date;
  let app: App | undefined;
  beforeAll(async () => {
    receiver = await startControllableReceiver();
    config = testConfig({
      SMTP_URL: receiver.url,
      MAIL_FROM: 'iBOK Wodociągi <ibok@wodociagi.example.pl>',
      MAIL_REPLY_TO: 'bok@wodociagi.example.pl',
    });
  });
  afterAll(async () => {
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.messages.length = 0;
    receiver.refuseNext(0, 451);
    clock = new Date();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const handlers = (afterSend?: () => void) =>
    eInvoiceJobHandlers({
      database: context.database,
      config,
      mail: createMailTransport(config),
      now: () => clock,
      ...(afterSend ? { afterSend } : {}),
    });
  /** Runs the queue as the worker would; `laterMs` moves the clock past retry backoffs first. */
  const drain = async (laterMs = 0, afterSend?: () => void) => {
    // Jobs are queued at the real time; the clock never goes back.
    clock = new Date(Math.max(Date.now(), clock.getTime()) + laterMs);
    return drainQueues(context.database, handlers(afterSend), { workerId: 'test', now: () => clock });
  };

  async function issuedEInvoice(options: { email?: string; language?: 'pl' | 'en' } = {}) {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      customer: { first_name: 'Łucja', last_name: 'Żółkiewska', language: options.language ?? 'pl' },
      main: { readings: monthEndReadings('2024-01', '2026-11', 4500) },
    });
    await grant(db, customer.customerId, options.email ?? 'lucja@example.pl');
    await billMonths(context.database, ['2026-10']);
    const invoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('customer_id', '=', customer.customerId)
      .executeTakeFirstOrThrow();
    expect(invoice.delivery).toBe('email');
    // What the billing run does inside its issuing transaction.
    await db.transaction().execute((trx) => invoicesIssued(trx, [invoice.id]));
    return { customer, invoice };
  }

  const deliveriesOf = (invoiceId: number) =>
    context.database.db
      .selectFrom('invoice_deliveries')
      .selectAll()
      .where('invoice_id', '=', invoiceId)
      .orderBy('generation')
      .execute();

  it('e-mails the invoice: right recipient, Polish subject and text, reply-to, Message-ID and the PDF of that invoice', async () => {
    const { invoice } = await issuedEInvoice();
    expect(await drain()).toEqual({ done: 1, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
    const message = receiver.messages[0]!;
    const [delivery] = await deliveriesOf(invoice.id);
    expect(delivery).toMatchObject({
      generation: 1,
      status: 'sent',
      attempts: 1,
      recipient: 'lucja@example.pl',
      last_error: null,
    });
    expect(delivery!.sent_at).not.toBeNull();

    expect(message.envelopeTo).toEqual(['lucja@example.pl']);
    expect(message.subject).toBe(`e-Faktura nr ${invoice.number}`);
    expect(message.headers.get('message-id')).toBe(delivery!.message_id);
    expect(message.headers.get('reply-to')).toBe('bok@wodociagi.example.pl');
    expect(message.headers.get('from')).toContain('ibok@wodociagi.example.pl');
    const amount = plain(formatMoney(grosze(invoice.gross_grosze), 'pl'));
    const text = plain(message.text);
    expect(text).toContain('Dzień dobry,');
    expect(text).toContain(`fakturę nr ${invoice.number} z dnia 05.11.2026 za okres 01.10.2026 – 31.10.2026`);
    expect(text).toContain(`Kwota do zapłaty: ${amount}`);
    expect(text).toContain('Termin płatności: 19.11.2026');
    expect(text).toContain(`http://localhost:3000/konto/faktury/${invoice.id}`);
    expect(message.html).toContain(`<a href="http://localhost:3000/konto/faktury/${invoice.id}">`);

    expect(message.attachments).toHaveLength(1);
    const attachment = message.attachments[0]!;
    expect(attachment.filename).toBe(`Faktura_${invoice.number.replaceAll('/', '_')}.pdf`);
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = pdfText(attachment.content);
    expect(pdf).toContain(`Faktura VAT nr ${invoice.number}`);
    expect(pdf).toContain('Łucja Żółkiewska');
    expect(pdf).toContain(`Do zapłaty: ${amount}`);
    expect(pdf).toContain('Termin płatności: 19.11.2026');

    expect(await drain(HOUR)).toEqual({ done: 0, failed: 0 });
    await context.database.db.transaction().execute((trx) => invoicesIssued(trx, [invoice.id]));
    expect(await drain(HOUR)).toEqual({ done: 0, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
  });

  it('writes in English, PDF included, for a customer who chose English', async () => {
    const { invoice } = await issuedEInvoice({ language: 'en' });
    await drain();
    const message = receiver.messages[0]!;
    expect(message.subject).toBe(`E-invoice no. ${invoice.number}`);
    expect(message.text).toContain(`please find attached invoice no. ${invoice.number}`);
    expect(message.attachments[0]!.filename).toBe(`Invoice_${invoice.number.replaceAll('/', '_')}.pdf`);
    expect(pdfText(message.attachments[0]!.content)).toContain(`VAT invoice no. ${invoice.number}`);
  });

  it('retries while the server answers 451 and then delivers exactly once', async () => {
    const { invoice } = await issuedEInvoice();
    receiver.refuseNext(2, 451);
    expect(await drain()).toEqual({ done: 0, failed: 1 });
    const waiting = (await deliveriesOf(invoice.id))[0]!;
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toContain('451');
    expect(await drain()).toEqual({ done: 0, failed: 0 });
    expect(await drain(HOUR)).toEqual({ done: 0, failed: 1 });
    expect(await drain(HOUR)).toEqual({ done: 1, failed: 0 });
    expect(receiver.refusals).toBe(2);
    expect(receiver.messages).toHaveLength(1);
    expect((await deliveriesOf(invoice.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 3,
      last_error: null,
    });
    expect(await drain(HOUR)).toEqual({ done: 0, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
  });

  it('retries while the server is down and delivers exactly once when it is back', async () => {
    const { invoice } = await issuedEInvoice();
    await receiver.stop();
    try {
      expect(await drain()).toEqual({ done: 0, failed: 1 });
      expect((await deliveriesOf(invoice.id))[0]!.last_error).toContain('ECONNREFUSED');
    } finally {
      await receiver.start();
    }
    expect(await drain(HOUR)).toEqual({ done: 1, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
    const job = await context.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 2 });
  });

  it('after a crash between sending and recording, sends again with the same Message-ID, never concurrently', async () => {
    const { invoice } = await issuedEInvoice();
    let crashes = 0;
    await drain(0, () => {
      crashes += 1;
      throw new Error('simulated crash');
    });
    expect(crashes).toBe(1);
    expect(receiver.messages).toHaveLength(1);
    const interrupted = (await deliveriesOf(invoice.id))[0]!;
    expect(interrupted.status).toBe('sending');
    // Five minutes later the sender might still be alive: the retry must not send a second copy yet.
    expect(await drain(5 * 60_000)).toEqual({ done: 0, failed: 1 });
    expect(receiver.messages).toHaveLength(1);
    // After the sending lease the attempt is taken for dead and repeated, with the same Message-ID.
    expect(await drain(HOUR)).toEqual({ done: 1, failed: 0 });
    expect(receiver.messages).toHaveLength(2);
    expect(receiver.messages.map((message) => message.headers.get('message-id'))).toEqual([
      interrupted.message_id,
      interrupted.message_id,
    ]);
    expect((await deliveriesOf(invoice.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      message_id: interrupted.message_id,
      last_error: INTERRUPTED,
    });
  });

  it('sends nothing for invoices issued after the consent was withdrawn', async () => {
    const { db } = context.database;
    const { customer } = await issuedEInvoice();
    await drain();
    await withdraw(db, customer.customerId);
    await billMonths(context.database, ['2026-11']);
    const november = await db
      .selectFrom('invoices')
      .selectAll()
      .where('period_to', '=', '2026-11-30')
      .executeTakeFirstOrThrow();
    expect(november.delivery).toBe('paper');
    await db.transaction().execute((trx) => invoicesIssued(trx, [november.id]));
    await drain(HOUR);
    expect(receiver.messages).toHaveLength(1);
    expect(await deliveriesOf(november.id)).toEqual([]);
  });

  it('fails at once on a 5xx refusal, lists the invoice for paper, and lets staff resend to another address', async () => {
    const { db } = context.database;
    const { invoice, customer } = await issuedEInvoice({ email: 'typo@exmaple.pl' });
    receiver.refuseNext(1, 550);
    expect(await drain()).toEqual({ done: 1, failed: 0 });
    expect((await deliveriesOf(invoice.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(receiver.messages).toHaveLength(0);

    app = await buildTestApp(context.database, { config });
    const staff = await signInStaff(app, await createStaffUser(db, { role: 'operator' }));
    const outbox = await app.inject({
      url: `/api/v1/staff/e-invoices/deliveries?status=failed`,
      headers: { cookie: staff.cookie },
    });
    expect(outbox.json()).toMatchObject({
      total: 1,
      items: [
        {
          invoiceId: invoice.id,
          invoiceNumber: invoice.number,
          customerNumber: customer.customerNumber,
          status: 'failed',
        },
      ],
    });
    expect(outbox.json<{ items: { lastError: string }[] }>().items[0]!.lastError).toContain('550');
    const run = await db.selectFrom('billing_runs').select('id').executeTakeFirstOrThrow();
    const paper = await app.inject({
      url: `/api/v1/staff/e-invoices/paper-invoices?billingRunId=${run.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(paper.json()).toEqual({
      items: [expect.objectContaining({ invoiceId: invoice.id, reason: 'email_failed' })],
    });

    const resend = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/e-invoices/invoices/${invoice.id}/resend`,
      headers: { ...staff.headers, 'content-type': 'application/json' },
      payload: { email: 'lucja@example.pl' },
    });
    expect(resend.statusCode).toBe(202);
    expect(resend.json()).toMatchObject({ generation: 2, recipient: 'lucja@example.pl' });
    expect(await drain()).toEqual({ done: 1, failed: 0 });
    expect(receiver.messages.map((message) => message.envelopeTo)).toEqual([['lucja@example.pl']]);
    const deliveries = await deliveriesOf(invoice.id);
    expect(deliveries.map((delivery) => [delivery.generation, delivery.status])).toEqual([
      [1, 'failed'],
      [2, 'sent'],
    ]);
    expect(deliveries[0]!.message_id).not.toBe(deliveries[1]!.message_id);
    // Delivered after all: no longer waiting for paper.
    const after = await app.inject({
      url: `/api/v1/staff/e-invoices/paper-invoices?billingRunId=${run.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(after.json()).toEqual({ items: [] });
  });
});
