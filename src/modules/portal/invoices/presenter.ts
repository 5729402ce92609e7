import { z } from 'zod';
import { dateOut, grosze, litres, localizedText } from '../schemas.ts';
import type { InvoiceAccount } from './repository.ts';
import type { InvoiceDetailRows } from './detail.ts';

export const invoiceStatusSchema = z
  .enum(['unpaid', 'partly_paid', 'paid', 'overdue'])
  .describe(
    'Derived from payments, corrections and the due date (overdue: money missing after the due date).',
  );

export const invoiceListItem = z.object({
  id: z.number().int(),
  number: z.string().describe('Invoice number, e.g. FV/2026/11/000001 (KOR/... for a correcting invoice).'),
  kind: z.enum(['invoice', 'correction']),
  customerId: z.number().int(),
  servicePointId: z.number().int(),
  servicePointAddress: z.string(),
  issueDate: dateOut,
  saleDate: dateOut,
  dueDate: dateOut,
  periodFrom: dateOut,
  periodTo: dateOut,
  netGrosze: grosze('Net total.'),
  vatGrosze: grosze('VAT total.'),
  grossGrosze: grosze('Gross total as issued (for a correction: the difference it makes, may be negative).'),
  correctionsGrosze: grosze('Sum of the gross differences of the corrections of this invoice.'),
  amountDueGrosze: grosze('Gross + corrections (0 for a correction itself and for a cancelled invoice).'),
  paidGrosze: grosze('Allocated from payments and credit.'),
  outstandingGrosze: grosze('Still to pay: amount due − paid, never negative.'),
  status: invoiceStatusSchema
    .nullable()
    .describe('Null for a correction (it changes its invoice) and for a cancelled invoice.'),
  correctsInvoiceId: z.number().int().nullable(),
  correctsInvoiceNumber: z.string().nullable(),
  estimated: z.boolean().describe('The invoice bills an estimated consumption.'),
  cancelled: z.boolean(),
  delivery: z.enum(['paper', 'email']),
});

export function presentListItem(invoice: InvoiceAccount): z.infer<typeof invoiceListItem> {
  return {
    id: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    customerId: invoice.customerId,
    servicePointId: invoice.servicePointId,
    servicePointAddress: invoice.servicePointAddress,
    issueDate: invoice.issueDate,
    saleDate: invoice.saleDate,
    dueDate: invoice.dueDate,
    periodFrom: invoice.periodFrom,
    periodTo: invoice.periodTo,
    netGrosze: invoice.net,
    vatGrosze: invoice.vat,
    grossGrosze: invoice.gross,
    correctionsGrosze: invoice.corrections,
    amountDueGrosze: invoice.amountDue,
    paidGrosze: invoice.paid,
    outstandingGrosze: invoice.outstanding,
    status: invoice.status,
    correctsInvoiceId: invoice.correctsInvoiceId,
    correctsInvoiceNumber: invoice.correctsInvoiceNumber,
    estimated: invoice.estimated,
    cancelled: invoice.cancelled,
    delivery: invoice.delivery,
  };
}

export const invoiceDetail = invoiceListItem.extend({
  buyerName: z.string(),
  buyerAddress: z.string(),
  buyerNip: z.string().nullable(),
  bankAccount: z.string().describe('The individual account number (NRB, 26 digits) to pay to.'),
  correctionReason: z.string().nullable(),
  notes: z.array(localizedText).describe('Remarks printed on the invoice.'),
  estimate: z
    .object({
      from: dateOut,
      to: dateOut,
      waterLitres: litres('Estimated water.'),
      sewageLitres: litres('Estimated sewage.'),
    })
    .nullable()
    .describe('The estimated period billed by this invoice, settled by the next actual reading.'),
  lines: z.array(
    z.object({
      position: z.number().int(),
      kind: z.string().describe('water, sewage, subscription, …'),
      name: localizedText,
      unit: z.enum(['m3', 'month']),
      quantityThousandths: z
        .number()
        .int()
        .describe('Litres for m³; thousandths of a month for the subscription.'),
      unitPriceGrosze: grosze('Net unit price.'),
      netGrosze: grosze('Net value of the line (for a correction: the difference).'),
      vatRateBasisPoints: z.number().int().describe('800 = 8%.'),
      periodFrom: dateOut.nullable(),
      periodTo: dateOut.nullable(),
      estimated: z.boolean(),
      correctedQuantityThousandths: z
        .number()
        .int()
        .nullable()
        .describe('For a correction: the quantity before it.'),
      correctedNetGrosze: z
        .number()
        .int()
        .nullable()
        .describe('For a correction: the net value before it, grosze.'),
    }),
  ),
  vatSummary: z.array(
    z.object({
      vatRateBasisPoints: z.number().int(),
      netGrosze: grosze('Net at this rate.'),
      vatGrosze: grosze('VAT at this rate.'),
      grossGrosze: grosze('Gross at this rate.'),
    }),
  ),
  readings: z
    .array(
      z.object({
        meterId: z.number().int(),
        meterSerial: z.string(),
        meterKind: z.enum(['main', 'sub', 'sewage']),
        meterRole: z.enum(['main', 'sewage', 'garden']),
        previousDate: dateOut,
        previousValueLitres: litres('Previous register value.'),
        currentDate: dateOut,
        currentValueLitres: z
          .number()
          .int()
          .nullable()
          .describe('Null when the period was estimated, litres.'),
        estimated: z.boolean(),
        consumptionLitres: z
          .number()
          .int()
          .nullable()
          .describe('Litres; null when estimated without a reading.'),
      }),
    )
    .describe('The readings the invoice was computed from.'),
  corrections: z
    .array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        issueDate: dateOut,
        grossGrosze: grosze('Gross difference.'),
        reason: z.string().nullable(),
      }),
    )
    .describe('Correcting invoices of this invoice.'),
  payments: z
    .array(
      z.object({
        paymentId: z.number().int(),
        receivedOn: dateOut,
        channel: z.enum(['online', 'transfer', 'cash_desk', 'refund']),
        allocatedGrosze: grosze('Part of the payment that went to this invoice.'),
      }),
    )
    .describe('Payments (and credit) allocated to this invoice.'),
});

export function presentDetail(
  invoice: InvoiceAccount,
  rows: InvoiceDetailRows,
): z.infer<typeof invoiceDetail> {
  return { ...presentListItem(invoice), ...rows, correctionReason: invoice.correctionReason };
}
