import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays, type CalendarDate } from '../../domain/index.ts';
import { enqueue } from '../../jobs/queue.ts';
import { polishDate } from '../auth/calendar.ts';
import { enqueueMissingDeliveries } from '../e-invoices/delivery-queue.ts';
import { createNotifications } from './create.ts';
import {
  EVENT_LOOK_BACK_DAYS,
  invoiceIssuedEvents,
  legalizationEvents,
  overdueEvents,
  paymentDueEvents,
  paymentReceivedEvents,
  recentInvoiceIssuedEvents,
  selfReadingEvents,
} from './events.ts';
import type { NotificationKind } from './kinds.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const NOTIFICATION_SCAN_QUEUE = 'notification-scan';
/** "Payment due in N days": the reminder goes out N days before the due date. */
export const DEFAULT_PAYMENT_DUE_DAYS = 3;
/** The self-reading reminder opens the last 7 days of a billing period. */
export const DEFAULT_SELF_READING_WINDOW_DAYS = 7;
/** The scan runs at 07:00 Polish time: reminders arrive in the morning, not at midnight. */
const SCAN_HOUR_UTC_WINTER = 6;

export interface ScanOptions {
  today: CalendarDate;
  now: Date;
  paymentDueDays?: number;
  selfReadingWindowDays?: number;
}

/**
 * The daily scan: finds every event of every kind and records the ones not notified yet. Safe to run any
 * number of times a day (event keys make it idempotent); a missed day is caught up by the next run, within the
 * look-back limits. It also queues any e-invoice e-mail that the issuing path failed to queue.
 */
export async function scanNotifications(
  db: Kysely<DB>,
  options: ScanOptions,
): Promise<Record<NotificationKind, number>> {
  const { today, now } = options;
  const found = {
    invoice_issued: await recentInvoiceIssuedEvents(db, today),
    payment_due: await paymentDueEvents(db, today, options.paymentDueDays ?? DEFAULT_PAYMENT_DUE_DAYS),
    payment_overdue: await overdueEvents(db, today),
    payment_received: await paymentReceivedEvents(db, {
      since: new Date(now.getTime() - EVENT_LOOK_BACK_DAYS.paymentReceived * 86_400_000),
    }),
    meter_legalization: await legalizationEvents(db, today),
    self_reading_window: await selfReadingEvents(
      db,
      today,
      options.selfReadingWindowDays ?? DEFAULT_SELF_READING_WINDOW_DAYS,
    ),
  };
  const created = {} as Record<NotificationKind, number>;
  for (const [kind, events] of Object.entries(found) as [NotificationKind, typeof found.invoice_issued][]) {
    created[kind] = (await db.transaction().execute((trx) => createNotifications(trx, events, now))).length;
  }
  await enqueueMissingDeliveries(db, addDays(today, -EVENT_LOOK_BACK_DAYS.invoiceIssued));
  return created;
}

/** Hook for the issuing transaction: paper invoices get their "invoice issued" e-mail at once. */
export async function notifyInvoicesIssued(
  db: Executor,
  invoiceIds: readonly number[],
  now: Date,
): Promise<number> {
  return (await createNotifications(db, await invoiceIssuedEvents(db, invoiceIds), now)).length;
}

/** Hook for the transaction that books payments: "payment received" at once rather than at the next scan. */
export async function notifyPaymentsReceived(
  db: Executor,
  paymentIds: readonly number[],
  now: Date,
): Promise<number> {
  return (await createNotifications(db, await paymentReceivedEvents(db, { paymentIds }), now)).length;
}

/** The next scan time after `now`: 07:00 in Poland (06:00 UTC in winter, 05:00 UTC in summer). */
export function nextScanAt(now: Date): Date {
  const today = polishDate(now);
  for (const day of [today, addDays(today as CalendarDate, 1)]) {
    for (const hourUtc of [SCAN_HOUR_UTC_WINTER - 1, SCAN_HOUR_UTC_WINTER]) {
      const candidate = new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Warsaw',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(candidate);
      if (local === '07' && candidate > now) return candidate;
    }
  }
  return new Date(now.getTime() + 86_400_000);
}

/**
 * Queues the next daily scan. The key names the day, so every server calling this at start-up (and the scan
 * job re-queueing itself) still makes one scan per day.
 */
export async function scheduleNotificationScan(db: Executor, now: Date): Promise<Date> {
  const runAt = nextScanAt(now);
  await enqueue(
    db,
    NOTIFICATION_SCAN_QUEUE,
    {},
    { uniqueKey: `${NOTIFICATION_SCAN_QUEUE}:${polishDate(runAt)}`, runAt, maxAttempts: 3 },
  );
  return runAt;
}
