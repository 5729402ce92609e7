import type { Transaction } from 'kysely';
import {
  NotificationRejected,
  type IncomingNotification,
  type ParsedNotification,
  type ProviderName,
} from '../../adapters/payments/index.ts';
import type { DB } from '../../db/schema.ts';
import { enqueue } from '../../jobs/queue.ts';
import { CONFIRMATION_QUEUE, polishDay, type PaymentsContext } from './context.ts';
import type { Executor } from './payable.ts';
import { postPayment } from './posting.ts';

export type NotificationOutcome = 'posted' | 'duplicate' | 'failed' | 'noted' | 'rejected' | 'verify_failed';

export interface NotificationResult {
  outcome: NotificationOutcome;
  /** HTTP status for the provider: 200 stops its retries, 503 asks for a retry, 400 says "never again". */
  httpStatus: 200 | 400 | 503;
  reason?: string;
}

interface Claimed {
  sessionId?: string | undefined;
  providerOrderId?: string | undefined;
  amountGrosze?: number | undefined;
  currency?: string | undefined;
}

/**
 * A provider's notification, from raw body to posted money. Nothing is posted before the signature, the
 * session, the amount and the currency are checked and the provider has confirmed the payment (verify).
 * Replays and concurrent duplicates post once: the attempt row is locked while posting, and the payment's
 * external reference (one per attempt) is unique in the database. Every notification is recorded with its
 * outcome; refused ones are also logged, without the body or any secret, for staff to look into.
 */
