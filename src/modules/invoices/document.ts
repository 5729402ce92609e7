import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, Json } from '../../db/schema.ts';
import { grosze, type CalendarDate, type Grosze } from '../../domain/index.ts';

/**
 * Everything a printed (PDF) or structured (KSeF FA(3)) invoice needs, as plain data. The renderers never
 * query the database nor compute money: every figure here was stored when the invoice was issued, so a
 * reprint years later shows exactly what the customer received.
 */

export type DocumentLanguage = 'pl' | 'en';

export interface DocumentLine {
  position: number;
  name: { pl: string; en: string };
  unit: 'm3' | 'month';
  /** Litres for m³, thousandths of a month for the subscription. */
  quantityThousandths: number;
  unitPriceGrosze: Grosze;
  netGrosze: Grosze;
  vatRateBasisPoints: number;
  estimated?: boolean;
}

export interface DocumentVatRow {
  vatRateBasisPoints: number;
  netGrosze: Grosze;
  vatGrosze: Grosze;
  grossGrosze: Grosze;
}

export interface DocumentTotals {
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
}

export interface DocumentReading {
  meterSerial: string;
  meterKind: 'main' | 'sub' | 'sewage';
  previousDate: CalendarDate;
  previousLitres: number;
  currentDate: CalendarDate;
  /** Null when the period was estimated without any current register value. */
  currentLitres: number | null;
  estimated: boolean;
  consumptionLitres: number | null;
}

/** Art. 106j: the corrected invoice, the reason, and the figures before, after and their difference. */
export interface CorrectionDetails {
  correctedNumber: string;
  correctedIssueDate: CalendarDate;
  correctedKsefNumber?: string;
  reason: string;
  linesBefore: DocumentLine[];
  linesAfter: DocumentLine[];
  vatSummaryBefore: DocumentVatRow[];
  vatSummaryAfter: DocumentVatRow[];
  /** The same rows as the document's vatSummary: a correction's own figures are the differences. */
  vatSummaryDifference: DocumentVatRow[];
  totalsBefore: DocumentTotals;
  totalsAfter: DocumentTotals;
}

export interface InvoiceDocument {
  seller: {
    name: string;
    street: string;
    postalCode: string;
    city: string;
    nip: string;
    /** The customer's individual (virtual) account: 26 digits. */
    bankAccount: string;
  };
  /** The customer number is the reference the customer quotes to the office and registers in iBOK with. */
  buyer: { name: string; addressLines: string[]; nip?: string; customerNumber?: string };
  servicePointAddress: string;
  number: string;
  kind: 'invoice' | 'correction';
  issueDate: CalendarDate;
  saleDate: CalendarDate;
  periodFrom: CalendarDate;
  periodTo: CalendarDate;
  dueDate: CalendarDate;
  /** For a correction: the difference lines (after minus before). */
  lines: DocumentLine[];
  vatSummary: DocumentVatRow[];
  totals: DocumentTotals;
  readings: DocumentReading[];
  notes: string[];
  delivery: 'paper' | 'email';
  correction?: CorrectionDetails;
  ksefNumber?: string;
  language: DocumentLanguage;
}

type Executor = Kysely<DB> | Transaction<DB>;

/** Corrections of corrections form a chain; a longer one than this is a data error, not a real history. */
const MAXIMUM_CORRECTION_CHAIN = 100;

/**
 * Builds the document of one invoice, or null when it does not exist (or, with `scope`, does not belong to
 * that customer: callers serving customers pass their customer id so that authorization is in the query).
 */
