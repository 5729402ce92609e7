import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays, dateParts, daysBetween, endOfMonth, type CalendarDate } from '../../domain/index.ts';
import { formatAddress } from '../billing/inputs.ts';
import type { NotificationEvent } from './kinds.ts';

/**
 * Finding the events to notify, each with a key that names it for good ('payment-due:123'), so that the
 * daily scan can look at the same invoices again and again and still notify each event once. Look-back
 * limits keep a first scan on an old database from flooding customers with stale news.
 */

type Executor = Kysely<DB> | Transaction<DB>;

export const EVENT_LOOK_BACK_DAYS = {
  invoiceIssued: 3,
  paymentReceived: 3,
  overdue: 60,
  legalizationExpired: 60,
} as const;

/** What is still to pay on an invoice: its gross plus its corrections, less what was allocated to it. */
const amountDue = sql<number>`(i.gross_grosze
  + coalesce((select sum(k.gross_grosze) from invoices k where k.corrects_invoice_id = i.id), 0)
  - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0))::bigint`;

function paperInvoices(db: Executor) {
  return db
    .selectFrom('invoices as i')
    .where('i.delivery', '=', 'paper')
    .where('i.cancelled_at', 'is', null)
    .select([
      'i.id',
      'i.customer_id',
      'i.number',
      'i.gross_grosze',
      'i.due_date',
      'i.period_from',
      'i.period_to',
    ])
    .orderBy('i.id');
}

function issuedEvents(
  rows: Awaited<ReturnType<ReturnType<typeof paperInvoices>['execute']>>,
): NotificationEvent[] {
  return rows.map((row) => ({
    customerId: row.customer_id,
    kind: 'invoice_issued',
    eventKey: `invoice-issued:${row.id}`,
    payload: {
      invoiceId: row.id,
      number: row.number,
      grossGrosze: row.gross_grosze,
      dueDate: row.due_date,
      periodFrom: row.period_from,
      periodTo: row.period_to,
    },
  }));
}

/**
 * Invoices that go out on paper get an "invoice issued" e-mail; an e-invoice needs none, its own e-mail
 * carries it.
 */
export async function invoiceIssuedEvents(
  db: Executor,
  invoiceIds: readonly number[],
): Promise<NotificationEvent[]> {
  if (invoiceIds.length === 0) return [];
  return issuedEvents(
    await paperInvoices(db)
      .where('i.id', 'in', [...invoiceIds])
      .execute(),
  );
}

export async function recentInvoiceIssuedEvents(
  db: Executor,
  today: CalendarDate,
): Promise<NotificationEvent[]> {
  const since = addDays(today, -EVENT_LOOK_BACK_DAYS.invoiceIssued);
  return issuedEvents(await paperInvoices(db).where('i.issue_date', '>=', since).execute());
}

function unpaidInvoices(db: Executor, from: CalendarDate, to: CalendarDate) {
  return db
    .selectFrom('invoices as i')
    .where('i.kind', '=', 'invoice')
    .where('i.cancelled_at', 'is', null)
    .where('i.due_date', '>=', from)
    .where('i.due_date', '<=', to)
    .where(sql<SqlBool>`${amountDue} > 0`)
    .select(['i.id', 'i.customer_id', 'i.number', 'i.due_date', amountDue.as('amount_due')])
    .orderBy('i.id')
    .execute();
}

export async function paymentDueEvents(
  db: Executor,
  today: CalendarDate,
  daysBefore: number,
): Promise<NotificationEvent[]> {
  const rows = await unpaidInvoices(db, today, addDays(today, daysBefore));
  return rows.map((row) => ({
    customerId: row.customer_id,
    kind: 'payment_due',
    eventKey: `payment-due:${row.id}`,
    payload: {
      invoiceId: row.id,
      number: row.number,
      amountDueGrosze: Number(row.amount_due),
      dueDate: row.due_date,
    },
  }));
}

export async function overdueEvents(db: Executor, today: CalendarDate): Promise<NotificationEvent[]> {
  const rows = await unpaidInvoices(db, addDays(today, -EVENT_LOOK_BACK_DAYS.overdue), addDays(today, -1));
  return rows.map((row) => ({
    customerId: row.customer_id,
    kind: 'payment_overdue',
    eventKey: `payment-overdue:${row.id}`,
    payload: {
      invoiceId: row.id,
      number: row.number,
      amountDueGrosze: Number(row.amount_due),
      dueDate: row.due_date,
    },
  }));
}

/**
 * Payments booked recently; `paymentIds` narrows it to the given ones. Refunds are not "received", and online
 * payments get their own confirmation e-mail with the fee and the invoices paid (payments/jobs.ts), so a second
 * message for the same money would only confuse.
 */
