import { sql } from 'kysely';
import { addMonths, dateFromParts, dateParts, type CalendarDate } from '../../../domain/index.ts';
import type { Executor } from '../shared/context.ts';

/** The first days of the last `months` months up to today's, oldest first, as SQL rows (month start and end). */
function monthSeries(today: CalendarDate, months: number) {
  const { year, month } = dateParts(today);
  const last = dateFromParts(year, month, 1);
  const first = addMonths(last, -(months - 1));
  return sql`(select d::date as month_start, (d + interval '1 month - 1 day')::date as month_end
    from generate_series(${first}::date, ${last}::date, interval '1 month') d)`;
}

/** A day's end in Poland, as an instant: consents and logins are recorded as instants. */
const endOfPolishDay = (column: string) =>
  sql`((${sql.ref(column)} + 1)::timestamp at time zone 'Europe/Warsaw')`;
const startOfPolishDay = (column: string) =>
  sql`(${sql.ref(column)}::timestamp at time zone 'Europe/Warsaw')`;

/** Customers under a contract in force on a day. */
const customersOn = (column: string) => sql`(select count(distinct c.customer_id) from contracts c
  where c.valid_from <= ${sql.ref(column)} and (c.valid_to is null or c.valid_to >= ${sql.ref(column)}))::int`;

/**
 * e-invoice adoption by month: customers under contract at the month's end, those whose latest consent then was a
 * grant (the share), grants and withdrawals in the month, and the invoices issued in the month by e-mail and paper.
 */
export async function eInvoiceAdoption(db: Executor, today: CalendarDate, months: number) {
  const rows = await sql<{
    month_start: string;
    customers: number;
    active: number;
    granted: number;
    withdrawn: number;
    email: number;
    paper: number;
  }>`
    select m.month_start, ${customersOn('m.month_end')} as customers,
      (select count(*) from (
        select distinct on (e.customer_id) e.action from e_invoice_consents e
        where e.recorded_at < ${endOfPolishDay('m.month_end')} order by e.customer_id, e.recorded_at desc, e.id desc
      ) latest where latest.action = 'granted')::int as active,
      (select count(*) from e_invoice_consents e where e.action = 'granted'
        and e.recorded_at >= ${startOfPolishDay('m.month_start')} and e.recorded_at < ${endOfPolishDay('m.month_end')})::int as granted,
      (select count(*) from e_invoice_consents e where e.action = 'withdrawn'
        and e.recorded_at >= ${startOfPolishDay('m.month_start')} and e.recorded_at < ${endOfPolishDay('m.month_end')})::int as withdrawn,
      (select count(*) from invoices i where i.kind = 'invoice' and i.delivery = 'email' and i.issue_date between m.month_start and m.month_end)::int as email,
      (select count(*) from invoices i where i.kind = 'invoice' and i.delivery = 'paper' and i.issue_date between m.month_start and m.month_end)::int as paper
    from ${monthSeries(today, months)} m order by m.month_start`.execute(db);
  return {
    items: rows.rows.map((row) => ({
      month: row.month_start.slice(0, 7),
      customers: row.customers,
      activeConsents: row.active,
      sharePercent: row.customers === 0 ? 0 : Math.round((row.active * 1000) / row.customers) / 10,
      granted: row.granted,
      withdrawn: row.withdrawn,
      emailInvoices: row.email,
      paperInvoices: row.paper,
    })),
  };
}

/**
 * Portal adoption by month: customers under contract, those a verified portal login held at the month's end
 * (the share), and new logins in the month; plus today's activity (logins seen in the last 30 days, with 2FA).
 */
export async function portalAdoption(db: Executor, today: CalendarDate, months: number, now: Date) {
  const rows = await sql<{ month_start: string; customers: number; registered: number; new_logins: number }>`
    select m.month_start, ${customersOn('m.month_end')} as customers,
      (select count(distinct a.customer_id) from customer_login_access a join customer_logins l on l.id = a.login_id
        where a.granted_at < ${endOfPolishDay('m.month_end')} and l.email_verified_at is not null
          and l.email_verified_at < ${endOfPolishDay('m.month_end')})::int as registered,
      (select count(*) from customer_logins l where l.created_at >= ${startOfPolishDay('m.month_start')}
        and l.created_at < ${endOfPolishDay('m.month_end')})::int as new_logins
    from ${monthSeries(today, months)} m order by m.month_start`.execute(db);
  const activity = await sql<{ logins: number; verified: number; active: number; two_factor: number }>`
    select count(*)::int as logins,
      (count(*) filter (where email_verified_at is not null))::int as verified,
      (count(*) filter (where last_login_at >= ${new Date(now.getTime() - 30 * 86_400_000)}))::int as active,
      (count(*) filter (where totp_secret is not null))::int as two_factor
    from customer_logins where disabled_at is null`.execute(db);
  const current = activity.rows[0];
  return {
    logins: current?.logins ?? 0,
    verifiedLogins: current?.verified ?? 0,
    activeLast30Days: current?.active ?? 0,
    withTwoFactor: current?.two_factor ?? 0,
    items: rows.rows.map((row) => ({
      month: row.month_start.slice(0, 7),
      customers: row.customers,
      registeredCustomers: row.registered,
      sharePercent: row.customers === 0 ? 0 : Math.round((row.registered * 1000) / row.customers) / 10,
      newLogins: row.new_logins,
    })),
  };
}
