import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../dates.ts';
import { isValidNip } from '../identifiers.ts';
import { grosze } from '../money.ts';
import { calculateCorrection } from './correction.ts';
import { calculateInvoice, type InvoiceInput } from './invoice.ts';
import { computeLedger } from './ledger.ts';
import type {
  BilledEstimate,
  CustomerGroup,
  Meter,
  MeterReading,
  MeterRole,
  TariffVersion,
} from './types.ts';

/**
 * Runs every case of docs/billing-examples.md: the JSON blocks are the inputs, the markdown tables the
 * hand-computed expectations. A case without expectations (or a table row without a case) fails too.
 */

const markdown = readFileSync(new URL('../../../docs/billing-examples.md', import.meta.url), 'utf8');

type Row = Record<string, string>;

function tables(text: string): Row[][] {
  const result: Row[][] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length >= 2) {
      const cells = (line: string): string[] =>
        line
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((cell) => cell.trim());
      const header = cells(block[0] ?? '');
      result.push(
        block
          .slice(2)
          .map((line) => Object.fromEntries(cells(line).map((cell, index) => [header[index] ?? '', cell]))),
      );
    }
    block = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) block.push(line);
    else flush();
  }
  flush();
  return result;
}

function rowsWith(columns: readonly string[]): Row[] {
  return tables(markdown)
    .filter((table) => table[0] !== undefined && columns.every((column) => column in (table[0] ?? {})))
    .flat();
}

const field = (row: Row, column: string): string => {
  const value = row[column];
  if (value === undefined) throw new Error(`Missing column ${column}`);
  return value;
};
const integer = (row: Row, column: string): number => {
  const text = field(row, column);
  if (!/^-?\d+$/.test(text)) throw new Error(`Column ${column} is not an integer: "${text}"`);
  return Number(text);
};

interface GoldenMeter {
  id: string;
  role?: MeterRole;
  installedOn?: string;
  removedOn?: string;
  legalizationExpiry?: string;
  registerDigits?: number;
}
interface GoldenReading {
  id: string;
  meterId: string;
  date: string;
  valueLitres: number;
  supersedesId?: string;
}
interface GoldenCase {
  case: string;
  type: 'invoice' | 'correction' | 'ledger';
  period?: { from: string; to: string };
  customerGroup?: CustomerGroup;
  buyerNip?: string;
  meters?: GoldenMeter[];
  readings?: GoldenReading[];
  correctedReadings?: GoldenReading[];
  billedEstimates?: Array<{ from: string; to: string; waterLitres: number; sewageLitres: number }>;
  estimation?: { normLitresPerDay: number };
  correctedInvoiceNumber?: string;
  reason?: string;
  today?: string;
  invoices?: Array<{ id: string; issueDate: string; dueDate: string; gross: number }>;
  corrections?: Array<{ id: string; invoiceId: string; issueDate: string; grossDifference: number }>;
  payments?: Array<{ id: string; date: string; amount: number; invoiceIds?: string[] }>;
}
interface GoldenTariff {
  validFrom: string;
  customerGroup: CustomerGroup;
  water: number;
  sewage: number;
  subscription: number;
  vat: number;
}

const tariffBlock = /```json golden-tariffs\n([\s\S]*?)```/.exec(markdown)?.[1];
if (!tariffBlock) throw new Error('docs/billing-examples.md has no golden-tariffs block');
const tariffs: TariffVersion[] = (JSON.parse(tariffBlock) as GoldenTariff[]).map((tariff) => ({
  validFrom: calendarDate(tariff.validFrom),
  customerGroup: tariff.customerGroup,
  waterPricePerCubicMetre: grosze(tariff.water),
  sewagePricePerCubicMetre: grosze(tariff.sewage),
  subscriptionPerMonth: grosze(tariff.subscription),
  vatRateBasisPoints: tariff.vat,
}));