export async function loadInvoiceDocument(
  db: Executor,
  invoiceId: number,
  config: Pick<Config, 'seller'>,
  scope?: { customerId: number },
): Promise<InvoiceDocument | null> {
  let query = db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .selectAll('invoices')
    .select(['customers.language', 'customers.customer_number'])
    .where('invoices.id', '=', invoiceId);
  if (scope) query = query.where('invoices.customer_id', '=', scope.customerId);
  const invoice = await query.executeTakeFirst();
  if (!invoice) return null;

  // Sequential on purpose: inside a PGlite transaction only one statement may run at a time.
  const lineRows = await linesOf(db, invoice.id);
  const vatRows = await db
    .selectFrom('invoice_vat_summaries')
    .selectAll()
    .where('invoice_id', '=', invoice.id)
    .orderBy('vat_rate_basis_points', 'desc')
    .execute();
  const readingRows = await db
    .selectFrom('invoice_readings')
    .innerJoin('meters', 'meters.id', 'invoice_readings.meter_id')
    .selectAll('invoice_readings')
    .select(['meters.serial_number', 'meters.kind as meter_kind'])
    .where('invoice_readings.invoice_id', '=', invoice.id)
    .orderBy('meters.kind')
    .orderBy('meters.serial_number')
    .orderBy('invoice_readings.current_reading_on')
    .execute();

  const language: DocumentLanguage = invoice.language === 'en' ? 'en' : 'pl';
  const buyerNip = invoice.buyer_nip ?? undefined;
  const ksefNumber = invoice.ksef_number ?? undefined;
  const vatSummary = vatRows.map(vatRowOf);
  const document: InvoiceDocument = {
    seller: { ...config.seller, bankAccount: invoice.bank_account },
    buyer: {
      name: invoice.buyer_name,
      addressLines: addressLines(invoice.buyer_address),
      ...(buyerNip ? { nip: buyerNip } : {}),
      customerNumber: invoice.customer_number,
    },
    servicePointAddress: invoice.service_point_address,
    number: invoice.number,
    kind: invoice.kind === 'correction' ? 'correction' : 'invoice',
    issueDate: invoice.issue_date as CalendarDate,
    saleDate: invoice.sale_date as CalendarDate,
    periodFrom: invoice.period_from as CalendarDate,
    periodTo: invoice.period_to as CalendarDate,
    dueDate: invoice.due_date as CalendarDate,
    lines: lineRows.map(lineOf),
    vatSummary,
    totals: {
      net: grosze(invoice.net_grosze),
      vat: grosze(invoice.vat_grosze),
      gross: grosze(invoice.gross_grosze),
    },
    readings: readingRows.map((row) => ({
      meterSerial: row.serial_number,
      meterKind: row.meter_kind === 'sub' || row.meter_kind === 'sewage' ? row.meter_kind : 'main',
      previousDate: row.previous_reading_on as CalendarDate,
      previousLitres: row.previous_value_litres,
      currentDate: row.current_reading_on as CalendarDate,
      currentLitres: row.current_value_litres,
      estimated: row.current_estimated,
      consumptionLitres: row.consumption_litres,
    })),
    notes: notesOf(invoice.notes, language),
    delivery: invoice.delivery === 'email' ? 'email' : 'paper',
    ...(ksefNumber ? { ksefNumber } : {}),
    language,
  };
  if (document.kind === 'correction' && invoice.corrects_invoice_id !== null) {
    document.correction = await correctionOf(
      db,
      invoice.corrects_invoice_id,
      invoice.correction_reason ?? '',
      lineRows,
      vatSummary,
    );
  }
  return document;
}

type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

function linesOf(db: Executor, invoiceId: number) {
  return db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

function lineOf(row: LineRow): DocumentLine {
  return {
    position: row.position,
    name: { pl: row.name_pl, en: row.name_en },
    unit: row.unit === 'month' ? 'month' : 'm3',
    quantityThousandths: row.quantity_thousandths,
    unitPriceGrosze: grosze(row.unit_price_grosze),
    netGrosze: grosze(row.net_grosze),
    vatRateBasisPoints: row.vat_rate_basis_points,
    ...(row.estimated ? { estimated: true } : {}),
  };
}

function vatRowOf(row: {
  vat_rate_basis_points: number;
  net_grosze: number;
  vat_grosze: number;
  gross_grosze: number;
}): DocumentVatRow {
  return {
    vatRateBasisPoints: row.vat_rate_basis_points,
    netGrosze: grosze(row.net_grosze),
    vatGrosze: grosze(row.vat_grosze),
    grossGrosze: grosze(row.gross_grosze),
  };
}

/**
 * A correcting invoice stores, per line, the difference (quantity_thousandths, net_grosze, unit price after the
 * correction) and the figures before it (corrected_quantity_thousandths, corrected_net_grosze; null for a line
 * the correction adds). The unit price before is the price on the corrected invoice's matching line. The VAT
 * per rate before the correction is the corrected invoice's, plus every earlier correction in its chain.
 */
async function correctionOf(
  db: Executor,
  correctedId: number,
  reason: string,
  lineRows: LineRow[],
  difference: DocumentVatRow[],
): Promise<CorrectionDetails> {
  const corrected = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'issue_date', 'ksef_number'])
    .where('id', '=', correctedId)
    .executeTakeFirstOrThrow();
  const chain = await correctionChain(db, correctedId);
  const chainRows = await db
    .selectFrom('invoice_vat_summaries')
    .selectAll()
    .where('invoice_id', 'in', chain)
    .execute();
  const vatSummaryBefore = sumByRate(chainRows.map(vatRowOf));
  const vatSummaryAfter = sumByRate([...vatSummaryBefore, ...difference]);

  const unusedOriginals = await linesOf(db, correctedId);
  const linesBefore: DocumentLine[] = [];
  const linesAfter: DocumentLine[] = [];
  for (const row of lineRows) {
    const beforeQuantity = row.corrected_quantity_thousandths;
    const beforeNet = row.corrected_net_grosze;
    if (beforeQuantity !== null && beforeNet !== null) {
      const index = unusedOriginals.findIndex(
        (original) =>
          original.name_pl === row.name_pl &&
          original.unit === row.unit &&
          original.vat_rate_basis_points === row.vat_rate_basis_points,
      );
      const original = index >= 0 ? unusedOriginals.splice(index, 1)[0] : undefined;
      const { estimated: _ofTheCorrection, ...line } = lineOf(row);
      linesBefore.push({
        ...line,
        quantityThousandths: beforeQuantity,
        unitPriceGrosze: grosze(original?.unit_price_grosze ?? row.unit_price_grosze),
        netGrosze: grosze(beforeNet),
        ...(original?.estimated ? { estimated: true } : {}),
      });
    }
    const afterQuantity = (beforeQuantity ?? 0) + row.quantity_thousandths;
    const afterNet = (beforeNet ?? 0) + row.net_grosze;
    // A line whose quantity and value fall to zero was removed by the correction.
    if (afterQuantity !== 0 || afterNet !== 0) {
      linesAfter.push({ ...lineOf(row), quantityThousandths: afterQuantity, netGrosze: grosze(afterNet) });
    }
  }
  const correctedKsefNumber = corrected.ksef_number ?? undefined;
  return {
    correctedNumber: corrected.number,
    correctedIssueDate: corrected.issue_date as CalendarDate,
    ...(correctedKsefNumber ? { correctedKsefNumber } : {}),
    reason,
    linesBefore,
    linesAfter,
    vatSummaryBefore,
    vatSummaryAfter,
    vatSummaryDifference: difference,
    totalsBefore: totalsOf(vatSummaryBefore),
    totalsAfter: totalsOf(vatSummaryAfter),
  };
}

