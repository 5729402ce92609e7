import type { Json } from '../../../db/schema.ts';
import { idList, type Executor, type PortalScope } from '../scope.ts';

type Channel = 'online' | 'transfer' | 'cash_desk' | 'refund';
type MeterKind = 'main' | 'sub' | 'sewage';
type MeterRole = 'main' | 'sewage' | 'garden';

export interface InvoiceDetailRows {
  buyerName: string;
  buyerAddress: string;
  buyerNip: string | null;
  bankAccount: string;
  notes: Array<{ pl: string; en: string }>;
  estimate: { from: string; to: string; waterLitres: number; sewageLitres: number } | null;
  lines: Array<{
    position: number;
    kind: string;
    name: { pl: string; en: string };
    unit: 'm3' | 'month';
    quantityThousandths: number;
    unitPriceGrosze: number;
    netGrosze: number;
    vatRateBasisPoints: number;
    periodFrom: string | null;
    periodTo: string | null;
    estimated: boolean;
    correctedQuantityThousandths: number | null;
    correctedNetGrosze: number | null;
  }>;
  vatSummary: Array<{
    vatRateBasisPoints: number;
    netGrosze: number;
    vatGrosze: number;
    grossGrosze: number;
  }>;
  readings: Array<{
    meterId: number;
    meterSerial: string;
    meterKind: MeterKind;
    meterRole: MeterRole;
    previousDate: string;
    previousValueLitres: number;
    currentDate: string;
    currentValueLitres: number | null;
    estimated: boolean;
    consumptionLitres: number | null;
  }>;
  corrections: Array<{
    id: number;
    number: string;
    issueDate: string;
    grossGrosze: number;
    reason: string | null;
  }>;
  payments: Array<{ paymentId: number; receivedOn: string; channel: Channel; allocatedGrosze: number }>;
}

const asMeterKind = (kind: string): MeterKind => (kind === 'sub' || kind === 'sewage' ? kind : 'main');
const asMeterRole = (role: string): MeterRole => (role === 'sewage' || role === 'garden' ? role : 'main');
export const asChannel = (channel: string): Channel =>
  channel === 'online' || channel === 'cash_desk' || channel === 'refund' ? channel : 'transfer';

/** Notes are stored as { code, pl, en } or as plain strings (Polish only). */
export function notesOf(notes: Json): Array<{ pl: string; en: string }> {
  if (!Array.isArray(notes)) return [];
  const texts: Array<{ pl: string; en: string }> = [];
  for (const note of notes) {
    if (typeof note === 'string') texts.push({ pl: note, en: note });
    else if (note !== null && typeof note === 'object' && !Array.isArray(note)) {
      const pl = note['pl'];
      const en = note['en'];
      if (typeof pl === 'string') texts.push({ pl, en: typeof en === 'string' ? en : pl });
    }
  }
  return texts;
}

/**
 * The parts of one invoice shown on its detail page. The invoice row is selected again with the customer
 * scope, so this function alone never returns another customer's document. Sequential queries: inside a
 * PGlite connection only one statement runs at a time anyway.
 */
export async function loadInvoiceDetailRows(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds'>,
  invoiceId: number,
): Promise<InvoiceDetailRows | undefined> {
  const invoice = await db
    .selectFrom('invoices')
    .select([
      'id',
      'buyer_name',
      'buyer_address',
      'buyer_nip',
      'bank_account',
      'notes',
      'estimated_from',
      'estimated_to',
      'estimated_water_litres',
      'estimated_sewage_litres',
    ])
    .where('id', '=', invoiceId)
    .where('customer_id', 'in', idList(scope.customerIds))
    .executeTakeFirst();
  if (!invoice) return undefined;
  const lines = await db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoice.id)
    .orderBy('position')
    .execute();
  const vat = await db
    .selectFrom('invoice_vat_summaries')
    .selectAll()
    .where('invoice_id', '=', invoice.id)
    .orderBy('vat_rate_basis_points', 'desc')
    .execute();
  const readings = await db
    .selectFrom('invoice_readings as ir')
    .innerJoin('meters as m', 'm.id', 'ir.meter_id')
    .selectAll('ir')
    .select(['m.serial_number', 'm.kind'])
    .where('ir.invoice_id', '=', invoice.id)
    .orderBy('m.kind')
    .orderBy('m.serial_number')
    .orderBy('ir.current_reading_on')
    .execute();
  const corrections = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'issue_date', 'gross_grosze', 'correction_reason'])
    .where('corrects_invoice_id', '=', invoice.id)
    .where('customer_id', 'in', idList(scope.customerIds))
    .orderBy('issue_date')
    .orderBy('id')
    .execute();
  const payments = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['p.id', 'p.received_on', 'p.channel', 'a.amount_grosze'])
    .where('a.invoice_id', '=', invoice.id)
    .orderBy('p.received_on')
    .orderBy('p.id')
    .execute();
  const estimate =
    invoice.estimated_from !== null && invoice.estimated_to !== null
      ? {
          from: invoice.estimated_from,
          to: invoice.estimated_to,
          waterLitres: invoice.estimated_water_litres ?? 0,
          sewageLitres: invoice.estimated_sewage_litres ?? 0,
        }
      : null;
  return {
    buyerName: invoice.buyer_name,
    buyerAddress: invoice.buyer_address,
    buyerNip: invoice.buyer_nip,
    bankAccount: invoice.bank_account,
    notes: notesOf(invoice.notes),
    estimate,
    lines: lines.map((line) => ({
      position: line.position,
      kind: line.kind,
      name: { pl: line.name_pl, en: line.name_en },
      unit: line.unit === 'month' ? 'month' : 'm3',
      quantityThousandths: line.quantity_thousandths,
      unitPriceGrosze: line.unit_price_grosze,
      netGrosze: line.net_grosze,
      vatRateBasisPoints: line.vat_rate_basis_points,
      periodFrom: line.period_from,
      periodTo: line.period_to,
      estimated: line.estimated,
      correctedQuantityThousandths: line.corrected_quantity_thousandths,
      correctedNetGrosze: line.corrected_net_grosze,
    })),
    vatSummary: vat.map((row) => ({
      vatRateBasisPoints: row.vat_rate_basis_points,
      netGrosze: row.net_grosze,
      vatGrosze: row.vat_grosze,
      grossGrosze: row.gross_grosze,
    })),
    readings: readings.map((row) => ({
      meterId: row.meter_id,
      meterSerial: row.serial_number,
      meterKind: asMeterKind(row.kind),
      meterRole: asMeterRole(row.meter_role),
      previousDate: row.previous_reading_on,
      previousValueLitres: row.previous_value_litres,
      currentDate: row.current_reading_on,
      currentValueLitres: row.current_value_litres,
      estimated: row.current_estimated,
      consumptionLitres: row.consumption_litres,
    })),
    corrections: corrections.map((row) => ({
      id: row.id,
      number: row.number,
      issueDate: row.issue_date,
      grossGrosze: row.gross_grosze,
      reason: row.correction_reason,
    })),
    payments: payments.map((row) => ({
      paymentId: row.id,
      receivedOn: row.received_on,
      channel: asChannel(row.channel),
      allocatedGrosze: row.amount_grosze,
    })),
  };
}
