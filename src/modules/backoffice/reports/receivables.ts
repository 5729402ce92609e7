import { sql } from 'kysely';
import type { CalendarDate } from '../../../domain/index.ts';
import { customerName } from '../customers/search.ts';
import type { Executor } from '../shared/context.ts';
import type { PageQuery } from '../shared/schemas.ts';

export interface AgingBuckets {
  notDueGrosze: number;
  days1To30Grosze: number;
  days31To60Grosze: number;
  days61To90Grosze: number;
  over90Grosze: number;
  totalGrosze: number;
}

const bucketColumns = (today: CalendarDate) => sql`
  coalesce(sum(o.outstanding) filter (where o.due_date >= ${today}::date), 0)::text as not_due,
  coalesce(sum(o.outstanding) filter (where ${today}::date - o.due_date between 1 and 30), 0)::text as d30,
  coalesce(sum(o.outstanding) filter (where ${today}::date - o.due_date between 31 and 60), 0)::text as d60,
  coalesce(sum(o.outstanding) filter (where ${today}::date - o.due_date between 61 and 90), 0)::text as d90,
  coalesce(sum(o.outstanding) filter (where ${today}::date - o.due_date > 90), 0)::text as over90,
  coalesce(sum(o.outstanding), 0)::text as total`;

/** Money still owed on each invoice: gross plus its corrections minus what was allocated to it. */
const openInvoices = sql`
  select i.customer_id, i.due_date,
    i.gross_grosze + coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)
      - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0) as outstanding
  from invoices i where i.kind = 'invoice' and i.cancelled_at is null`;

interface BucketRow {
  not_due: string;
  d30: string;
  d60: string;
  d90: string;
  over90: string;
  total: string;
}

function buckets(row: BucketRow | undefined): AgingBuckets {
  return {
    notDueGrosze: Number(row?.not_due ?? 0),
    days1To30Grosze: Number(row?.d30 ?? 0),
    days31To60Grosze: Number(row?.d60 ?? 0),
    days61To90Grosze: Number(row?.d90 ?? 0),
    over90Grosze: Number(row?.over90 ?? 0),
    totalGrosze: Number(row?.total ?? 0),
  };
}

/**
 * Receivables aging today: what each customer still owes on invoices, by days past the due date. Customers with
 * the most owed first; `totals` covers all customers. Unallocated credit is not netted here: it is shown on the
 * customer's account and applied to the next invoice.
 */
export async function receivablesAging(db: Executor, today: CalendarDate, page: PageQuery | null) {
  const paging =
    page === null ? sql`` : sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`;
  const [rows, totals] = await Promise.all([
    sql<
      BucketRow & {
        id: number;
        customer_number: string;
        kind: string;
        first_name: string | null;
        last_name: string | null;
        company_name: string | null;
        overdue_since: string | null;
      }
    >`
      select cu.id, cu.customer_number, cu.kind, cu.first_name, cu.last_name, cu.company_name,
        min(o.due_date) filter (where o.due_date < ${today}::date) as overdue_since, ${bucketColumns(today)}
      from (${openInvoices}) o join customers cu on cu.id = o.customer_id
      where o.outstanding > 0
      group by cu.id
      order by sum(o.outstanding) desc, cu.customer_number
      ${paging}`.execute(db),
    sql<BucketRow & { customers: number }>`
      select count(distinct o.customer_id)::int as customers, ${bucketColumns(today)}
      from (${openInvoices}) o where o.outstanding > 0`.execute(db),
  ]);
  return {
    asOf: today,
    items: rows.rows.map((row) => ({
      customerId: row.id,
      customerNumber: row.customer_number,
      name: customerName(row),
      oldestOverdueDueDate: row.overdue_since,
      ...buckets(row),
    })),
    totals: buckets(totals.rows[0]),
    page: page?.page ?? 1,
    pageSize: page?.pageSize ?? rows.rows.length,
    total: Number(totals.rows[0]?.customers ?? 0),
  };
}
