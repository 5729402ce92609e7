import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/** An invoice as the payment screen needs it: what is still due, and whether a payment for it is under way. */
export interface PayableInvoice {
  id: number;
  number: string;
  customerId: number;
  issueDate: string;
  dueDate: string;
  kind: 'invoice' | 'correction';
  cancelled: boolean;
  /** Gross plus its corrections. */
  amountDueGrosze: number;
  outstandingGrosze: number;
  /** The pending online payment that covers this invoice, if any. */
  paymentInProgress: { onlinePaymentId: number; expiresAt: Date } | null;
}

/** Ids in an `in (...)` list: 0 matches nothing, so an empty scope gives an empty answer, not bad SQL. */
export const idList = (ids: readonly number[]): number[] => (ids.length > 0 ? [...ids] : [0]);

/**
 * The customers' invoices with what is due on each, scoped in SQL by the customer ids of the signed-in login.
 * With `invoiceIds`, only those (still scoped: another customer's id simply is not found).
 */
export async function loadPayableInvoices(
  db: Executor,
  customerIds: readonly number[],
  options: { invoiceIds?: readonly number[]; onlyOutstanding?: boolean } = {},
): Promise<PayableInvoice[]> {
  let query = db
    .selectFrom('invoices as i')
    .leftJoin('online_payment_invoices as opi', (join) =>
      join.onRef('opi.invoice_id', '=', 'i.id').on('opi.open', '=', true),
    )
    .leftJoin('online_payments as op', 'op.id', 'opi.online_payment_id')
    .where('i.customer_id', 'in', idList(customerIds))
    .select([
      'i.id',
      'i.number',
      'i.customer_id',
      'i.issue_date',
      'i.due_date',
      'i.kind',
      'i.cancelled_at',
      'op.id as online_payment_id',
      'op.expires_at',
      sql<number>`(i.gross_grosze + coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0))::bigint`.as(
        'amount_due',
      ),
      sql<number>`coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0)::bigint`.as(
        'paid',
      ),
    ])
    .orderBy('i.due_date')
    .orderBy('i.id');
  if (options.invoiceIds) query = query.where('i.id', 'in', idList(options.invoiceIds));
  else query = query.where('i.kind', '=', 'invoice').where('i.cancelled_at', 'is', null);
  const rows = await query.execute();
  const invoices = rows.map((row): PayableInvoice => {
    const amountDue = Number(row.amount_due);
    return {
      id: row.id,
      number: row.number,
      customerId: row.customer_id,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      kind: row.kind === 'correction' ? 'correction' : 'invoice',
      cancelled: row.cancelled_at !== null,
      amountDueGrosze: amountDue,
      outstandingGrosze: Math.max(0, amountDue - Number(row.paid)),
      paymentInProgress:
        row.online_payment_id !== null && row.expires_at !== null
          ? { onlinePaymentId: row.online_payment_id, expiresAt: new Date(row.expires_at) }
          : null,
    };
  });
  return options.onlyOutstanding ? invoices.filter((invoice) => invoice.outstandingGrosze > 0) : invoices;
}

/**
 * For other screens (the portal's invoice list): which of these invoices have an online payment in progress.
 * Scoped like every customer query.
 */
export async function invoicesWithPaymentInProgress(
  db: Executor,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('online_payment_invoices as opi')
    .innerJoin('online_payments as op', 'op.id', 'opi.online_payment_id')
    .where('opi.open', '=', true)
    .where('op.customer_id', 'in', idList(customerIds))
    .select(['opi.invoice_id', 'op.id'])
    .execute();
  return new Map(rows.map((row) => [row.invoice_id, row.id]));
}
