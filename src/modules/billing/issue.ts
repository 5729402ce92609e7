import { sql, type Insertable, type Transaction } from 'kysely';
import {
  customerAccountNumber,
  dateParts,
  formatInvoiceNumber,
  INVOICE_SERIES,
  type CalendarDate,
  type InvoiceCalculation,
  type TariffVersion,
} from '../../domain/index.ts';
import type { DB, Json } from '../../db/schema.ts';
import type { ServicePointToBill } from './inputs.ts';

export interface InvoiceToIssue {
  point: ServicePointToBill;
  calculation: InvoiceCalculation;
}

export interface IssueOptions {
  billingRunId: number | null;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  bankAccountPrefix: string;
  tariffs: readonly TariffVersion[];
}

/** The tariff version a line was priced with: the group's latest version in force on the line's first day. */
function tariffInForce(tariffs: readonly TariffVersion[], group: string, day: CalendarDate): number | null {
  let found: TariffVersion | undefined;
  for (const tariff of tariffs) {
    if (
      tariff.customerGroup === group &&
      tariff.validFrom <= day &&
      (!found || tariff.validFrom > found.validFrom)
    )
      found = tariff;
  }
  return found?.id === undefined ? null : Number(found.id);
}

/** Rows per statement: bounds the size of one statement's JSON parameter. */
const ROWS_PER_STATEMENT = 5000;

function chunks<T>(rows: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    result.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}

/**
 * Inserts rows of one table, all with the same columns, as one JSON parameter expanded by the server
 * (json_populate_recordset converts each field to its column's type): one parameter instead of one per value,
 * which PostgreSQL parses and binds far faster than a VALUES list with tens of thousands of parameters.
 */
function insertRows<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: readonly Insertable<DB[T]>[]) {
  const columns = Object.keys(rows[0]!);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(columns.map((column) => sql.ref(`row.${column}`)))}
    from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) as row`;
}

/**
 * Reserves `count` consecutive numbers of a series and month. The counter row is locked until the transaction
 * ends, and the invoices that use the numbers are written in the same transaction: either all of them exist
 * or none, and the numbers were never taken. That makes the numbering gap-free even across crashes.
 */
export async function reserveNumbers(
  trx: Transaction<DB>,
  series: string,
  issueDate: CalendarDate,
  count: number,
): Promise<string[]> {
  const { year, month } = dateParts(issueDate);
  await trx
    .insertInto('invoice_number_counters')
    .values({ series, year, month, last_number: 0 })
    .onConflict((conflict) => conflict.columns(['series', 'year', 'month']).doNothing())
    .execute();
  const { last_number } = await trx
    .updateTable('invoice_number_counters')
    .set((update) => ({ last_number: update('last_number', '+', count) }))
    .where('series', '=', series)
    .where('year', '=', year)
    .where('month', '=', month)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const first = last_number - count + 1;
  return Array.from({ length: count }, (_, index) => formatInvoiceNumber(series, year, month, first + index));
}

/** Writes the invoices of one batch with their lines, VAT summary and readings; returns their ids. */
export async function issueInvoices(
  trx: Transaction<DB>,
  items: InvoiceToIssue[],
  options: IssueOptions,
): Promise<number[]> {
  if (items.length === 0) return [];
  const numbers = await reserveNumbers(trx, INVOICE_SERIES, options.issueDate, items.length);
  const invoiceRows = items.map(({ point, calculation }, index) => {
    const estimate = calculation.billedEstimate;
    return {
      number: numbers[index]!,
      series: INVOICE_SERIES,
      kind: 'invoice',
      customer_id: point.customer.id,
      service_point_id: point.servicePointId,
      billing_run_id: options.billingRunId,
      period_from: calculation.period.from,
      period_to: calculation.period.to,
      issue_date: options.issueDate,
      sale_date: calculation.period.to,
      due_date: options.dueDate,
      buyer_name: point.customer.name,
      buyer_address: point.customer.address,
      buyer_nip: point.customer.nip,
      service_point_address: point.servicePointAddress,
      bank_account: customerAccountNumber(options.bankAccountPrefix, point.customer.customerNumber),
      net_grosze: calculation.totals.net,
      vat_grosze: calculation.totals.vat,
      gross_grosze: calculation.totals.gross,
      delivery: point.customer.eInvoiceEmail ? 'email' : 'paper',
      // The notes themselves, not their text: inside the JSON parameter a jsonb column takes the value as it is.
      notes: calculation.notes as unknown as Json,
      estimated_from: estimate?.from ?? null,
      estimated_to: estimate?.to ?? null,
      estimated_water_litres: estimate?.waterLitres ?? null,
      estimated_sewage_litres: estimate?.sewageLitres ?? null,
    };
  });
  const idByPoint = new Map<number, number>();
  for (const chunk of chunks(invoiceRows)) {
    const { rows: inserted } = await sql<{ id: number; service_point_id: number }>`${insertRows(
      trx,
      'invoices',
      chunk,
    )} returning id, service_point_id`.execute(trx);
    for (const row of inserted) idByPoint.set(row.service_point_id, row.id);
  }

  const lineRows = items.flatMap(({ point, calculation }) =>
    calculation.lines.map((line, index) => ({
      invoice_id: idByPoint.get(point.servicePointId)!,
      position: index + 1,
      kind: line.kind,
      name_pl: line.namePl,
      name_en: line.nameEn,
      unit: line.unit,
      quantity_thousandths: line.quantityThousandths,
      unit_price_grosze: line.unitNetPrice,
      net_grosze: line.netValue,
      vat_rate_basis_points: line.vatRateBasisPoints,
      tariff_version_id: tariffInForce(options.tariffs, point.customerGroup, line.periodFrom),
      period_from: line.periodFrom,
      period_to: line.periodTo,
      estimated: line.estimated,
    })),
  );
  for (const chunk of chunks(lineRows)) await insertRows(trx, 'invoice_lines', chunk).execute(trx);

  const vatRows = items.flatMap(({ point, calculation }) =>
    calculation.vatSummary.map((row) => ({
      invoice_id: idByPoint.get(point.servicePointId)!,
      vat_rate_basis_points: row.vatRateBasisPoints,
      net_grosze: row.net,
      vat_grosze: row.vat,
      gross_grosze: row.gross,
    })),
  );
  for (const chunk of chunks(vatRows)) await insertRows(trx, 'invoice_vat_summaries', chunk).execute(trx);

  const readingRows = items.flatMap(({ point, calculation }) =>
    calculation.readings.map((reading) => ({
      invoice_id: idByPoint.get(point.servicePointId)!,
      meter_id: Number(reading.meterId),
      meter_role: reading.role,
      previous_reading_on: reading.previous.date,
      previous_value_litres: reading.previous.valueLitres,
      current_reading_on: reading.current?.date ?? calculation.period.to,
      current_value_litres: reading.current?.valueLitres ?? null,
      current_estimated: reading.estimated,
      consumption_litres: reading.consumptionLitres,
    })),
  );
  for (const chunk of chunks(readingRows)) await insertRows(trx, 'invoice_readings', chunk).execute(trx);
  return items.map(({ point }) => idByPoint.get(point.servicePointId)!);
}
