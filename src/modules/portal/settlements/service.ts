import {
  compareDates,
  grosze,
  type CalendarDate,
  type Grosze,
  type InvoiceStatus,
} from '../../../domain/index.ts';
import { asChannel } from '../invoices/detail.ts';
import { loadInvoiceAccounts } from '../invoices/repository.ts';
import { assertCustomer, idList, type Executor, type PortalScope } from '../scope.ts';

export interface SettlementEntry {
  date: CalendarDate;
  type: 'invoice' | 'correction' | 'payment';
  /** Invoice id for documents, payment id for payments. */
  id: number;
  number: string | null;
  channel: 'online' | 'transfer' | 'cash_desk' | 'refund' | null;
  /** Positive: a charge (invoice, correction that adds); negative: money in (payment) or money back. */
  amountGrosze: Grosze;
  /** Balance after this entry: positive owed, negative credit. */
  balanceGrosze: Grosze;
  dueDate: CalendarDate | null;
  status: InvoiceStatus | null;
  outstandingGrosze: Grosze | null;
}

export interface CustomerSettlements {
  customerId: number;
  openingBalanceGrosze: Grosze;
  closingBalanceGrosze: Grosze;
  entries: SettlementEntry[];
}

/** Same-day order: documents before payments, as in the ledger, so a payment made on the issue day settles it. */
const TYPE_ORDER = { invoice: 0, correction: 1, payment: 2 } as const;

/**
 * Invoices, corrections and payments in one chronological list per customer account, with the running
 * balance. Entries before `from` make the opening balance, so the running figures are the real balance.
 * Cancelled invoices move nothing and are left out.
 */
export async function settlements(
  db: Executor,
  scope: PortalScope,
  query: { from?: CalendarDate; to?: CalendarDate; customerId?: number },
): Promise<CustomerSettlements[]> {
  if (query.customerId !== undefined) assertCustomer(scope, query.customerId);
  const customerIds = query.customerId !== undefined ? [query.customerId] : scope.customerIds;
  const invoices = await loadInvoiceAccounts(db, scope, {
    customerIds,
    ...(query.to ? { to: query.to } : {}),
  });
  let paymentQuery = db
    .selectFrom('payments')
    .select(['id', 'customer_id', 'received_on', 'channel', 'amount_grosze'])
    .where('customer_id', 'in', idList(customerIds))
    .where('customer_id', 'in', idList(scope.customerIds));
  if (query.to) paymentQuery = paymentQuery.where('received_on', '<=', query.to);
  const payments = await paymentQuery.execute();

  const entries = new Map<number, Array<Omit<SettlementEntry, 'balanceGrosze'> & { customerId: number }>>();
  const add = (customerId: number, entry: Omit<SettlementEntry, 'balanceGrosze'>) => {
    const list = entries.get(customerId) ?? [];
    list.push({ ...entry, customerId });
    entries.set(customerId, list);
  };
  for (const invoice of invoices) {
    if (invoice.cancelled) continue;
    add(invoice.customerId, {
      date: invoice.issueDate,
      type: invoice.kind,
      id: invoice.id,
      number: invoice.number,
      channel: null,
      amountGrosze: invoice.gross,
      dueDate: invoice.kind === 'invoice' ? invoice.dueDate : null,
      status: invoice.status,
      outstandingGrosze: invoice.kind === 'invoice' ? invoice.outstanding : null,
    });
  }
  for (const payment of payments) {
    add(payment.customer_id, {
      date: payment.received_on as CalendarDate,
      type: 'payment',
      id: payment.id,
      number: null,
      channel: asChannel(payment.channel),
      amountGrosze: grosze(-payment.amount_grosze),
      dueDate: null,
      status: null,
      outstandingGrosze: null,
    });
  }

  return customerIds.map((customerId) => {
    const sorted = (entries.get(customerId) ?? []).sort(
      (left, right) =>
        compareDates(left.date, right.date) ||
        TYPE_ORDER[left.type] - TYPE_ORDER[right.type] ||
        left.id - right.id,
    );
    let balance = 0;
    let opening = 0;
    const shown: SettlementEntry[] = [];
    for (const { customerId: _customer, ...entry } of sorted) {
      balance += entry.amountGrosze;
      if (query.from && entry.date < query.from) opening = balance;
      else shown.push({ ...entry, balanceGrosze: grosze(balance) });
    }
    return {
      customerId,
      openingBalanceGrosze: grosze(opening),
      closingBalanceGrosze: grosze(balance),
      entries: shown,
    };
  });
}
