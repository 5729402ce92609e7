import { randomBytes } from 'node:crypto';
import { ProviderError } from '../../adapters/payments/index.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { enqueue } from '../../jobs/queue.ts';
import { loadAttemptView, presentAttempt, type AttemptView } from './attempts.ts';
import { EXPIRY_QUEUE, isUniqueViolation, notifyPath, returnPath, type PaymentsContext } from './context.ts';
import { expireOverdueAttempts } from './expiry.ts';
import { conflictError, inProgress, notFoundError, text } from './messages.ts';
import { idList, loadPayableInvoices, type PayableInvoice } from './payable.ts';
import { buildQuote, type Quote } from './quote.ts';

/** Who asks: the signed-in login and the customers it holds (every query is scoped by them). */
export interface PayerScope {
  customerIds: readonly number[];
  loginId: number;
  email: string;
  language: Language;
  ip: string;
}

export async function payableInvoices(
  context: PaymentsContext,
  scope: PayerScope,
): Promise<{ invoices: PayableInvoice[]; feeGrosze: number }> {
  await expireOverdueAttempts(context, { customerIds: scope.customerIds });
  const invoices = await loadPayableInvoices(context.database.db, scope.customerIds, {
    onlyOutstanding: true,
  });
  return { invoices, feeGrosze: context.config.payments.feeGrosze };
}

export async function quotePayment(
  context: PaymentsContext,
  scope: PayerScope,
  invoiceIds: readonly number[],
): Promise<Quote> {
  await expireOverdueAttempts(context, { customerIds: scope.customerIds });
  const found = await loadPayableInvoices(context.database.db, scope.customerIds, { invoiceIds });
  return buildQuote(found, invoiceIds, context.config.payments.feeGrosze, scope.language);
}

/**
 * Starts an online payment of the chosen invoices. The attempt and its invoices are written first, in one
 * transaction that locks the invoices; a partial unique index lets only one pending attempt cover an invoice,
 * so a double click or a second tab gets 409. Then the provider is asked for the checkout address; if it cannot
 * be reached the attempt is marked failed, which frees the invoices at once.
 */