export async function receiveNotification(
  context: PaymentsContext,
  providerName: ProviderName,
  notification: IncomingNotification,
  remoteIp: string,
): Promise<NotificationResult> {
  const { db } = context.database;
  const provider = context.providers.byName(providerName);
  const reject = async (
    reason: string,
    claimed: Claimed,
    onlinePaymentId: number | null = null,
  ): Promise<NotificationResult> => {
    context.log.warn(
      { provider: providerName, reason, sessionId: claimed.sessionId, onlinePaymentId, remoteIp },
      'payment notification rejected',
    );
    await record(db, context, providerName, {
      outcome: 'rejected',
      reason,
      claimed,
      onlinePaymentId,
      remoteIp,
    });
    return { outcome: 'rejected', httpStatus: 400, reason };
  };
  if (!provider) return reject('provider_not_configured', {});

  let parsed: ParsedNotification;
  try {
    parsed = await provider.handleNotification(notification);
  } catch (error) {
    if (error instanceof NotificationRejected) return reject(error.reason, error.claimed);
    throw error;
  }
  const claimed: Claimed = parsed;
  const attempt = await db
    .selectFrom('online_payments')
    .selectAll()
    .where('session_id', '=', parsed.sessionId)
    .where('provider', '=', providerName)
    .executeTakeFirst();
  if (!attempt) return reject('unknown_session', claimed);
  if (parsed.currency !== attempt.currency) return reject('currency_mismatch', claimed, attempt.id);
  if (parsed.amountGrosze !== attempt.total_grosze) return reject('amount_mismatch', claimed, attempt.id);

  const base = { claimed, onlinePaymentId: attempt.id, remoteIp };
  if (parsed.outcome === 'pending') {
    await record(db, context, providerName, { ...base, outcome: 'noted', reason: 'still_pending' });
    return { outcome: 'noted', httpStatus: 200 };
  }
  if (parsed.outcome === 'failed') {
    const failed = await db
      .updateTable('online_payments')
      .set({ status: 'failed', status_reason: 'declined', updated_at: context.now() })
      .where('id', '=', attempt.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const outcome = Number(failed.numUpdatedRows) > 0 ? 'failed' : 'noted';
    await record(db, context, providerName, { ...base, outcome, reason: 'declined' });
    return { outcome, httpStatus: 200 };
  }
  if (attempt.status === 'paid') {
    await record(db, context, providerName, { ...base, outcome: 'duplicate', reason: null });
    return { outcome: 'duplicate', httpStatus: 200 };
  }

  try {
    await provider.verify(
      {
        sessionId: attempt.session_id,
        amountGrosze: attempt.total_grosze,
        currency: 'PLN',
        providerToken: attempt.provider_token,
        providerOrderId: attempt.provider_order_id,
      },
      parsed,
    );
  } catch (error) {
    context.log.warn(
      {
        provider: providerName,
        onlinePaymentId: attempt.id,
        detail: error instanceof Error ? error.message : 'error',
      },
      'payment verification failed',
    );
    await record(db, context, providerName, { ...base, outcome: 'verify_failed', reason: 'verify_failed' });
    return { outcome: 'verify_failed', httpStatus: 503, reason: 'verify_failed' };
  }

  const outcome = await db.transaction().execute(async (trx) => {
    const posted = await postAttempt(trx, context, attempt.id, parsed.providerOrderId);
    await record(trx, context, providerName, { ...base, outcome: posted, reason: null });
    return posted;
  });
  if (outcome === 'posted')
    context.log.info({ provider: providerName, onlinePaymentId: attempt.id }, 'online payment posted');
  return { outcome, httpStatus: 200 };
}

/** Posts a verified attempt once; a second caller (replay, concurrent duplicate) finds it paid. */
async function postAttempt(
  trx: Transaction<DB>,
  context: PaymentsContext,
  onlinePaymentId: number,
  providerOrderId: string,
): Promise<'posted' | 'duplicate'> {
  const attempt = await trx
    .selectFrom('online_payments')
    .selectAll()
    .where('id', '=', onlinePaymentId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (attempt.status === 'paid') return 'duplicate';
  const invoices = await trx
    .selectFrom('online_payment_invoices as opi')
    .innerJoin('invoices as i', 'i.id', 'opi.invoice_id')
    .where('opi.online_payment_id', '=', onlinePaymentId)
    .select(['i.id', 'i.number'])
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
  const now = context.now();
  const posted = await postPayment(trx, {
    customerId: attempt.customer_id,
    channel: 'online',
    amountGrosze: attempt.invoices_grosze,
    feeGrosze: attempt.fee_grosze,
    receivedOn: polishDay(now),
    externalReference: `online:${attempt.provider}:${attempt.session_id}`,
    title: `${attempt.language === 'en' ? 'Online payment' : 'Płatność online'}: ${invoices.map((invoice) => invoice.number).join(', ')}`,
    invoiceIds: invoices.map((invoice) => invoice.id),
  });
  if (!posted) return 'duplicate';
  await trx
    .updateTable('online_payments')
    .set({
      status: 'paid',
      // A payment that arrives after the attempt expired, failed or was cancelled is still the customer's money.
      status_reason: attempt.status === 'pending' ? null : `paid_after_${attempt.status}`,
      payment_id: posted.paymentId,
      provider_order_id: providerOrderId,
      updated_at: now,
    })
    .where('id', '=', onlinePaymentId)
    .execute();
  await enqueue(
    trx,
    CONFIRMATION_QUEUE,
    { paymentId: posted.paymentId, onlinePaymentId },
    { uniqueKey: `${CONFIRMATION_QUEUE}:${posted.paymentId}`, runAt: now },
  );
  return 'posted';
}

async function record(
  db: Executor,
  context: PaymentsContext,
  provider: ProviderName,
  entry: {
    outcome: NotificationOutcome;
    reason: string | null;
    claimed: Claimed;
    onlinePaymentId: number | null;
    remoteIp: string;
  },
): Promise<void> {
  await db
    .insertInto('payment_notifications')
    .values({
      provider,
      received_at: context.now(),
      session_id: entry.claimed.sessionId?.slice(0, 100) ?? null,
      online_payment_id: entry.onlinePaymentId,
      provider_order_id: entry.claimed.providerOrderId?.slice(0, 100) ?? null,
      amount_grosze: entry.claimed.amountGrosze ?? null,
      currency: entry.claimed.currency?.slice(0, 10) ?? null,
      outcome: entry.outcome,
      reason: entry.reason,
      remote_ip: entry.remoteIp,
    })
    .execute();
}