/** The invoice and the invoices it corrects, back to the original. */
async function correctionChain(db: Executor, invoiceId: number): Promise<number[]> {
  const chain: number[] = [];
  let next: number | null = invoiceId;
  while (next !== null) {
    if (chain.includes(next) || chain.length >= MAXIMUM_CORRECTION_CHAIN) {
      throw new Error(`invoice ${invoiceId} has a broken correction chain`);
    }
    chain.push(next);
    const row: { corrects_invoice_id: number | null } = await db
      .selectFrom('invoices')
      .select('corrects_invoice_id')
      .where('id', '=', next)
      .executeTakeFirstOrThrow();
    next = row.corrects_invoice_id;
  }
  return chain;
}

function sumByRate(rows: DocumentVatRow[]): DocumentVatRow[] {
  const byRate = new Map<number, DocumentVatRow>();
  for (const row of rows) {
    const sum = byRate.get(row.vatRateBasisPoints);
    byRate.set(row.vatRateBasisPoints, sum ? { ...row, ...addAmounts(sum, row) } : row);
  }
  return [...byRate.values()].sort((left, right) => right.vatRateBasisPoints - left.vatRateBasisPoints);
}

function addAmounts(left: DocumentVatRow, right: DocumentVatRow) {
  return {
    netGrosze: grosze(left.netGrosze + right.netGrosze),
    vatGrosze: grosze(left.vatGrosze + right.vatGrosze),
    grossGrosze: grosze(left.grossGrosze + right.grossGrosze),
  };
}

function totalsOf(rows: DocumentVatRow[]): DocumentTotals {
  const zero = { vatRateBasisPoints: 0, netGrosze: grosze(0), vatGrosze: grosze(0), grossGrosze: grosze(0) };
  const sum = rows.reduce((total, row) => ({ ...total, ...addAmounts(total, row) }), zero);
  return { net: sum.netGrosze, vat: sum.vatGrosze, gross: sum.grossGrosze };
}

/**
 * Stored addresses are one line ("ul. Długa 5/3, 87-800 Włocławek") or several lines; a printed address block
 * puts the postal code and city on a line of their own.
 */
export function addressLines(address: string): string[] {
  return address
    .split(/\r?\n|, (?=\d{2}-\d{3}\s)/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Notes are stored as texts in both languages ({ code, pl, en }), or as plain strings. */
function notesOf(notes: Json, language: DocumentLanguage): string[] {
  if (!Array.isArray(notes)) return [];
  const texts: string[] = [];
  for (const note of notes) {
    if (typeof note === 'string') texts.push(note);
    else if (note !== null && typeof note === 'object' && !Array.isArray(note)) {
      const text = note[language] ?? note['pl'];
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts;
}
