import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { formatMoney, grosze, isValidNrb, normalizeNrb } from '../../domain/index.ts';
import { AppError } from '../../http/errors.ts';
import { writeAudit, type Actor } from '../bank-import/audit.ts';
import { isUniqueViolation } from './context.ts';
import { postPayment, type PostedPayment } from './posting.ts';

/** Back-office money operations: cash desk payments, refunds of overpayments, and what staff look into. */

export async function recordCashDeskPayment(
  database: Database,
  request: {
    customerId: number;
    amountGrosze: number;
    receivedOn: string;
    receiptNumber: string;
    invoiceIds: readonly number[];
    actor: Actor;
    now: Date;
  },
): Promise<PostedPayment> {
  try {
    return await database.db.transaction().execute(async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'customer_number'])
        .where('id', '=', request.customerId)
        .executeTakeFirst();
      if (!customer) throw new AppError('not_found', 'Nie znaleziono klienta.');
      if (request.invoiceIds.length > 0) {
        const own = await trx
          .selectFrom('invoices')
          .select('id')
          .where('id', 'in', [...request.invoiceIds])
          .where('customer_id', '=', customer.id)
          .execute();
        if (own.length !== new Set(request.invoiceIds).size)
          throw new AppError('bad_request', 'Wskazane faktury nie należą do tego klienta.', {
            invoiceIds: 'Wybierz faktury tego klienta.',
          });
      }
      const posted = await postPayment(trx, {
        customerId: customer.id,
        channel: 'cash_desk',
        amountGrosze: request.amountGrosze,
        receivedOn: request.receivedOn,
        // The cash receipt (KP) number: submitting the same receipt twice posts it once.
        externalReference: `cash:${request.receiptNumber}`,
        title: `Wpłata w kasie, KP ${request.receiptNumber}`,
        staffUserId: request.actor.staffUserId,
        invoiceIds: request.invoiceIds,
      });
      if (!posted) throw duplicateReceipt(request.receiptNumber);
      await writeAudit(
        trx,
        request.actor,
        {
          action: 'payment.cash_desk_recorded',
          entity: 'payments',
          entityId: posted.paymentId,
          before: null,
          after: {
            customerId: customer.id,
            customerNumber: customer.customer_number,
            amountGrosze: request.amountGrosze,
            receivedOn: request.receivedOn,
            receiptNumber: request.receiptNumber,
            allocations: posted.allocations,
          },
        },
        request.now,
      );
      return posted;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'payments_external_reference_key'))
      throw duplicateReceipt(request.receiptNumber);
    throw error;
  }
}

const duplicateReceipt = (receipt: string) =>
  new AppError('conflict', `Wpłata z dowodem KP ${receipt} jest już zaksięgowana.`, {
    receiptNumber: 'Ten numer KP już wykorzystano.',
  });

/** Unallocated (and not yet refunded) money of each incoming payment of a customer: their credit. */
const remainingExpression = sql<number>`(p.amount_grosze
  - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.payment_id = p.id), 0)
  - coalesce((select sum(r.amount_grosze) from payment_refunds r where r.source_payment_id = p.id), 0))::bigint`;

/**
 * Marks a refund of overpaid money to the given account: a payment with channel 'refund' (negative), and the
 * payments whose unallocated money it returns (newest first). More than the customer's credit is refused;
 * the database refuses it too (payment_refunds trigger).
 */
