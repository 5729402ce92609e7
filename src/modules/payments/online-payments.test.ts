import { afterEach, beforeEach, expect, it } from 'vitest';
import { sandboxSecret, signedSandboxNotification } from '../../adapters/payments/index.ts';
import type { App } from '../../app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { errorOf } from '../../../tests/support/http.ts';
import {
  capturingMail,
  countRows,
  createPayer,
  paymentsContext,
  runPaymentJobs,
  type Payer,
} from './test-support.ts';

// Shorter than the 30-minute idle session, so the customer is still signed in after the payment expires.
const config = testConfig({ PAYMENT_EXPIRY_MINUTES: '10' });
const secret = sandboxSecret(config.sessionSecret);

interface Attempt {
  id: number;
  status: string;
  redirectUrl: string | null;
  invoices: Array<{ id: number; amountGrosze: number }>;
  invoicesGrosze: number;
  feeGrosze: number;
  totalGrosze: number;
  paymentId: number | null;
  history: Array<{ status: string }>;
}

describeEachDatabase('online payments with the sandbox provider', (context) => {
  let app: App;
  let clock: Date;
  let payer: Payer;
  beforeEach(async () => {
    clock = new Date('2026-11-20T10:00:00Z');
    app = await buildTestApp(context.database, { config, now: () => clock });
    payer = await createPayer(context.database, app);
  });
  afterEach(async () => {
    await app.close();
  });

  const start = async (invoiceIds: number[]) => {
    const response = await payer.client.post('/api/v1/me/payments', { invoiceIds });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Attempt>();
  };
  const sessionOf = async (id: number) =>
    (
      await context.database.db
        .selectFrom('online_payments')
        .select('session_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).session_id;
  const notify = (body: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify/sandbox',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
  const paidNotification = async (attempt: Attempt, overrides: { amount?: number; key?: string } = {}) =>
    signedSandboxNotification(
      {
        sessionId: await sessionOf(attempt.id),
        orderId: `SBX-${attempt.id}`,
        amount: overrides.amount ?? attempt.totalGrosze,
        currency: 'PLN',
        status: 'paid',
      },
      overrides.key ?? secret,
    );

  it('pays two invoices end to end: summary with the fee as its own line, sandbox page, verified notification, allocation, e-mail', async () => {
    const [first, second] = payer.invoices;
    const payable = await payer.client.get('/api/v1/me/payments/payable');
    expect(payable.json()).toMatchObject({
      feeGrosze: 100,
      items: [
        { id: first!.id, outstandingGrosze: first!.gross, paymentInProgress: null },
        { id: second!.id },
      ],
    });

    const quote = await payer.client.post('/api/v1/me/payments/quote', {
      invoiceIds: [first!.id, second!.id],
    });
    expect(quote.json()).toMatchObject({
      invoices: [
        { id: first!.id, amountGrosze: first!.gross },
        { id: second!.id, amountGrosze: second!.gross },
      ],
      invoicesGrosze: first!.gross + second!.gross,
      feeGrosze: 100,
      totalGrosze: first!.gross + second!.gross + 100,
    });

    const attempt = await start([first!.id, second!.id]);
    expect(attempt).toMatchObject({
      status: 'pending',
      invoicesGrosze: first!.gross + second!.gross,
      totalGrosze: first!.gross + second!.gross + 100,
    });
    const pagePath = new URL(attempt.redirectUrl!).pathname;
    expect(pagePath).toMatch(/^\/payments\/sandbox\//);
    const inProgress = await payer.client.get('/api/v1/me/payments/payable');
    expect(
      inProgress
        .json<{ items: Array<{ paymentInProgress: { paymentId: number } | null }> }>()
        .items.map((item) => item.paymentInProgress?.paymentId),
    ).toEqual([attempt.id, attempt.id]);

    const page = await app.inject({
      method: 'GET',
      url: pagePath,
      headers: { cookie: payer.client.signedIn.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="pl">');
    expect(page.body).toContain('Opłata za płatność online');
    for (const label of ['Zapłać', 'Odrzuć płatność', 'Porzuć i wróć']) expect(page.body).toContain(label);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)![1]!;

    // The browser posts JSON with the session cookie but no CSRF header: the form token protects it.
    const forged = await app.inject({
      method: 'POST',
      url: pagePath,
      payload: JSON.stringify({ action: 'pay', formToken: 'x' }),
      headers: { cookie: payer.client.signedIn.cookie, 'content-type': 'application/json' },
    });
    expect(forged.statusCode).toBe(403);
    const paid = await app.inject({
      method: 'POST',
      url: pagePath,
      payload: JSON.stringify({ action: 'pay', formToken }),
      headers: { cookie: payer.client.signedIn.cookie, 'content-type': 'application/json' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toEqual({ redirectUrl: `http://localhost:3000/konto/platnosci/${attempt.id}` });

    const view = (await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>();
    expect(view).toMatchObject({ status: 'paid', redirectUrl: null });
    expect(view.history.map((entry) => entry.status)).toEqual(['pending', 'paid']);
    const payment = await context.database.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', view.paymentId!)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({
      customer_id: payer.customerId,
      channel: 'online',
      amount_grosze: first!.gross + second!.gross,
      fee_grosze: 100,
      received_on: '2026-11-20',
    });
    const allocations = await context.database.db
      .selectFrom('payment_allocations')
      .select(['invoice_id', 'amount_grosze'])
      .where('payment_id', '=', payment.id)
      .orderBy('invoice_id')
      .execute();
    expect(allocations).toEqual([
      { invoice_id: first!.id, amount_grosze: first!.gross },
      { invoice_id: second!.id, amount_grosze: second!.gross },
    ]);
    expect(
      (await payer.client.get('/api/v1/me/payments/payable')).json<{ items: unknown[] }>().items,
    ).toEqual([]);

    const mail = capturingMail();
    const jobs = await runPaymentJobs(
      paymentsContext(context.database, config, () => clock),
      mail,
    );
    expect(jobs.done).toBeGreaterThanOrEqual(1);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.to).toBe(payer.email);
    expect(mail.sent[0]!.subject).toMatch(/^Potwierdzenie płatności: /);
    expect(mail.sent[0]!.text).toContain(payer.invoices[0]!.number);
    expect(mail.sent[0]!.text).toContain('Opłata za płatność online: 1,00');
    // Running the jobs again sends nothing more.
    await runPaymentJobs(
      paymentsContext(context.database, config, () => clock),
      mail,
    );
    expect(mail.sent).toHaveLength(1);
  });

  it('lets only one of two simultaneous requests start a payment for the same invoice', async () => {
    const invoiceId = payer.invoices[0]!.id;
    const answers = await Promise.all(
      [0, 1, 2].map(() => payer.client.post('/api/v1/me/payments', { invoiceIds: [invoiceId] })),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409]);
    const conflict = answers.find((answer) => answer.statusCode === 409)!;
    expect(errorOf(conflict).message).toContain('jest w toku');
    const pending = await context.database.db
      .selectFrom('online_payments')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
    // The other invoice is still free, and one covering both is refused.
    expect(
      (await payer.client.post('/api/v1/me/payments', { invoiceIds: [payer.invoices[1]!.id, invoiceId] }))
        .statusCode,
    ).toBe(409);
    await start([payer.invoices[1]!.id]);
  });

  it('posts a replayed notification once and concurrent duplicates once', async () => {
    const attempt = await start([payer.invoices[0]!.id]);
    const body = await paidNotification(attempt);
    const answers = await Promise.all([notify(body), notify(body), notify(body)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    expect((await notify(body)).statusCode).toBe(200);
    expect(await countRows(context.database, 'payments')).toBe(1);
    expect(await countRows(context.database, 'payment_allocations')).toBe(1);
    const outcomes = await context.database.db
      .selectFrom('payment_notifications')
      .select('outcome')
      .orderBy('id')
      .execute();
    expect(outcomes.map((row) => row.outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'posted',
    ]);
    const jobs = await context.database.db
      .selectFrom('jobs')
      .select('queue')
      .where('queue', '=', 'payment-confirmation')
      .execute();
    expect(jobs).toHaveLength(1);
    // The database itself refuses a second posting of the same provider payment.
    const payment = await context.database.db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    await expect(
      context.database.db
        .insertInto('payments')
        .values({
          customer_id: payment.customer_id,
          channel: 'online',
          amount_grosze: payment.amount_grosze,
          received_on: payment.received_on,
          external_reference: payment.external_reference,
        })
        .execute(),
    ).rejects.toThrow(/duplicate key|unique/i);
  });

  it('posts nothing for a forged notification, a changed amount or an unknown session, and shows them to staff', async () => {
    const attempt = await start([payer.invoices[0]!.id]);
    const forged = await notify(
      await paidNotification(attempt, {
        key: sandboxSecret('another-secret-that-is-long-enough-0000000000'),
      }),
    );
    expect(forged.statusCode).toBe(400);
    const lowered = await notify(await paidNotification(attempt, { amount: 100 }));
    expect(lowered.statusCode).toBe(400);
    const unknown = await notify(
      signedSandboxNotification(
        {
          sessionId: 'unknown-session-000000001',
          orderId: 'SBX-0',
          amount: 100,
          currency: 'PLN',
          status: 'paid',
        },
        secret,
      ),
    );
    expect(unknown.statusCode).toBe(400);
    const garbage = await notify('{"not":"a notification"}');
    expect(garbage.statusCode).toBe(400);

    expect(await countRows(context.database, 'payments')).toBe(0);
    expect((await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>().status).toBe(
      'pending',
    );
    const recorded = await context.database.db
      .selectFrom('payment_notifications')
      .select(['outcome', 'reason', 'online_payment_id'])
      .orderBy('id')
      .execute();
    expect(recorded).toEqual([
      { outcome: 'rejected', reason: 'bad_signature', online_payment_id: null },
      { outcome: 'rejected', reason: 'amount_mismatch', online_payment_id: attempt.id },
      { outcome: 'rejected', reason: 'unknown_session', online_payment_id: null },
      { outcome: 'rejected', reason: 'malformed', online_payment_id: null },
    ]);
  });

  it('expires an abandoned payment (freeing its invoices), keeps every state, and still posts money that arrives late', async () => {
    const attempt = await start([payer.invoices[0]!.id]);
    const jobContext = paymentsContext(context.database, config, () => clock);
    const mail = capturingMail();
    await runPaymentJobs(jobContext, mail);
    expect((await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>().status).toBe(
      'pending',
    );

    clock = new Date(clock.getTime() + 12 * 60_000);
    const ran = await runPaymentJobs(jobContext, mail);
    expect(ran.done).toBe(1);
    const expired = (await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>();
    expect(expired.history.map((entry) => entry.status)).toEqual(['pending', 'expired']);
    expect(
      (await payer.client.get('/api/v1/me/payments/payable')).json<{
        items: Array<{ paymentInProgress: unknown }>;
      }>().items[0]!.paymentInProgress,
    ).toBeNull();

    const late = await notify(await paidNotification(attempt));
    expect(late.statusCode).toBe(200);
    const after = (await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>();
    expect(after.history.map((entry) => entry.status)).toEqual(['pending', 'expired', 'paid']);
    expect(await countRows(context.database, 'payments')).toBe(1);
    const row = await context.database.db
      .selectFrom('online_payments')
      .select('status_reason')
      .where('id', '=', attempt.id)
      .executeTakeFirstOrThrow();
    expect(row.status_reason).toBe('paid_after_expired');
    // History is never rewritten.
    await expect(context.database.db.deleteFrom('online_payment_events').execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('marks a declined payment failed and lets the customer cancel a pending one; both free the invoices', async () => {
    const attempt = await start([payer.invoices[0]!.id]);
    const declined = signedSandboxNotification(
      {
        sessionId: await sessionOf(attempt.id),
        orderId: 'SBX-1',
        amount: attempt.totalGrosze,
        currency: 'PLN',
        status: 'failed',
      },
      secret,
    );
    expect((await notify(declined)).statusCode).toBe(200);
    expect((await payer.client.get(`/api/v1/me/payments/${attempt.id}`)).json<Attempt>().status).toBe(
      'failed',
    );

    const second = await start([payer.invoices[0]!.id]);
    const cancelled = await payer.client.post(`/api/v1/me/payments/${second.id}/cancel`, {});
    expect(cancelled.json<Attempt>().status).toBe('cancelled');
    expect((await payer.client.post(`/api/v1/me/payments/${second.id}/cancel`, {})).statusCode).toBe(409);
    await start([payer.invoices[0]!.id]);
    expect(await countRows(context.database, 'payments')).toBe(0);
  });

  it("refuses another customer's invoice and payment (404), paid invoices (409) and an empty choice (400)", async () => {
    const other = await createPayer(context.database, app);
    const theirs = other.invoices[0]!.id;
    expect((await payer.client.post('/api/v1/me/payments/quote', { invoiceIds: [theirs] })).statusCode).toBe(
      404,
    );
    expect((await payer.client.post('/api/v1/me/payments', { invoiceIds: [theirs] })).statusCode).toBe(404);
    const theirAttempt = await other.client.post('/api/v1/me/payments', { invoiceIds: [theirs] });
    const theirId = theirAttempt.json<Attempt>().id;
    expect((await payer.client.get(`/api/v1/me/payments/${theirId}`)).statusCode).toBe(404);
    expect((await payer.client.post(`/api/v1/me/payments/${theirId}/cancel`, {})).statusCode).toBe(404);
    expect((await payer.client.post('/api/v1/me/payments', { invoiceIds: [] })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/payments/payable' })).statusCode).toBe(401);

    const attempt = await start([payer.invoices[0]!.id]);
    expect((await notify(await paidNotification(attempt))).statusCode).toBe(200);
    const again = await payer.client.post('/api/v1/me/payments', { invoiceIds: [payer.invoices[0]!.id] });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('już opłacona');
  });
});
