import { sql } from 'kysely';
import type { CalendarDate } from '../../../domain/index.ts';
import { asChannel } from '../invoices/detail.ts';
import { idList, type Executor, type PortalScope } from '../scope.ts';

export interface PaymentView {
  id: number;
  customerId: number;
  receivedOn: string;
  amountGrosze: number;
  feeGrosze: number;
  channel: 'online' | 'transfer' | 'cash_desk' | 'refund';
  title: string | null;
  invoices: Array<{ id: number; number: string; amountGrosze: number }>;
  unallocatedGrosze: number;
}

/** Payments by any channel, newest first, with the invoices each one paid. */
export async function loadPayments(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds'>,
  query: { from?: CalendarDate; to?: CalendarDate } = {},
): Promise<PaymentView[]> {
  let payments = db
    .selectFrom('payments as p')
    .select([
      'p.id',
      'p.customer_id',
      'p.received_on',
      'p.amount_grosze',
      'p.fee_grosze',
      'p.channel',
      'p.title',
      sql<number>`coalesce((select sum(a.amount_grosze) from payment_allocations a where a.payment_id = p.id), 0)::bigint`.as(
        'allocated',
      ),
    ])
    .where('p.customer_id', 'in', idList(scope.customerIds))
    .orderBy('p.received_on', 'desc')
    .orderBy('p.id', 'desc');
  if (query.from) payments = payments.where('p.received_on', '>=', query.from);
  if (query.to) payments = payments.where('p.received_on', '<=', query.to);
  const rows = await payments.execute();
  const allocations =
    rows.length === 0
      ? []
      : await db
          .selectFrom('payment_allocations as a')
          .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
          .select(['a.payment_id', 'i.id', 'i.number', 'a.amount_grosze'])
          .where(
            'a.payment_id',
            'in',
            rows.map((row) => row.id),
          )
          // The invoice side is scoped too: an allocation never crosses customers, and this proves it.
          .where('i.customer_id', 'in', idList(scope.customerIds))
          .orderBy('i.issue_date')
          .orderBy('i.id')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    receivedOn: row.received_on,
    amountGrosze: row.amount_grosze,
    feeGrosze: row.fee_grosze,
    channel: asChannel(row.channel),
    title: row.title,
    invoices: allocations
      .filter((allocation) => allocation.payment_id === row.id)
      .map((allocation) => ({
        id: allocation.id,
        number: allocation.number,
        amountGrosze: allocation.amount_grosze,
      })),
    unallocatedGrosze: row.amount_grosze > 0 ? row.amount_grosze - Number(row.allocated) : 0,
  }));
}