export async function startPayment(
  context: PaymentsContext,
  scope: PayerScope,
  invoiceIds: readonly number[],
): Promise<AttemptView> {
  const provider = context.providers.active;
  if (!provider) throw new AppError('unavailable', localize(text.unavailable, scope.language));
  await expireOverdueAttempts(context, { customerIds: scope.customerIds });
  const now = context.now();
  const expiresAt = new Date(now.getTime() + context.config.payments.expiryMinutes * 60_000);
  const sessionId = randomBytes(18).toString('base64url');

  let created: { id: number; quote: Quote };
  try {
    created = await context.database.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('invoices')
        .where(
          'id',
          'in',
          [...new Set(invoiceIds)].sort((left, right) => left - right),
        )
        .where('customer_id', 'in', idList(scope.customerIds))
        .select('id')
        .orderBy('id')
        .forUpdate()
        .execute();
      const found = await loadPayableInvoices(trx, scope.customerIds, { invoiceIds });
      const quote = buildQuote(found, invoiceIds, context.config.payments.feeGrosze, scope.language);
      const attempt = await trx
        .insertInto('online_payments')
        .values({
          session_id: sessionId,
          customer_id: quote.customerId,
          customer_login_id: scope.loginId,
          provider: provider.name,
          status: 'pending',
          invoices_grosze: quote.invoicesGrosze,
          fee_grosze: quote.feeGrosze,
          total_grosze: quote.totalGrosze,
          language: scope.language,
          expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('online_payment_invoices')
        .values(
          quote.invoices.map((invoice) => ({
            online_payment_id: attempt.id,
            invoice_id: invoice.id,
            amount_grosze: invoice.amountGrosze,
          })),
        )
        .execute();
      // Checked again a minute after expiry: abandoned payments free their invoices without anyone asking.
      await enqueue(
        trx,
        EXPIRY_QUEUE,
        { onlinePaymentId: attempt.id },
        { uniqueKey: `${EXPIRY_QUEUE}:${attempt.id}`, runAt: new Date(expiresAt.getTime() + 60_000) },
      );
      return { id: attempt.id, quote };
    });
  } catch (error) {
    // The other request won the race for one of the invoices.
    if (isUniqueViolation(error, 'online_payment_invoices_one_open')) {
      const covered = await loadPayableInvoices(context.database.db, scope.customerIds, { invoiceIds });
      const number = covered.find((invoice) => invoice.paymentInProgress)?.number ?? covered[0]?.number ?? '';
      throw conflictError(inProgress(number), scope.language, {
        invoiceIds: localize(inProgress(number), scope.language),
      });
    }
    throw error;
  }

  const { publicUrl } = context.config;
  const { quote } = created;
  const numbers = quote.invoices.map((invoice) => invoice.number).join(', ');
  const fee = scope.language === 'pl' ? 'Opłata za płatność online' : 'Online payment fee';
  try {
    const checkout = await provider.create({
      sessionId,
      amountGrosze: quote.totalGrosze,
      currency: 'PLN',
      description:
        scope.language === 'pl' ? `Zapłata za faktury: ${numbers}` : `Payment of invoices: ${numbers}`,
      lines: [
        ...quote.invoices.map((invoice) => ({
          name: `${scope.language === 'pl' ? 'Faktura' : 'Invoice'} ${invoice.number}`,
          amountGrosze: invoice.amountGrosze,
        })),
        ...(quote.feeGrosze > 0 ? [{ name: fee, amountGrosze: quote.feeGrosze }] : []),
      ],
      email: scope.email,
      language: scope.language,
      customerIp: scope.ip,
      returnUrl: `${publicUrl}${returnPath(created.id)}`,
      notifyUrl: `${publicUrl}${notifyPath(provider.name)}`,
      expiresInMinutes: context.config.payments.expiryMinutes,
    });
    await context.database.db
      .updateTable('online_payments')
      .set({
        provider_token: checkout.providerToken,
        redirect_url: checkout.redirectUrl,
        updated_at: context.now(),
      })
      .where('id', '=', created.id)
      .execute();
  } catch (error) {
    const reason = error instanceof ProviderError ? 'provider_unavailable' : 'provider_error';
    context.log.error(
      {
        provider: provider.name,
        onlinePaymentId: created.id,
        reason,
        detail: error instanceof Error ? error.message : 'error',
      },
      'online payment could not be registered',
    );
    await context.database.db
      .updateTable('online_payments')
      .set({ status: 'failed', status_reason: reason, updated_at: context.now() })
      .where('id', '=', created.id)
      .where('status', '=', 'pending')
      .execute();
    throw new AppError('unavailable', localize(text.unavailable, scope.language));
  }
  return (await loadAttemptView(context.database.db, scope.customerIds, created.id))!;
}

export async function viewPayment(
  context: PaymentsContext,
  scope: PayerScope,
  id: number,
): Promise<AttemptView> {
  const view = await loadAttemptView(context.database.db, scope.customerIds, id);
  if (!view) throw notFoundError(text.paymentNotFound, scope.language);
  return view;
}

/** The customer gives up a pending payment (e.g. closed the provider's page): its invoices are free again. */
export async function cancelPayment(
  context: PaymentsContext,
  scope: PayerScope,
  id: number,
): Promise<AttemptView> {
  const view = await viewPayment(context, scope, id);
  if (view.status !== 'pending') throw conflictError(text.notPending, scope.language);
  const updated = await context.database.db
    .updateTable('online_payments')
    .set({ status: 'cancelled', status_reason: 'cancelled_by_customer', updated_at: context.now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw conflictError(text.notPending, scope.language);
  return presentAttempt(context.database.db, updated);
}
