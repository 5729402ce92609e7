import type { MailTransport } from '../../adapters/mail/index.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { confirmationMessage } from './confirmation.ts';
import { CONFIRMATION_QUEUE, EXPIRY_QUEUE, type PaymentsContext } from './context.ts';
import { expireOverdueAttempts } from './expiry.ts';

/**
 * The payments module's job handlers, for the worker: the confirmation e-mail of an online payment (queued in
 * the transaction that posts it) and the expiry of abandoned payments (queued when a payment starts, to run a
 * minute after it expires).
 */
export function paymentJobHandlers(
  context: PaymentsContext,
  mail: MailTransport,
): Record<string, JobHandler> {
  return {
    [CONFIRMATION_QUEUE]: async (job) => {
      await sendConfirmation(context, mail, Number(job.payload['paymentId']));
    },
    [EXPIRY_QUEUE]: async (job) => {
      const own = Number(job.payload['onlinePaymentId']);
      const { waiting } = await expireOverdueAttempts(context);
      // The provider says it was paid: try again later (with the queue's backoff) until its notification posts it.
      if (waiting.includes(own))
        throw new Error(
          `online payment ${own} is reported paid by the provider; waiting for the notification`,
        );
    },
  };
}

/**
 * Sends the confirmation once: the notifications row (unique per event and channel) records it, so a job run
 * again after a crash does not send a second e-mail once the first is recorded as sent.
 */
export async function sendConfirmation(
  context: PaymentsContext,
  mail: MailTransport,
  paymentId: number,
): Promise<'sent' | 'already_sent' | 'no_recipient'> {
  const { db } = context.database;
  const row = await db
    .selectFrom('payments as p')
    .innerJoin('online_payments as op', 'op.payment_id', 'p.id')
    .leftJoin('customer_logins as l', 'l.id', 'op.customer_login_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .where('p.id', '=', paymentId)
    .select([
      'p.id',
      'p.customer_id',
      'p.received_on',
      'p.amount_grosze',
      'p.fee_grosze',
      'op.id as online_payment_id',
      'op.language',
      'l.email as login_email',
      'c.email as customer_email',
    ])
    .executeTakeFirst();
  if (!row) throw new Error(`payment ${paymentId} is not an online payment`);
  const to = row.login_email ?? row.customer_email;
  if (!to) return 'no_recipient';
  const invoices = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
    .where('a.payment_id', '=', paymentId)
    .select(['i.number', 'a.amount_grosze'])
    .orderBy('i.id')
    .execute();
  const message = confirmationMessage({
    to,
    language: row.language === 'en' ? 'en' : 'pl',
    receivedOn: row.received_on,
    invoices: invoices.map((invoice) => ({ number: invoice.number, amountGrosze: invoice.amount_grosze })),
    invoicesGrosze: row.amount_grosze,
    feeGrosze: row.fee_grosze,
  });
  const eventKey = `${CONFIRMATION_QUEUE}:${paymentId}`;
  await db
    .insertInto('notifications')
    .values({
      customer_id: row.customer_id,
      kind: 'payment_confirmation',
      channel: 'email',
      event_key: eventKey,
      recipient: to,
      subject: message.subject,
      status: 'queued',
    })
    .onConflict((conflict) => conflict.columns(['event_key', 'channel']).doNothing())
    .execute();
  const record = await db
    .selectFrom('notifications')
    .select(['id', 'status'])
    .where('event_key', '=', eventKey)
    .where('channel', '=', 'email')
    .executeTakeFirstOrThrow();
  if (record.status === 'sent') return 'already_sent';
  try {
    const { messageId } = await mail.send(message);
    await db
      .updateTable('notifications')
      .set({ status: 'sent', message_id: messageId, sent_at: context.now(), last_error: null })
      .where('id', '=', record.id)
      .execute();
    return 'sent';
  } catch (error) {
    // Mail server texts may quote the recipient: keep only the error's code.
    const code = (error as { code?: unknown }).code;
    await db
      .updateTable('notifications')
      .set({ status: 'failed', last_error: `send failed${typeof code === 'string' ? ` (${code})` : ''}` })
      .where('id', '=', record.id)
      .execute();
    throw error;
  }
}
