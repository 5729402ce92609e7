import { sql, type Transaction } from 'kysely';
import {
  calculateCorrection,
  calculateInvoice,
  CORRECTION_SERIES,
  grosze,
  type CalendarDate,
  type CorrectionCalculation,
  type InvoiceLine,
  type LineKind,
  type LineUnit,
} from '../../domain/index.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { invoicesIssued } from '../e-invoices/hooks.ts';
import { applyCustomerCredit } from './credit.ts';
import { loadBatch, loadTariffs } from './inputs.ts';
import { reserveNumbers } from './issue.ts';
import { DEFAULT_ESTIMATE_NORM_LITRES_PER_DAY } from './run.ts';

export class CorrectionError extends Error {}

export interface CorrectionRequest {
  invoiceId: number;
  reason: string;
  /** recalculate: bill the period again from the current readings; cancel: reduce the invoice to zero. */
  mode: 'recalculate' | 'cancel';
  today: CalendarDate;
  staffUserId?: number | null;
}

export interface CorrectionResult {
  correctionId: number;
  number: string;
  calculation: CorrectionCalculation;
}

/**
 * Issues a correcting invoice (VAT act art. 106j) for an invoice: its own KOR number, a reference to the
 * corrected invoice, the reason, and per line the figures before, after and the difference. The invoice as
 * last corrected is what the new correction starts from, so corrections can follow one another.
 * Money already paid above the corrected amount is released as the customer's credit.
 */
