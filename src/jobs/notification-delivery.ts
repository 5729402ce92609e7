import type { MailTransport } from '../adapters/mail/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { CalendarDate } from '../domain/index.ts';
import { polishDate } from '../modules/auth/calendar.ts';
import { emailChannel, type SmsChannel } from '../modules/notifications/channels.ts';
import { NOTIFICATION_DELIVERY_QUEUE } from '../modules/notifications/create.ts';
import {
  NOTIFICATION_SCAN_QUEUE,
  scanNotifications,
  scheduleNotificationScan,
} from '../modules/notifications/scan.ts';
import { deliverNotification, type NotificationContext } from '../modules/notifications/send.ts';
import type { JobHandler } from './queue.ts';

export interface NotificationJobDependencies {
  database: Database;
  config: Config;
  mail: MailTransport;
  sms?: SmsChannel;
  now?: () => Date;
  paymentDueDays?: number;
  selfReadingWindowDays?: number;
}

/**
 * Handlers of the notification queues: the daily scan (which queues its successor for the next morning, so
 * one call of scheduleNotificationScan at start-up keeps it going) and the sending of one notification.
 */
export function notificationJobHandlers(
  dependencies: NotificationJobDependencies,
): Record<string, JobHandler> {
  const now = dependencies.now ?? (() => new Date());
  const context: NotificationContext = {
    database: dependencies.database,
    config: dependencies.config,
    email: emailChannel(dependencies.mail),
    ...(dependencies.sms ? { sms: dependencies.sms } : {}),
    now,
  };
  return {
    [NOTIFICATION_DELIVERY_QUEUE]: async (job) => {
      const id = Number(job.payload['notificationId']);
      if (!Number.isSafeInteger(id) || id <= 0) throw new Error('job payload has no valid notificationId');
      await deliverNotification(context, id, job);
    },
    [NOTIFICATION_SCAN_QUEUE]: async () => {
      const instant = now();
      await scanNotifications(dependencies.database.db, {
        today: polishDate(instant) as CalendarDate,
        now: instant,
        ...(dependencies.paymentDueDays === undefined ? {} : { paymentDueDays: dependencies.paymentDueDays }),
        ...(dependencies.selfReadingWindowDays === undefined
          ? {}
          : { selfReadingWindowDays: dependencies.selfReadingWindowDays }),
      });
      await scheduleNotificationScan(dependencies.database.db, instant);
    },
  };
}
