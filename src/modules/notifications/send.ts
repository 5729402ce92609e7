import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import {
  describeMailError,
  isPermanentMailError,
  newMessageId,
  SENDING_LEASE_MS,
} from '../e-invoices/mail-outcome.ts';
import type { NotificationChannel, SmsChannel } from './channels.ts';
import { isNotificationKind, parsePayload, type NotificationEvent } from './kinds.ts';
import { renderNotification } from './templates.ts';

/**
 * Sends one notification, with the same guarantee as invoice e-mails (docs/e-invoices.md): 'sending' and the
 * Message-ID are committed before the hand-over, so a retry after a crash repeats the same message rather than
 * losing it, and two workers never send the same row at once.
 */

export interface NotificationContext {
  database: Database;
  config: Pick<Config, 'publicUrl' | 'seller' | 'mail'>;
  email: NotificationChannel;
  sms?: SmsChannel;
  now: () => Date;
}

export type NotificationOutcome = 'sent' | 'already_sent' | 'failed' | 'missing' | 'no_channel';

export async function deliverNotification(
  context: NotificationContext,
  notificationId: number,
  attempt: { attempts: number; maxAttempts: number },
): Promise<NotificationOutcome> {
  const { db } = context.database;
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', notificationId)
    .executeTakeFirst();
  if (!row) return 'missing';
  if (row.status === 'sent') return 'already_sent';
  if (row.status === 'failed') return 'failed';
  const channel = row.channel === 'sms' ? context.sms : context.email;
  if (!channel) {
    await db
      .updateTable('notifications')
      .set({ status: 'failed', last_error: 'no SMS provider is configured' })
      .where('id', '=', notificationId)
      .execute();
    return 'no_channel';
  }
  if (!isNotificationKind(row.kind)) throw new Error(`notification ${notificationId} has an unknown kind`);
  const event = { kind: row.kind, payload: parsePayload(row.kind, row.payload) } as Pick<
    NotificationEvent,
    'kind' | 'payload'
  >;
  const message = renderNotification(event, row.language === 'en' ? 'en' : 'pl', {
    publicUrl: context.config.publicUrl,
    sellerName: context.config.seller.name,
  });

  const now = context.now();
  const claimed = await db
    .updateTable('notifications')
    .set((update) => ({
      status: 'sending',
      attempts: update('attempts', '+', 1),
      sending_started_at: now,
      message_id: update.fn.coalesce(
        'message_id',
        update.val(newMessageId('notification', context.config.mail.from)),
      ),
    }))
    .where('id', '=', notificationId)
    .where((where) =>
      where.or([
        where('status', '=', 'queued'),
        where.and([
          where('status', '=', 'sending'),
          where('sending_started_at', '<', new Date(now.getTime() - SENDING_LEASE_MS)),
        ]),
      ]),
    )
    .returning('message_id')
    .executeTakeFirst();
  if (!claimed?.message_id) throw new Error(`notification ${notificationId} is being sent by another worker`);

  try {
    await channel.send({
      to: row.recipient,
      subject: message.subject,
      text: message.text,
      messageId: claimed.message_id,
    });
  } catch (error) {
    const final = isPermanentMailError(error) || attempt.attempts >= attempt.maxAttempts;
    await db
      .updateTable('notifications')
      .set({ status: final ? 'failed' : 'queued', last_error: describeMailError(error) })
      .where('id', '=', notificationId)
      .where('status', '=', 'sending')
      .execute();
    if (final) return 'failed';
    throw error;
  }
  await db
    .updateTable('notifications')
    .set({ status: 'sent', sent_at: context.now(), last_error: null })
    .where('id', '=', notificationId)
    .execute();
  return 'sent';
}