export async function issueCorrection(
  database: Database,
  request: CorrectionRequest,
): Promise<CorrectionResult> {
  if (request.reason.trim().length < 3) throw new CorrectionError('a correction needs a reason (art. 106j)');
  return database.db.transaction().execute(async (trx) => {
    const original = await trx
      .selectFrom('invoices')
      .where('id', '=', request.invoiceId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst();
    if (!original) throw new CorrectionError(`invoice ${request.invoiceId} does not exist`);
    if (original.kind !== 'invoice')
      throw new CorrectionError(`${original.number} is itself a correction; correct the original invoice`);

    const current = await currentLines(trx, original.id);
    const corrected = request.mode === 'cancel' ? [] : await recalculatedLines(trx, original);
    const calculation = calculateCorrection({
      correctedInvoiceNumber: original.number,
      reason: request.reason.trim(),
      original: current,
      corrected,
    });
    if (
      calculation.lines.every(
        (line) => line.difference.netValue === 0 && line.difference.quantityThousandths === 0,
      )
    ) {
      throw new CorrectionError(
        `${original.number}: the recalculated invoice does not differ, nothing to correct`,
      );
    }

    const [number] = await reserveNumbers(trx, CORRECTION_SERIES, request.today, 1);
    const correction = await trx
      .insertInto('invoices')
      .values({
        number: number!,
        series: CORRECTION_SERIES,
        kind: 'correction',
        customer_id: original.customer_id,
        service_point_id: original.service_point_id,
        billing_run_id: null,
        period_from: original.period_from,
        period_to: original.period_to,
        issue_date: request.today,
        sale_date: original.sale_date,
        due_date: request.today > original.due_date ? request.today : original.due_date,
        buyer_name: original.buyer_name,
        buyer_address: original.buyer_address,
        buyer_nip: original.buyer_nip,
        service_point_address: original.service_point_address,
        bank_account: original.bank_account,
        net_grosze: calculation.totalsDifference.net,
        vat_grosze: calculation.totalsDifference.vat,
        gross_grosze: calculation.totalsDifference.gross,
        corrects_invoice_id: original.id,
        correction_reason: calculation.reason,
        delivery: original.delivery,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('invoice_lines')
      .values(
        calculation.lines.map((line, index) => ({
          invoice_id: correction.id,
          position: index + 1,
          kind: line.kind,
          name_pl: line.namePl,
          name_en: line.nameEn,
          unit: line.unit,
          // The difference is the correction's own figure; the figures before are kept beside it.
          quantity_thousandths: line.difference.quantityThousandths,
          unit_price_grosze: (line.after ?? line.before)!.unitNetPrice,
          net_grosze: line.difference.netValue,
          vat_rate_basis_points: line.vatRateBasisPoints,
          corrected_quantity_thousandths: line.before?.quantityThousandths ?? 0,
          corrected_net_grosze: line.before?.netValue ?? 0,
          period_from: line.periodFrom,
          period_to: line.periodTo,
        })),
      )
      .execute();
    await trx
      .insertInto('invoice_vat_summaries')
      .values(
        calculation.vatSummaryDifference.map((row) => ({
          invoice_id: correction.id,
          vat_rate_basis_points: row.vatRateBasisPoints,
          net_grosze: row.net,
          vat_grosze: row.vat,
          gross_grosze: row.gross,
        })),
      )
      .execute();
    await releaseOverpayment(trx, original.id, calculation.totalsAfter.gross);
    await applyCustomerCredit(trx, [original.customer_id]);
    await invoicesIssued(trx, [correction.id]);
    await trx
      .insertInto('audit_log')
      .values({
        actor_kind: request.staffUserId ? 'staff' : 'system',
        actor_id: request.staffUserId ?? null,
        action: 'invoice.corrected',
        entity: 'invoice',
        entity_id: String(original.id),
        before: JSON.stringify({ number: original.number, gross: calculation.totalsBefore.gross }),
        after: JSON.stringify({
          correction: number,
          gross: calculation.totalsAfter.gross,
          reason: calculation.reason,
        }),
      })
      .execute();
    return { correctionId: correction.id, number: number!, calculation };
  });
}

/** The lines of an invoice as corrected so far: the original lines plus every earlier correction's differences. */
async function currentLines(trx: Transaction<DB>, invoiceId: number): Promise<InvoiceLine[]> {
  const rows = await trx
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .where((where) =>
      where.or([where('i.id', '=', invoiceId), where('i.corrects_invoice_id', '=', invoiceId)]),
    )
    .select([
      'l.kind',
      'l.name_pl',
      'l.name_en',
      'l.unit',
      'l.quantity_thousandths',
      'l.unit_price_grosze',
      'l.net_grosze',
      'l.vat_rate_basis_points',
      'l.period_from',
      'l.period_to',
      'l.estimated',
    ])
    .orderBy('i.id')
    .orderBy('l.position')
    .execute();
  const merged = new Map<string, InvoiceLine>();
  for (const row of rows) {
    const key = `${row.kind}|${row.period_from}|${row.period_to}|${row.vat_rate_basis_points}`;
    const existing = merged.get(key);
    if (existing) {
      existing.quantityThousandths += row.quantity_thousandths;
      existing.netValue = grosze(existing.netValue + row.net_grosze);
      existing.unitNetPrice = grosze(row.unit_price_grosze);
      continue;
    }
    merged.set(key, {
      kind: row.kind as LineKind,
      namePl: row.name_pl,
      nameEn: row.name_en,
      unit: row.unit as LineUnit,
      quantityThousandths: row.quantity_thousandths,
      unitNetPrice: grosze(row.unit_price_grosze),
      netValue: grosze(row.net_grosze),
      vatRateBasisPoints: row.vat_rate_basis_points,
      periodFrom: (row.period_from ?? '') as CalendarDate,
      periodTo: (row.period_to ?? '') as CalendarDate,
      estimated: row.estimated,
    });
  }
  return [...merged.values()].filter((line) => line.quantityThousandths !== 0 || line.netValue !== 0);
}

async function recalculatedLines(
  trx: Transaction<DB>,
  original: { service_point_id: number; period_from: string; period_to: string },
): Promise<InvoiceLine[]> {
  const period = { from: original.period_from as CalendarDate, to: original.period_to as CalendarDate };
  const [point] = await loadBatch(trx, [original.service_point_id], period, period.from);
  if (!point) throw new CorrectionError('the service point has no contract in the invoiced period');
  const calculation = calculateInvoice({
    period,
    customerGroup: point.customerGroup,
    services: { water: point.contract.water, sewage: point.contract.sewage },
    meters: point.meters,
    readings: point.readings,
    tariffs: await loadTariffs(trx),
    billedEstimates: point.billedEstimates,
    estimation: { normLitresPerDay: point.estimateNormLitresPerDay ?? DEFAULT_ESTIMATE_NORM_LITRES_PER_DAY },
  });
  return calculation.lines;
}

/** When an invoice now asks for less than was paid on it, the excess allocations are undone: the money is credit. */
async function releaseOverpayment(
  trx: Transaction<DB>,
  invoiceId: number,
  correctedGross: number,
): Promise<void> {
  const allocations = await trx
    .selectFrom('payment_allocations')
    .where('invoice_id', '=', invoiceId)
    .select(['id', 'amount_grosze'])
    .orderBy('id', 'desc')
    .execute();
  let excess =
    allocations.reduce((sum, allocation) => sum + allocation.amount_grosze, 0) - Math.max(0, correctedGross);
  for (const allocation of allocations) {
    if (excess <= 0) break;
    const release = Math.min(excess, allocation.amount_grosze);
    if (release === allocation.amount_grosze) {
      await trx.deleteFrom('payment_allocations').where('id', '=', allocation.id).execute();
    } else {
      await trx
        .updateTable('payment_allocations')
        .set({ amount_grosze: sql<number>`amount_grosze - ${release}` })
        .where('id', '=', allocation.id)
        .execute();
    }
    excess -= release;
  }
}
