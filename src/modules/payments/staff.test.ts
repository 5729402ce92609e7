import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { customerAccountNumber } from '../../domain/index.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';
import { createInvoice, createStaffUser } from '../../../tests/support/factories.ts';
import { errorOf } from '../../../tests/support/http.ts';
import { signInStaff, type SignedIn } from '../../../tests/support/sessions.ts';
import { pkoStatement, subfields } from '../bank-import/test-statements.ts';
import { createPayer, type Payer } from './test-support.ts';

const config = testConfig();

describeEachDatabase('back-office payments', (context) => {
  let app: App;
  let payer: Payer;
  let operator: SignedIn;
  let reader: SignedIn;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { config, now: () => new Date('2026-11-21T09:00:00Z') });
    payer = await createPayer(context.database, app);
    operator = await signInStaff(app, await createStaffUser(context.database.db, { role: 'operator' }));
    reader = await signInStaff(app, await createStaffUser(context.database.db, { role: 'read_only' }));
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (who: SignedIn, url: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { ...who.headers, 'content-type': 'application/json' },
    });
  const get = (who: SignedIn, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  it('imports a statement over HTTP, lists the unmatched transfer, and lets an operator assign it once (audited)', async () => {
    const statement = pkoStatement({
      lines: [{ reference: 'U1', amount: '50,00', details: subfields('Wplata bez numeru') }],
    });
    expect(
      (await post(reader, '/api/v1/staff/payments/statements', { fileName: 'w.sta', content: statement }))
        .statusCode,
    ).toBe(403);
    const imported = await post(operator, '/api/v1/staff/payments/statements', {
      fileName: 'w.sta',
      content: statement,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({
      alreadyImported: false,
      unmatched: [{ reference: 'U1', amountGrosze: 5000 }],
    });
    const broken = await post(operator, '/api/v1/staff/payments/statements', {
      fileName: 'x.sta',
      content: statement.replace('50,00', 'abc'),
    });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).fields).toEqual({
      file: expect.stringMatching(/^line 6: :61: is not a statement line/) as unknown,
    });

    const queue = await get(reader, '/api/v1/staff/payments/unmatched');
    const [item] = queue.json<{ items: Array<{ id: number; amountGrosze: number; title: string }> }>().items;
    expect(item).toMatchObject({ amountGrosze: 5000, title: 'Wplata bez numeru' });

    const invoice = payer.invoices[1]!;
    const url = `/api/v1/staff/payments/unmatched/${item!.id}/assign`;
    expect(
      (await post(reader, url, { customerId: payer.customerId, invoiceIds: [invoice.id] })).statusCode,
    ).toBe(403);
    const assigned = await post(operator, url, { customerId: payer.customerId, invoiceIds: [invoice.id] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ allocations: [{ invoiceId: invoice.id, amountGrosze: 5000 }] });
    expect((await post(operator, url, { customerId: payer.customerId })).statusCode).toBe(409);
    expect(
      (await get(reader, '/api/v1/staff/payments/unmatched')).json<{ items: unknown[] }>().items,
    ).toEqual([]);

    const audit = await context.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'bank_statement_item.assigned')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_kind: 'staff',
      entity: 'bank_statement_items',
      entity_id: String(item!.id),
    });
    expect(audit.before).toMatchObject({ status: 'unmatched' });
    expect(audit.after).toMatchObject({
      status: 'assigned',
      customerId: payer.customerId,
      amountGrosze: 5000,
    });
  });

  it('records a cash desk payment once per receipt, and refunds an overpayment only up to the credit', async () => {
    const owed = payer.invoices.reduce((sum, invoice) => sum + invoice.gross, 0);
    const cash = { customerId: payer.customerId, amountGrosze: owed + 2500, receiptNumber: 'KP/2026/11/17' };
    expect((await post(reader, '/api/v1/staff/payments/cash-desk', cash)).statusCode).toBe(403);
    const recorded = await post(operator, '/api/v1/staff/payments/cash-desk', cash);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json<{ allocations: unknown[] }>().allocations).toHaveLength(2);
    expect((await post(operator, '/api/v1/staff/payments/cash-desk', cash)).statusCode).toBe(409);

    const account = customerAccountNumber('10901014', '12345678');
    const refund = {
      customerId: payer.customerId,
      amountGrosze: 2501,
      accountNumber: account,
      reason: 'Zwrot nadpłaty na wniosek',
    };
    expect((await post(operator, '/api/v1/staff/payments/refunds', refund)).statusCode).toBe(409);
    expect(
      (
        await post(operator, '/api/v1/staff/payments/refunds', {
          ...refund,
          accountNumber: '12 3456' + account.slice(7),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await post(reader, '/api/v1/staff/payments/refunds', { ...refund, amountGrosze: 2500 })).statusCode,
    ).toBe(403);
    const refunded = await post(operator, '/api/v1/staff/payments/refunds', {
      ...refund,
      amountGrosze: 2500,
    });
    expect(refunded.statusCode, refunded.body).toBe(201);
    const { refundPaymentId } = refunded.json<{ refundPaymentId: number }>();
    const row = await context.database.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', refundPaymentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'refund', amount_grosze: -2500, counterparty_account: account });
    // Refunded money can no longer be allocated to anything: the database refuses.
    const source = recorded.json<{ paymentId: number }>().paymentId;
    const point = await context.database.db
      .selectFrom('invoices')
      .select('service_point_id')
      .where('customer_id', '=', payer.customerId)
      .executeTakeFirstOrThrow();
    const next = await createInvoice(context.database.db, {
      customerId: payer.customerId,
      servicePointId: point.service_point_id,
    });
    await expect(
      context.database.db
        .insertInto('payment_allocations')
        .values({ payment_id: source, invoice_id: next.id, amount_grosze: 1 })
        .execute(),
    ).rejects.toThrow(/allocations exceed payment/);
    // New money still posts normally for a customer with a refund, to the new invoice.
    const later = await post(operator, '/api/v1/staff/payments/cash-desk', {
      ...cash,
      amountGrosze: 500,
      receiptNumber: 'KP/2026/11/18',
    });
    expect(later.json()).toMatchObject({ allocations: [{ invoiceId: next.id, amountGrosze: 500 }] });
    const actions = await context.database.db
      .selectFrom('audit_log')
      .select('action')
      .orderBy('id')
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual([
      'payment.cash_desk_recorded',
      'payment.refund_recorded',
      'payment.cash_desk_recorded',
    ]);
  });

  it('shows refused provider notifications and the fee revenue to staff, and nothing to customers', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify/sandbox',
      payload: '{"sessionId":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    const notifications = await get(reader, '/api/v1/staff/payments/notifications');
    expect(notifications.json()).toMatchObject({
      items: [{ provider: 'sandbox', outcome: 'rejected', reason: 'malformed' }],
    });
    expect((await payer.client.get('/api/v1/staff/payments/notifications')).statusCode).toBe(401);
    const fees = await get(reader, '/api/v1/staff/payments/fees?from=2026-11-01&to=2026-11-30');
    expect(fees.json()).toEqual({ payments: 0, feeGrosze: 0, invoicesGrosze: 0 });
  });
});
