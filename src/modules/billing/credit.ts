import { sql, type Transaction } from 'kysely';
import { allocatePayment, grosze, type CalendarDate, type OpenItem } from '../../domain/index.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Puts customers' unallocated money (overpayments, payments that arrived before their invoice) on their open
 * invoices, oldest due date first. Called when invoices are issued and when money arrives, inside the same
 * transaction, so credit is never left idle next to an unpaid invoice. The allocation trigger guarantees that
 * no payment and no invoice is ever over-allocated.
 */
export async function applyCustomerCredit(trx: Transaction<DB>, customerIds: number[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const payments = await trx
    .selectFrom('payments as p')
    .where('p.customer_id', 'in', customerIds)
    .where('p.amount_grosze', '>', 0)
    .select([
      'p.id',
      'p.customer_id',
      // Money refunded to the customer is no longer credit.
      sql<number>`(p.amount_grosze
        - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.payment_id = p.id), 0)
        - coalesce((select sum(r.amount_grosze) from payment_refunds r where r.source_payment_id = p.id), 0))::bigint`.as(
        'remaining',
      ),
    ])
    .orderBy('p.received_on')
    .orderBy('p.id')
    .execute();
  const withCredit = payments.filter((payment) => Number(payment.remaining) > 0);
  if (withCredit.length === 0) return 0;

  const invoices = await trx
    .selectFrom('invoices as i')
    .where('i.customer_id', 'in', [...new Set(withCredit.map((payment) => payment.customer_id))])
    .where('i.kind', '=', 'invoice')
    .where('i.cancelled_at', 'is', null)
    .select([
      'i.id',
      'i.customer_id',
      'i.due_date',
      // Amount due = gross + the differences of its corrections − what is already allocated.
      sql<number>`i.gross_grosze
        + coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)
        - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0)`.as(
        'outstanding',
      ),
    ])
    .execute();
  const openByCustomer = new Map<number, OpenItem[]>();
  for (const invoice of invoices) {
    if (Number(invoice.outstanding) <= 0) continue;
    const items = openByCustomer.get(invoice.customer_id) ?? [];
    items.push({
      invoiceId: String(invoice.id),
      dueDate: invoice.due_date as CalendarDate,
      outstanding: grosze(Number(invoice.outstanding)),
    });
    openByCustomer.set(invoice.customer_id, items);
  }

  const rows: { payment_id: number; invoice_id: number; amount_grosze: number }[] = [];
  for (const payment of withCredit) {
    const open = openByCustomer.get(payment.customer_id);
    if (!open) continue;
    const { allocations } = allocatePayment(open, grosze(Number(payment.remaining)));
    for (const allocation of allocations) {
      rows.push({
        payment_id: payment.id,
        invoice_id: Number(allocation.invoiceId),
        amount_grosze: allocation.amount,
      });
      const item = open.find((candidate) => candidate.invoiceId === allocation.invoiceId)!;
      item.outstanding = grosze(item.outstanding - allocation.amount);
    }
  }
  if (rows.length === 0) return 0;
  await trx
    .insertInto('payment_allocations')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['payment_id', 'invoice_id']).doUpdateSet((update) => ({
        amount_grosze: sql<number>`${update.ref('payment_allocations.amount_grosze')} + ${update.ref('excluded.amount_grosze')}`,
      })),
    )
    .execute();
  return rows.length;
}
