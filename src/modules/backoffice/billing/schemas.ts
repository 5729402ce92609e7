import { z } from 'zod';
import { invoiceDetail } from '../../portal/invoices/presenter.ts';
import {
  dateOut,
  grosze,
  id,
  instantOut,
  isoDate,
  litres,
  pageOf,
  period,
  reason,
} from '../shared/schemas.ts';

export const startRunBody = z.object({
  period: period.describe('The month whose billing cycles end: YYYY-MM; it must have ended.'),
  issueDate: isoDate
    .optional()
    .describe('Issue date of the invoices (after the period, not in the future); default today.'),
});

export const periodParams = z.object({ period });

export const runStatus = z.object({
  period: z.string(),
  job: z
    .object({
      id: z.number().int(),
      status: z.enum(['queued', 'running', 'done', 'failed']),
      attempts: z.number().int(),
      maxAttempts: z.number().int(),
      lastError: z.string().nullable(),
      issueDate: dateOut.nullable(),
      queuedAt: instantOut,
      startedAt: instantOut.nullable(),
      finishedAt: instantOut.nullable(),
    })
    .nullable()
    .describe(
      'The latest job of the period on the queue "billing-run" (null for a run started from the CLI).',
    ),
  run: z
    .object({
      id: z.number().int(),
      status: z.enum(['running', 'completed', 'failed']),
      servicePointCount: z.number().int().describe('Service points to bill in this period.'),
      invoiceCount: z.number().int().describe('Invoices issued so far (moves after each committed batch).'),
      startedAt: instantOut,
      finishedAt: instantOut.nullable(),
      lastError: z.string().nullable().describe('For a completed run: how many points could not be billed.'),
      startedBy: z.string().nullable(),
    })
    .nullable()
    .describe('Null until the job starts.'),
  percent: z
    .number()
    .int()
    .describe(
      'invoiceCount / servicePointCount, 100 when completed; for a progress bar (poll every few seconds).',
    ),
});
export const runPage = pageOf(runStatus);

export const runSummary = z.object({
  period: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  servicePointCount: z.number().int(),
  notBilledCount: z
    .number()
    .int()
    .describe('Points the run could not bill (e.g. no tariff, no contract data).'),
  lastError: z.string().nullable(),
  invoiceCount: z.number().int(),
  netGrosze: grosze('Net total of the invoices of the run.'),
  vatGrosze: grosze('VAT total.'),
  grossGrosze: grosze('Gross total.'),
  estimatedCount: z.number().int().describe('Invoices billing an estimate.'),
  emailCount: z.number().int(),
  paperCount: z.number().int(),
  correctionCount: z.number().int().describe('Correcting invoices issued since for invoices of this run.'),
  correctionGrossGrosze: grosze('Sum of their gross differences.'),
  anomalies: z.array(
    z.object({
      kind: z.literal('high_consumption'),
      invoiceId: z.number().int(),
      invoiceNumber: z.string(),
      customerId: z.number().int(),
      customerName: z.string(),
      servicePointId: z.number().int(),
      servicePointAddress: z.string(),
      periodFrom: dateOut,
      periodTo: dateOut,
      estimated: z.boolean(),
      consumptionLitres: litres('Water billed for the period.'),
      dailyLitres: litres('Per day in the period.'),
      averageDailyLitres: litres("Per day over the point's invoices of the previous year."),
      ratio: z.number().describe('dailyLitres / averageDailyLitres (> 3 is listed).'),
    }),
  ),
});

export const invoiceListQuery = z.object({
  q: z
    .string({ error: 'query' })
    .trim()
    .max(40, { error: 'query' })
    .optional()
    .describe('Invoice number prefix, e.g. "FV/2026/11".'),
  customerId: id.optional(),
  servicePointId: id.optional(),
  period: period.optional().describe('Billing run period.'),
  kind: z.enum(['invoice', 'correction'], { error: 'choice' }).optional(),
  estimated: z.enum(['true', 'false'], { error: 'choice' }).optional(),
});

export const staffInvoiceItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: z.enum(['invoice', 'correction']),
  customerId: z.number().int(),
  customerNumber: z.string(),
  buyerName: z.string(),
  servicePointId: z.number().int(),
  servicePointAddress: z.string(),
  billingPeriod: z.string().nullable(),
  issueDate: dateOut,
  dueDate: dateOut,
  periodFrom: dateOut,
  periodTo: dateOut,
  netGrosze: grosze('Net.'),
  vatGrosze: grosze('VAT.'),
  grossGrosze: grosze('Gross (for a correction: its difference).'),
  correctionsGrosze: grosze('Gross differences of its corrections.'),
  amountDueGrosze: grosze('Gross + corrections (0 for a correction or cancelled invoice).'),
  paidGrosze: grosze('Allocated.'),
  outstandingGrosze: grosze('Still to pay.'),
  status: z.enum(['unpaid', 'partly_paid', 'paid', 'overdue']).nullable(),
  estimated: z.boolean(),
  cancelled: z.boolean(),
  delivery: z.enum(['paper', 'email']),
  correctsInvoiceId: z.number().int().nullable(),
});
export const staffInvoicePage = pageOf(staffInvoiceItem);
export { invoiceDetail };

export const correctionBody = z.object({
  reason: reason.describe('Printed on the correcting invoice (VAT act art. 106j).'),
  mode: z
    .enum(['recalculate', 'cancel'], { error: 'choice' })
    .default('recalculate')
    .describe('recalculate from the current readings and tariffs, or cancel (reduce to zero).'),
});

export const correctionResult = z.object({
  correctionId: z.number().int(),
  number: z.string().describe('KOR/… number.'),
  correctedInvoiceNumber: z.string(),
  reason: z.string(),
  grossBeforeGrosze: grosze('The invoice as corrected so far.'),
  grossAfterGrosze: grosze('After this correction.'),
  differenceGrosze: grosze('This correction (may be negative).'),
});
