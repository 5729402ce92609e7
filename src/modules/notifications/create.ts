import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueue, enqueueMany, type JobToEnqueue } from '../../jobs/queue.ts';
import type { NotificationEvent, NotificationKind } from './kinds.ts';
import { optedOut } from './preferences.ts';
import { notificationSubject } from './templates.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const NOTIFICATION_DELIVERY_QUEUE = 'notification-delivery';
export const NOTIFICATION_MAX_ATTEMPTS = 8;
const CHUNK = 2000;

/**
 * Where a customer's e-mail notifications go: the contact address on the customer record; without one, the
 * address of an active e-invoice acceptance; without that, the verified e-mail of a portal login holding
 * the customer. A customer with none of them gets no e-mail notification (the event is found again by the next
 * scan, and notified once an address exists, while it is still relevant).
 */
const recipientSql = sql<string | null>`coalesce(
  nullif(trim(cu.email), ''),
  (select case when c.action = 'granted' then c.email end from e_invoice_consents c
    where c.customer_id = cu.id order by c.recorded_at desc, c.id desc limit 1),
  (select l.email from customer_login_access a join customer_logins l on l.id = a.login_id
    where a.customer_id = cu.id and l.email_verified_at is not null and l.disabled_at is null
    order by (a.role = 'holder') desc, l.id limit 1))`;

function notificationJob(notificationId: number): JobToEnqueue {
  return {
    payload: { notificationId },
    options: {
      uniqueKey: `${NOTIFICATION_DELIVERY_QUEUE}:${notificationId}`,
      maxAttempts: NOTIFICATION_MAX_ATTEMPTS,
    },
  };
}

export async function enqueueNotificationJob(db: Executor, notificationId: number): Promise<void> {
  const { payload, options } = notificationJob(notificationId);
  await enqueue(db, NOTIFICATION_DELIVERY_QUEUE, payload, options);
}

/**
 * Records the events as e-mail notifications and queues their sending. An event already recorded (same
 * event key and channel) is skipped here and, should two scans race, by the unique index: the same event is
 * never notified twice. Events of customers who turned the kind off are dropped. Returns the ids created.
 */
export async function createNotifications(
  db: Executor,
  events: readonly NotificationEvent[],
  now: Date,
): Promise<number[]> {
  const created: number[] = [];
  for (let start = 0; start < events.length; start += CHUNK) {
    const chunk = events.slice(start, start + CHUNK);
    const existing = await db
      .selectFrom('notifications')
      .select('event_key')
      .where('channel', '=', 'email')
      .where(
        'event_key',
        'in',
        chunk.map((event) => event.eventKey),
      )
      .execute();
    const known = new Set(existing.map((row) => row.event_key));
    const fresh = chunk.filter((event) => !known.has(event.eventKey));
    if (fresh.length === 0) continue;
    const customerIds = [...new Set(fresh.map((event) => event.customerId))];
    const customers = await db
      .selectFrom('customers as cu')
      .select(['cu.id', 'cu.language', recipientSql.as('recipient')])
      .where('cu.id', 'in', customerIds)
      .execute();
    const byId = new Map(customers.map((customer) => [customer.id, customer]));
    const outByKind = new Map<NotificationKind, Set<number>>();
    for (const kind of new Set(fresh.map((event) => event.kind))) {
      outByKind.set(kind, await optedOut(db, customerIds, kind, 'email'));
    }
    const rows = [];
    for (const event of fresh) {
      const customer = byId.get(event.customerId);
      if (!customer?.recipient || outByKind.get(event.kind)?.has(event.customerId)) continue;
      const language = customer.language === 'en' ? 'en' : 'pl';
      rows.push({
        customer_id: event.customerId,
        kind: event.kind,
        channel: 'email',
        event_key: event.eventKey,
        recipient: customer.recipient,
        subject: notificationSubject(event, language),
        language,
        payload: JSON.stringify(event.payload),
        created_at: now,
      });
    }
    if (rows.length === 0) continue;
    const inserted = await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((conflict) => conflict.columns(['event_key', 'channel']).doNothing())
      .returning('id')
      .execute();
    await enqueueMany(
      db,
      NOTIFICATION_DELIVERY_QUEUE,
      inserted.map((row) => notificationJob(row.id)),
    );
    for (const row of inserted) created.push(row.id);
  }
  return created;
}