const cases = [...markdown.matchAll(/```json golden\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1] ?? '') as GoldenCase,
);

const toMeter = (meter: GoldenMeter): Meter => ({
  id: meter.id,
  role: meter.role ?? 'main',
  installedOn: calendarDate(meter.installedOn ?? '2020-01-01'),
  removedOn: meter.removedOn ? calendarDate(meter.removedOn) : null,
  legalizationExpiry: calendarDate(meter.legalizationExpiry ?? '2030-12-31'),
  registerDigits: meter.registerDigits ?? null,
});
const toReading = (reading: GoldenReading): MeterReading => ({
  ...reading,
  date: calendarDate(reading.date),
  supersedesId: reading.supersedesId ?? null,
});

function invoiceInput(golden: GoldenCase, extraReadings: readonly GoldenReading[] = []): InvoiceInput {
  if (!golden.period || !golden.customerGroup)
    throw new Error(`${golden.case}: period and customerGroup are required`);
  return {
    period: { from: calendarDate(golden.period.from), to: calendarDate(golden.period.to) },
    customerGroup: golden.customerGroup,
    meters: (golden.meters ?? []).map(toMeter),
    readings: [...(golden.readings ?? []), ...extraReadings].map(toReading),
    tariffs,
    billedEstimates: (golden.billedEstimates ?? []).map((estimate): BilledEstimate => ({
      ...estimate,
      from: calendarDate(estimate.from),
      to: calendarDate(estimate.to),
    })),
    estimation: golden.estimation ?? null,
  };
}

const ofCase = (rows: readonly Row[], id: string): Row[] => rows.filter((row) => row.case === id);
const lineRows = rowsWith(['case', 'kind', 'from', 'to', 'quantity', 'unit price', 'net', 'VAT bp']);
const totalRows = rowsWith(['case', 'net', 'VAT', 'gross', 'estimated', 'notes']);
const correctionLineRows = rowsWith([
  'case',
  'kind',
  'quantity before',
  'quantity after',
  'net before',
  'net after',
  'net difference',
]);
const correctionTotalRows = rowsWith(['case', 'net difference', 'VAT difference', 'gross difference']);
const ledgerInvoiceRows = rowsWith(['case', 'invoice', 'gross', 'paid', 'outstanding', 'status']);
const ledgerBalanceRows = rowsWith(['case', 'balance', 'credit']);

describe('golden cases of docs/billing-examples.md', () => {
  it('has at least 15 cases, each with expectations, and no expectations without a case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const ids = new Set(cases.map((golden) => golden.case));
    expect(ids.size).toBe(cases.length);
    for (const row of [
      ...lineRows,
      ...totalRows,
      ...correctionLineRows,
      ...correctionTotalRows,
      ...ledgerInvoiceRows,
      ...ledgerBalanceRows,
    ]) {
      expect(ids.has(field(row, 'case')), `table row for unknown case ${row.case}`).toBe(true);
    }
  });

  for (const golden of cases.filter((candidate) => candidate.type === 'invoice')) {
    it(`${golden.case}: invoice`, () => {
      const result = calculateInvoice(invoiceInput(golden));
      const expectedLines = ofCase(lineRows, golden.case);
      expect(expectedLines.length).toBeGreaterThan(0);
      expect(
        result.lines.map((line) => [
          line.kind,
          line.periodFrom,
          line.periodTo,
          line.quantityThousandths,
          line.unitNetPrice,
          line.netValue,
          line.vatRateBasisPoints,
        ]),
      ).toEqual(
        expectedLines.map((row) => [
          field(row, 'kind'),
          field(row, 'from'),
          field(row, 'to'),
          integer(row, 'quantity'),
          integer(row, 'unit price'),
          integer(row, 'net'),
          integer(row, 'VAT bp'),
        ]),
      );
      const [totals] = ofCase(totalRows, golden.case);
      if (!totals) throw new Error(`${golden.case} has no totals row`);
      expect(result.totals).toEqual({
        net: integer(totals, 'net'),
        vat: integer(totals, 'VAT'),
        gross: integer(totals, 'gross'),
      });
      expect(result.estimated).toBe(field(totals, 'estimated') === 'yes');
      const expectedNotes = field(totals, 'notes')
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== '');
      expect(result.notes.map((note) => note.code).sort()).toEqual([...expectedNotes].sort());
      if (golden.buyerNip !== undefined) expect(isValidNip(golden.buyerNip)).toBe(true);
    });
  }

  for (const golden of cases.filter((candidate) => candidate.type === 'correction')) {
    it(`${golden.case}: correction`, () => {
      const original = calculateInvoice(invoiceInput(golden));
      const corrected = calculateInvoice(invoiceInput(golden, golden.correctedReadings ?? []));
      const correction = calculateCorrection({
        correctedInvoiceNumber: golden.correctedInvoiceNumber ?? '',
        reason: golden.reason ?? '',
        original: original.lines,
        corrected: corrected.lines,
      });
      expect(
        correction.lines.map((line) => [
          line.kind,
          line.before?.quantityThousandths,
          line.after?.quantityThousandths,
          line.before?.netValue,
          line.after?.netValue,
          line.difference.netValue,
        ]),
      ).toEqual(
        ofCase(correctionLineRows, golden.case).map((row) => [
          field(row, 'kind'),
          integer(row, 'quantity before'),
          integer(row, 'quantity after'),
          integer(row, 'net before'),
          integer(row, 'net after'),
          integer(row, 'net difference'),
        ]),
      );
      const [totals] = ofCase(correctionTotalRows, golden.case);
      if (!totals) throw new Error(`${golden.case} has no totals row`);
      expect(correction.totalsDifference).toEqual({
        net: integer(totals, 'net difference'),
        vat: integer(totals, 'VAT difference'),
        gross: integer(totals, 'gross difference'),
      });
    });
  }

  for (const golden of cases.filter((candidate) => candidate.type === 'ledger')) {
    it(`${golden.case}: account`, () => {
      const state = computeLedger(
        (golden.invoices ?? []).map((invoice) => ({
          ...invoice,
          issueDate: calendarDate(invoice.issueDate),
          dueDate: calendarDate(invoice.dueDate),
          gross: grosze(invoice.gross),
        })),
        (golden.corrections ?? []).map((correction) => ({
          ...correction,
          issueDate: calendarDate(correction.issueDate),
          grossDifference: grosze(correction.grossDifference),
        })),
        (golden.payments ?? []).map((payment) => ({
          ...payment,
          date: calendarDate(payment.date),
          amount: grosze(payment.amount),
        })),
        calendarDate(golden.today ?? ''),
      );
      const expectedInvoices = ofCase(ledgerInvoiceRows, golden.case);
      expect(expectedInvoices.length).toBeGreaterThan(0);
      expect(
        state.invoices.map((invoice) => [
          invoice.invoiceId,
          invoice.gross,
          invoice.paid,
          invoice.outstanding,
          invoice.status,
        ]),
      ).toEqual(
        expectedInvoices.map((row) => [
          field(row, 'invoice'),
          integer(row, 'gross'),
          integer(row, 'paid'),
          integer(row, 'outstanding'),
          field(row, 'status'),
        ]),
      );
      const [balance] = ofCase(ledgerBalanceRows, golden.case);
      if (!balance) throw new Error(`${golden.case} has no balance row`);
      expect([state.balance, state.credit]).toEqual([
        integer(balance, 'balance'),
        integer(balance, 'credit'),
      ]);
    });
  }
});
