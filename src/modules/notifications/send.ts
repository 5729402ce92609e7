import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import {
  claimForSending,
  recordSendFailure,
  recordSent,
  type AttemptInfo,
} from '../outbound/sending-state.ts';
import type { NotificationChannel, SmsChannel } from './channels.ts';
import { isNotificationKind, parsePayload, type NotificationEvent } from './kinds.ts';
import { renderNotification } from './templates.ts';

/**
 * Sends one notification through the states of every outgoing message (../outbound/sending-state.ts), as
 * invoice e-mails do: a retry after a crash repeats the same message rather than losing it, and two workers
 * never send the same row at once.
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
  attempt: AttemptInfo,
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

  const messageId = await claimForSending(db, 'notifications', notificationId, {
    kind: 'notification',
    from: context.config.mail.from,
    now: context.now(),
  });
  try {
    await channel.send({ to: row.recipient, subject: message.subject, text: message.text, messageId });
  } catch (error) {
    if ((await recordSendFailure(db, 'notifications', notificationId, error, attempt)) === 'failed') {
      return 'failed';
    }
    throw error;
  }
  await recordSent(db, 'notifications', notificationId, context.now());
  return 'sent';
}
