import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { allocatePayment, grosze, type CalendarDate, type OpenItem } from '../../domain/index.ts';

/**
 * Posting money that arrived (online, bank transfer, cash desk): one payments row and its allocations, in the
 * caller's transaction. The invoices the payer named are paid first, in the order named, each up to what is
 * still due on it; what is left goes to the customer's other open invoices, oldest due first (the ledger's
 * rule, allocatePayment), and the rest stays as credit for the next invoice (billing applies it on issue).
 * The payment's external reference is unique: posting the same provider payment or bank transaction a second
 * time returns null and changes nothing.
 */
export interface IncomingMoney {
  customerId: number;
  channel: 'online' | 'transfer' | 'cash_desk';
  /** What goes to the customer's account (the invoices); never includes the fee. */
  amountGrosze: number;
  /** Fee revenue of an online payment, recorded beside the amount (docs/payments.md). */
  feeGrosze?: number;
  receivedOn: string;
  externalReference: string | null;
  title: string | null;
  counterpartyAccount?: string | null;
  staffUserId?: number | null;
  invoiceIds: readonly number[];
}

export interface PostedPayment {
  paymentId: number;
  allocations: Array<{ invoiceId: number; amountGrosze: number }>;
}

export async function postPayment(trx: Transaction<DB>, money: IncomingMoney): Promise<PostedPayment | null> {
  if (!Number.isSafeInteger(money.amountGrosze) || money.amountGrosze <= 0) {
    throw new Error(`a posted payment must be a positive number of grosze, got ${money.amountGrosze}`);
  }
  const inserted = await trx
    .insertInto('payments')
    .values({
      customer_id: money.customerId,
      channel: money.channel,
      amount_grosze: money.amountGrosze,
      fee_grosze: money.feeGrosze ?? 0,
      currency: 'PLN',
      received_on: money.receivedOn,
      external_reference: money.externalReference,
      title: money.title?.slice(0, 500) ?? null,
      counterparty_account: money.counterpartyAccount ?? null,
      created_by_staff_id: money.staffUserId ?? null,
    })
    .onConflict((conflict) => conflict.column('external_reference').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;

  const chosen = [...new Set(money.invoiceIds)];
  const open = await openInvoices(trx, money.customerId);
  let remaining = money.amountGrosze;
  const rows = new Map<number, number>();
  // The named invoices first, in the order named, each up to what is still due on it.
  for (const invoiceId of chosen) {
    const item = open.find((candidate) => candidate.invoiceId === String(invoiceId));
    const paid = Math.min(remaining, item?.outstanding ?? 0);
    if (!item || paid <= 0) continue;
    rows.set(invoiceId, paid);
    item.outstanding = grosze(item.outstanding - paid);
    remaining -= paid;
  }
  if (remaining > 0) {
    for (const allocation of allocatePayment(open, grosze(remaining)).allocations) {
      const invoiceId = Number(allocation.invoiceId);
      rows.set(invoiceId, (rows.get(invoiceId) ?? 0) + allocation.amount);
    }
  }
  if (rows.size > 0) {
    await trx
      .insertInto('payment_allocations')
      .values(
        [...rows].map(([invoiceId, amount]) => ({
          payment_id: inserted.id,
          invoice_id: invoiceId,
          amount_grosze: amount,
        })),
      )
      .execute();
  }

  const allocations = await trx
    .selectFrom('payment_allocations')
    .where('payment_id', '=', inserted.id)
    .select(['invoice_id', 'amount_grosze'])
    .orderBy('id')
    .execute();
  return {
    paymentId: inserted.id,
    allocations: allocations.map((row) => ({ invoiceId: row.invoice_id, amountGrosze: row.amount_grosze })),
  };
}

/**
 * The customer's invoices with money still due (gross + corrections − allocations), locked in id order as every
 * poster does, so two postings never wait on each other in a circle.
 */
async function openInvoices(trx: Transaction<DB>, customerId: number): Promise<OpenItem[]> {
  const rows = await trx
    .selectFrom('invoices as i')
    .where('i.customer_id', '=', customerId)
    .where('i.kind', '=', 'invoice')
    .where('i.cancelled_at', 'is', null)
    .select([
      'i.id',
      'i.due_date',
      sql<number>`(i.gross_grosze
        + coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)
        - coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0))::bigint`.as(
        'outstanding',
      ),
    ])
    .orderBy('i.id')
    .forUpdate()
    .execute();
  return rows
    .filter((row) => Number(row.outstanding) > 0)
    .map((row) => ({
      invoiceId: String(row.id),
      dueDate: row.due_date as CalendarDate,
      outstanding: grosze(Number(row.outstanding)),
    }));
}
