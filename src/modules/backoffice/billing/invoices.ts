import { sql } from 'kysely';
import { grosze, invoiceStatus, isDomainError, type CalendarDate } from '../../../domain/index.ts';
import { CorrectionError, issueCorrection } from '../../billing/correction.ts';
import { invoiceDetail, invoicePdf } from '../../portal/invoices/service.ts';
import type { PortalScope } from '../../portal/scope.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { conflictError, notFoundError, notFoundText } from '../shared/errors.ts';
import { likePrefix, offsetOf, type PageQuery } from '../shared/schemas.ts';
import type { Config } from '../../../config.ts';

export interface InvoiceFilter {
  q?: string | undefined;
  customerId?: number | undefined;
  servicePointId?: number | undefined;
  period?: string | undefined;
  kind?: 'invoice' | 'correction' | undefined;
  estimated?: 'true' | 'false' | undefined;
}

/** Invoices across all customers for the dense list: newest first, filtered by number prefix, customer, point or run. */
export async function listInvoices(
  db: Executor,
  filter: InvoiceFilter,
  page: PageQuery,
  today: CalendarDate,
) {
  let query = db
    .selectFrom('invoices as i')
    .innerJoin('customers as cu', 'cu.id', 'i.customer_id')
    .leftJoin('billing_runs as r', 'r.id', 'i.billing_run_id');
  if (filter.q)
    query = query.where(sql<boolean>`lower(i.number) like ${likePrefix(filter.q.trim().toLowerCase())}`);
  if (filter.customerId !== undefined) query = query.where('i.customer_id', '=', filter.customerId);
  if (filter.servicePointId !== undefined)
    query = query.where('i.service_point_id', '=', filter.servicePointId);
  if (filter.period) query = query.where('r.period', '=', filter.period);
  if (filter.kind) query = query.where('i.kind', '=', filter.kind);
  if (filter.estimated === 'true') query = query.where('i.estimated_from', 'is not', null);
  if (filter.estimated === 'false') query = query.where('i.estimated_from', 'is', null);
  const [rows, count] = await Promise.all([
    query
      .select([
        'i.id',
        'i.number',
        'i.kind',
        'i.customer_id',
        'cu.customer_number',
        'i.buyer_name',
        'i.service_point_id',
        'i.service_point_address',
        'i.issue_date',
        'i.due_date',
        'i.period_from',
        'i.period_to',
        'i.net_grosze',
        'i.vat_grosze',
        'i.gross_grosze',
        'i.estimated_from',
        'i.cancelled_at',
        'i.delivery',
        'i.corrects_invoice_id',
        'r.period',
        sql<number>`coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)::bigint`.as(
          'corrections',
        ),
        sql<number>`coalesce((select sum(a.amount_grosze) from payment_allocations a where a.invoice_id = i.id), 0)::bigint`.as(
          'paid',
        ),
      ])
      .orderBy('i.issue_date', 'desc')
      .orderBy('i.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    query.select((select) => select.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => {
      const kind = row.kind === 'correction' ? ('correction' as const) : ('invoice' as const);
      const cancelled = row.cancelled_at !== null;
      const amountDue = kind === 'invoice' && !cancelled ? row.gross_grosze + Number(row.corrections) : 0;
      const paid = Number(row.paid);
      return {
        id: row.id,
        number: row.number,
        kind,
        customerId: row.customer_id,
        customerNumber: row.customer_number,
        buyerName: row.buyer_name,
        servicePointId: row.service_point_id,
        servicePointAddress: row.service_point_address,
        billingPeriod: row.period,
        issueDate: row.issue_date,
        dueDate: row.due_date,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        netGrosze: row.net_grosze,
        vatGrosze: row.vat_grosze,
        grossGrosze: row.gross_grosze,
        correctionsGrosze: Number(row.corrections),
        amountDueGrosze: amountDue,
        paidGrosze: paid,
        outstandingGrosze: Math.max(amountDue - paid, 0),
        status:
          kind === 'invoice' && !cancelled
            ? invoiceStatus(
                { gross: grosze(amountDue), paid: grosze(paid), dueDate: row.due_date as CalendarDate },
                today,
              )
            : null,
        estimated: row.estimated_from !== null,
        cancelled,
        delivery: row.delivery === 'email' ? ('email' as const) : ('paper' as const),
        correctsInvoiceId: row.corrects_invoice_id,
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.total),
  };
}

/** The portal's own view of an invoice, scoped to the invoice's customer: staff and customer see the same figures. */
async function scopeOfInvoice(context: StaffContext, invoiceId: number): Promise<PortalScope> {
  const invoice = await context.database.db
    .selectFrom('invoices')
    .select(['customer_id'])
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (!invoice) throw notFoundError(notFoundText.invoice, context.language);
  return {
    customerIds: [invoice.customer_id],
    loginId: 0,
    language: context.language,
    today: context.today,
    now: context.now,
  };
}

export async function staffInvoiceDetail(context: StaffContext, invoiceId: number) {
  return invoiceDetail(context.database.db, await scopeOfInvoice(context, invoiceId), invoiceId);
}

export async function staffInvoicePdf(
  context: StaffContext,
  invoiceId: number,
  config: Pick<Config, 'seller'>,
) {
  return invoicePdf(context.database.db, await scopeOfInvoice(context, invoiceId), invoiceId, config);
}

/** A correcting invoice (art. 106j) with the reason, by the billing module; it writes its own audit entry. */
export async function correctInvoice(
  context: StaffContext,
  invoiceId: number,
  input: { reason: string; mode: 'recalculate' | 'cancel' },
) {
  const exists = await context.database.db
    .selectFrom('invoices')
    .select('id')
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (!exists) throw notFoundError(notFoundText.invoice, context.language);
  try {
    const result = await issueCorrection(context.database, {
      invoiceId,
      reason: input.reason,
      mode: input.mode,
      today: context.today,
      staffUserId: context.actor.staffUserId,
    });
    return {
      correctionId: result.correctionId,
      number: result.number,
      correctedInvoiceNumber: result.calculation.correctedInvoiceNumber,
      reason: result.calculation.reason,
      grossBeforeGrosze: result.calculation.totalsBefore.gross,
      grossAfterGrosze: result.calculation.totalsAfter.gross,
      differenceGrosze: result.calculation.totalsDifference.gross,
    };
  } catch (error) {
    if (error instanceof CorrectionError || isDomainError(error))
      throw conflictError({ pl: error.message, en: error.message }, context.language);
    throw error;
  }
}
