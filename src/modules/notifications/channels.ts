import type { MailTransport } from '../../adapters/mail/index.ts';
import type { ChannelName } from './kinds.ts';

/**
 * Where a notification goes. E-mail is the channel today; text messages need a provider contract, so SMS is
 * an interface for now: a provider adapter implements SmsChannel, and the scan creates SMS notifications only
 * when one is configured (preferences for 'sms' are already stored).
 */
export interface OutgoingNotification {
  to: string;
  subject: string;
  text: string;
  /** Chosen before sending and repeated on a retry, so a repeat can be recognised as the same message. */
  messageId: string;
}

export interface NotificationChannel {
  readonly name: ChannelName;
  send(message: OutgoingNotification): Promise<{ messageId: string }>;
}

/** A text-message provider: the message is plain text (the subject is not sent), to a +48 number. */
export interface SmsChannel extends NotificationChannel {
  readonly name: 'sms';
}

export function emailChannel(mail: MailTransport): NotificationChannel {
  return {
    name: 'email',
    async send(message) {
      return mail.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'Message-ID': message.messageId },
      });
    },
  };
}