export async function paymentReceivedEvents(
  db: Executor,
  options: { since: Date } | { paymentIds: readonly number[] },
): Promise<NotificationEvent[]> {
  let query = db
    .selectFrom('payments as p')
    .where('p.channel', 'not in', ['refund', 'online'])
    .select(['p.id', 'p.customer_id', 'p.amount_grosze', 'p.received_on'])
    .orderBy('p.id');
  if ('since' in options) query = query.where('p.created_at', '>=', options.since);
  else if (options.paymentIds.length === 0) return [];
  else query = query.where('p.id', 'in', [...options.paymentIds]);
  const rows = await query.execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    kind: 'payment_received',
    eventKey: `payment-received:${row.id}`,
    payload: { paymentId: row.id, amountGrosze: row.amount_grosze, receivedOn: row.received_on },
  }));
}

/**
 * Meters in place whose legalization expires within 90 days, within 30 days, or has expired: one event per
 * stage. The expiry date is part of the key, so a meter legalized again is reminded again years later.
 */
export async function legalizationEvents(db: Executor, today: CalendarDate): Promise<NotificationEvent[]> {
  const rows = await db
    .selectFrom('meters as m')
    .innerJoin('service_points as sp', 'sp.id', 'm.service_point_id')
    .innerJoin('contracts as c', 'c.service_point_id', 'sp.id')
    .where('m.removed_on', 'is', null)
    .where('m.legalization_expires_on', '<=', addDays(today, 90))
    .where('m.legalization_expires_on', '>=', addDays(today, -EVENT_LOOK_BACK_DAYS.legalizationExpired))
    .where('c.valid_from', '<=', today)
    .where((where) => where.or([where('c.valid_to', 'is', null), where('c.valid_to', '>=', today)]))
    .select([
      'm.id',
      'm.serial_number',
      'm.kind',
      'm.legalization_expires_on',
      'c.customer_id',
      'sp.street',
      'sp.building',
      'sp.apartment',
      'sp.postal_code',
      'sp.city',
    ])
    .orderBy('m.id')
    .execute();
  return rows.map((row) => {
    const expiresOn = row.legalization_expires_on as CalendarDate;
    const daysLeft = daysBetween(today, expiresOn);
    const stage =
      daysLeft < 0 ? ('expired' as const) : daysLeft <= 30 ? ('30_days' as const) : ('90_days' as const);
    return {
      customerId: row.customer_id,
      kind: 'meter_legalization' as const,
      eventKey: `legalization-${stage}:${row.id}:${expiresOn}`,
      payload: {
        stage,
        meterId: row.id,
        serialNumber: row.serial_number,
        meterKind: row.kind === 'sub' || row.kind === 'sewage' ? row.kind : ('main' as const),
        expiresOn,
        address: formatAddress(row),
      },
    };
  });
}

/**
 * The self-reading window: the last `windowDays` days of a billing period. Points whose period ends this month
 * and that have no self-reading in the period yet are reminded once per period.
 */
export async function selfReadingEvents(
  db: Executor,
  today: CalendarDate,
  windowDays: number,
): Promise<NotificationEvent[]> {
  const monthEnd = endOfMonth(today);
  if (today < addDays(monthEnd, 1 - windowDays)) return [];
  const { year, month } = dateParts(today);
  const period = `${year}-${String(month).padStart(2, '0')}`;
  const rows = await db
    .selectFrom('service_points as sp')
    .innerJoin('contracts as c', 'c.service_point_id', 'sp.id')
    .where(
      sql<SqlBool>`((${month} - sp.billing_cycle_offset) % sp.billing_cycle_months + sp.billing_cycle_months) % sp.billing_cycle_months = 0`,
    )
    .where('c.valid_from', '<=', today)
    .where((where) => where.or([where('c.valid_to', 'is', null), where('c.valid_to', '>=', monthEnd)]))
    .where((where) =>
      where.not(
        where.exists(
          where
            .selectFrom('readings as r')
            .innerJoin('meters as m', 'm.id', 'r.meter_id')
            .whereRef('m.service_point_id', '=', 'sp.id')
            .where('r.source', '=', 'customer')
            .where('r.status', 'in', ['pending', 'accepted'])
            .where(
              sql<SqlBool>`r.read_on > (${monthEnd}::date - make_interval(months => sp.billing_cycle_months))::date`,
            ),
        ),
      ),
    )
    .select([
      'sp.id',
      'c.customer_id',
      'sp.street',
      'sp.building',
      'sp.apartment',
      'sp.postal_code',
      'sp.city',
    ])
    .orderBy('sp.id')
    .execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    kind: 'self_reading_window' as const,
    eventKey: `self-reading:${row.id}:${period}`,
    payload: { servicePointId: row.id, address: formatAddress(row), periodTo: monthEnd },
  }));
}
