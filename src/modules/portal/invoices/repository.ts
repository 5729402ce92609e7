import { sql } from 'kysely';
import {
  grosze,
  invoiceStatus,
  type CalendarDate,
  type Grosze,
  type InvoiceStatus,
} from '../../../domain/index.ts';
import { idList, type Executor, type PortalScope } from '../scope.ts';

/** An invoice or a correcting invoice with the figures the portal derives from allocations and corrections. */
export interface InvoiceAccount {
  id: number;
  number: string;
  kind: 'invoice' | 'correction';
  customerId: number;
  servicePointId: number;
  servicePointAddress: string;
  issueDate: CalendarDate;
  saleDate: CalendarDate;
  dueDate: CalendarDate;
  periodFrom: CalendarDate;
  periodTo: CalendarDate;
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
  /** Sum of the gross differences of the corrections of this invoice (0 for a correction itself). */
  corrections: Grosze;
  /** Gross + corrections: what the customer owes for this invoice in total (0 when cancelled). */
  amountDue: Grosze;
  /** Allocated from payments and credit. */
  paid: Grosze;
  outstanding: Grosze;
  /** Derived, never stored; null for a correction (it changes its invoice) and for a cancelled invoice. */
  status: InvoiceStatus | null;
  correctsInvoiceId: number | null;
  correctsInvoiceNumber: string | null;
  correctionReason: string | null;
  estimated: boolean;
  cancelled: boolean;
  delivery: 'paper' | 'email';
}

export interface InvoiceFilter {
  id?: number;
  from?: CalendarDate;
  to?: CalendarDate;
  servicePointId?: number;
  customerIds?: readonly number[];
}

/**
 * The customer's documents, newest first, with amount due = gross + corrections − allocations and the
 * status derived by the ledger rule (src/domain/billing/ledger.ts). Scoped by the login's customers in SQL.
 */
export async function loadInvoiceAccounts(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds' | 'today'>,
  filter: InvoiceFilter = {},
): Promise<InvoiceAccount[]> {
  let query = db
    .selectFrom('invoices as i')
    .leftJoin('invoices as corrected', 'corrected.id', 'i.corrects_invoice_id')
    .where('i.customer_id', 'in', idList(scope.customerIds))
    .select([
      'i.id',
      'i.number',
      'i.kind',
      'i.customer_id',
      'i.service_point_id',
      'i.service_point_address',
      'i.issue_date',
      'i.sale_date',
      'i.due_date',
      'i.period_from',
      'i.period_to',
      'i.net_grosze',
      'i.vat_grosze',
      'i.gross_grosze',
      'i.corrects_invoice_id',
      'i.correction_reason',
      'i.estimated_from',
      'i.cancelled_at',
      'i.delivery',
      'corrected.number as corrected_number',
      sql<number>`coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)::bigint`.as(
        'corrections',
      ),
      sql<number>`coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0)::bigint`.as(
        'paid',
      ),
    ])
    .orderBy('i.issue_date', 'desc')
    .orderBy('i.id', 'desc');
  if (filter.id !== undefined) query = query.where('i.id', '=', filter.id);
  if (filter.from) query = query.where('i.issue_date', '>=', filter.from);
  if (filter.to) query = query.where('i.issue_date', '<=', filter.to);
  if (filter.servicePointId !== undefined)
    query = query.where('i.service_point_id', '=', filter.servicePointId);
  if (filter.customerIds) query = query.where('i.customer_id', 'in', idList(filter.customerIds));
  const rows = await query.execute();
  return rows.map((row) => {
    const kind = row.kind === 'correction' ? 'correction' : 'invoice';
    const cancelled = row.cancelled_at !== null;
    const gross = grosze(row.gross_grosze);
    const corrections = grosze(Number(row.corrections));
    const paid = grosze(Number(row.paid));
    const amountDue = kind === 'invoice' && !cancelled ? grosze(gross + corrections) : grosze(0);
    const dueDate = row.due_date as CalendarDate;
    return {
      id: row.id,
      number: row.number,
      kind,
      customerId: row.customer_id,
      servicePointId: row.service_point_id,
      servicePointAddress: row.service_point_address,
      issueDate: row.issue_date as CalendarDate,
      saleDate: row.sale_date as CalendarDate,
      dueDate,
      periodFrom: row.period_from as CalendarDate,
      periodTo: row.period_to as CalendarDate,
      net: grosze(row.net_grosze),
      vat: grosze(row.vat_grosze),
      gross,
      corrections,
      amountDue,
      paid,
      outstanding: grosze(Math.max(amountDue - paid, 0)),
      status:
        kind === 'invoice' && !cancelled
          ? invoiceStatus({ gross: amountDue, paid, dueDate }, scope.today)
          : null,
      correctsInvoiceId: row.corrects_invoice_id,
      correctsInvoiceNumber: row.corrected_number,
      correctionReason: row.correction_reason,
      estimated: row.estimated_from !== null,
      cancelled,
      delivery: row.delivery === 'email' ? 'email' : 'paper',
    };
  });
}

/** What moves a customer's balance: charges (invoices, corrections) and payments (refunds are negative). */
export async function paymentTotals(db: Executor, customerIds: readonly number[]) {
  const rows = await db
    .selectFrom('payments as p')
    .where('p.customer_id', 'in', idList(customerIds))
    .groupBy('p.customer_id')
    .select([
      'p.customer_id',
      sql<number>`sum(p.amount_grosze)::bigint`.as('paid'),
      sql<number>`coalesce(sum((select sum(a.amount_grosze) from payment_allocations a where a.payment_id = p.id)), 0)::bigint`.as(
        'allocated',
      ),
    ])
    .execute();
  return new Map(
    rows.map((row) => [
      row.customer_id,
      { paid: grosze(Number(row.paid)), allocated: grosze(Number(row.allocated)) },
    ]),
  );
}