export async function recordRefund(
  database: Database,
  request: {
    customerId: number;
    amountGrosze: number;
    accountNumber: string;
    reason: string;
    actor: Actor;
    now: Date;
    today: string;
  },
): Promise<{ refundPaymentId: number; sources: Array<{ paymentId: number; amountGrosze: number }> }> {
  const account = normalizeNrb(request.accountNumber);
  if (!account || !isValidNrb(account))
    throw new AppError('bad_request', 'Nieprawidłowy numer rachunku.', {
      accountNumber: 'Podaj poprawny 26-cyfrowy numer rachunku (NRB).',
    });
  return database.db.transaction().execute(async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'customer_number'])
      .where('id', '=', request.customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw new AppError('not_found', 'Nie znaleziono klienta.');
    const payments = await trx
      .selectFrom('payments as p')
      .where('p.customer_id', '=', customer.id)
      .where('p.amount_grosze', '>', 0)
      .select(['p.id', remainingExpression.as('remaining')])
      .orderBy('p.received_on', 'desc')
      .orderBy('p.id', 'desc')
      .forUpdate()
      .execute();
    const credit = payments.reduce((sum, payment) => sum + Math.max(0, Number(payment.remaining)), 0);
    if (request.amountGrosze > credit) {
      throw new AppError(
        'conflict',
        `Nadpłata klienta wynosi ${formatMoney(grosze(credit), 'pl')}; nie można zwrócić ${formatMoney(grosze(request.amountGrosze), 'pl')}.`,
        { amountGrosze: 'Kwota przekracza nadpłatę.' },
      );
    }
    const refund = await trx
      .insertInto('payments')
      .values({
        customer_id: customer.id,
        channel: 'refund',
        amount_grosze: -request.amountGrosze,
        fee_grosze: 0,
        received_on: request.today,
        title: `Zwrot nadpłaty: ${request.reason}`.slice(0, 500),
        counterparty_account: account,
        created_by_staff_id: request.actor.staffUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let left = request.amountGrosze;
    const sources: Array<{ paymentId: number; amountGrosze: number }> = [];
    for (const payment of payments) {
      if (left <= 0) break;
      const taken = Math.min(left, Math.max(0, Number(payment.remaining)));
      if (taken <= 0) continue;
      sources.push({ paymentId: payment.id, amountGrosze: taken });
      left -= taken;
    }
    await trx
      .insertInto('payment_refunds')
      .values(
        sources.map((source) => ({
          refund_payment_id: refund.id,
          source_payment_id: source.paymentId,
          amount_grosze: source.amountGrosze,
        })),
      )
      .execute();
    await writeAudit(
      trx,
      request.actor,
      {
        action: 'payment.refund_recorded',
        entity: 'payments',
        entityId: refund.id,
        before: { creditGrosze: credit },
        after: {
          customerId: customer.id,
          customerNumber: customer.customer_number,
          amountGrosze: request.amountGrosze,
          accountNumber: account,
          reason: request.reason,
          sources,
          creditGrosze: credit - request.amountGrosze,
        },
      },
      request.now,
    );
    return { refundPaymentId: refund.id, sources };
  });
}

/** Provider notifications by outcome (default: the refused ones), newest first. */
export async function listNotifications(
  database: Database,
  options: { outcome?: string; limit?: number } = {},
) {
  let query = database.db
    .selectFrom('payment_notifications')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  query = options.outcome
    ? query.where('outcome', '=', options.outcome)
    : query.where('outcome', 'in', ['rejected', 'verify_failed']);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    receivedAt: new Date(row.received_at).toISOString(),
    outcome: row.outcome,
    reason: row.reason,
    sessionId: row.session_id,
    onlinePaymentId: row.online_payment_id,
    providerOrderId: row.provider_order_id,
    amountGrosze: row.amount_grosze,
    currency: row.currency,
    remoteIp: row.remote_ip,
  }));
}

/** Fee revenue of online payments received in a period (payments.fee_grosze, see docs/payments.md). */
export async function feeRevenue(
  database: Database,
  from: string,
  to: string,
): Promise<{ payments: number; feeGrosze: number; invoicesGrosze: number }> {
  const row = await database.db
    .selectFrom('payments')
    .where('channel', '=', 'online')
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(fee_grosze), 0)::bigint`.as('fees'),
      sql<number>`coalesce(sum(amount_grosze), 0)::bigint`.as('amounts'),
    ])
    .executeTakeFirstOrThrow();
  return { payments: Number(row.count), feeGrosze: Number(row.fees), invoicesGrosze: Number(row.amounts) };
}
