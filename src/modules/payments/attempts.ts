import type { Selectable } from 'kysely';
import type { OnlinePayments } from '../../db/schema.ts';
import { idList, type Executor } from './payable.ts';

export type AttemptStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled';
export type AttemptRow = Selectable<OnlinePayments>;

/** An online payment as the return page and the customer's screens show it. */
export interface AttemptView {
  id: number;
  customerId: number;
  status: AttemptStatus;
  provider: string;
  createdAt: string;
  expiresAt: string;
  invoices: Array<{ id: number; number: string; amountGrosze: number }>;
  invoicesGrosze: number;
  feeGrosze: number;
  totalGrosze: number;
  currency: 'PLN';
  /** Where to (re)open the provider's checkout; only while the payment is pending. */
  redirectUrl: string | null;
  /** The posted payment, once paid. */
  paymentId: number | null;
  history: Array<{ status: AttemptStatus; at: string; reason: string | null }>;
}

export const asStatus = (value: string): AttemptStatus =>
  value === 'paid' || value === 'failed' || value === 'expired' || value === 'cancelled' ? value : 'pending';

const iso = (value: Date | string): string => new Date(value).toISOString();

/** One attempt with its invoices and history, found only among the given customers' attempts. */
export async function loadAttemptView(
  db: Executor,
  customerIds: readonly number[],
  id: number,
): Promise<AttemptView | undefined> {
  const row = await db
    .selectFrom('online_payments')
    .selectAll()
    .where('id', '=', id)
    .where('customer_id', 'in', idList(customerIds))
    .executeTakeFirst();
  if (!row) return undefined;
  return presentAttempt(db, row);
}

export async function presentAttempt(db: Executor, row: AttemptRow): Promise<AttemptView> {
  const invoices = await db
    .selectFrom('online_payment_invoices as opi')
    .innerJoin('invoices as i', 'i.id', 'opi.invoice_id')
    .where('opi.online_payment_id', '=', row.id)
    .select(['i.id', 'i.number', 'opi.amount_grosze'])
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
  const history = await db
    .selectFrom('online_payment_events')
    .where('online_payment_id', '=', row.id)
    .select(['to_status', 'occurred_at', 'reason'])
    .orderBy('id')
    .execute();
  const status = asStatus(row.status);
  return {
    id: row.id,
    customerId: row.customer_id,
    status,
    provider: row.provider,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    invoices: invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      amountGrosze: invoice.amount_grosze,
    })),
    invoicesGrosze: row.invoices_grosze,
    feeGrosze: row.fee_grosze,
    totalGrosze: row.total_grosze,
    currency: 'PLN',
    redirectUrl: status === 'pending' ? row.redirect_url : null,
    paymentId: row.payment_id,
    history: history.map((event) => ({
      status: asStatus(event.to_status),
      at: iso(event.occurred_at),
      reason: event.reason,
    })),
  };
}
