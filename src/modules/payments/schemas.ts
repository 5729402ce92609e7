import { z } from 'zod';

/** Request and answer shapes of the payments API (OpenAPI is generated from them). */

const grosze = (description: string) =>
  z.number().int().describe(`${description} Integer grosze (1 zł = 100).`);
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  503: errorBody,
};

export const invoiceChoice = z.object({
  invoiceIds: z
    .array(id)
    .min(1, 'Wybierz co najmniej jedną fakturę.')
    .max(50, 'Jedną płatnością można opłacić najwyżej 50 faktur.')
    .describe('Invoices to pay (of one customer), each for what is still due on it.'),
});

export const payableItem = z.object({
  id: z.number().int(),
  number: z.string(),
  customerId: z.number().int(),
  issueDate: z.string(),
  dueDate: z.string(),
  amountDueGrosze: grosze('Gross plus corrections.'),
  outstandingGrosze: grosze('Still to pay.'),
  paymentInProgress: z
    .object({ paymentId: z.number().int(), expiresAt: z.string() })
    .nullable()
    .describe('A pending online payment covers this invoice: it cannot be chosen again until that one ends.'),
});

export const payableAnswer = z.object({
  items: z.array(payableItem),
  feeGrosze: grosze('Fee added to every online payment, shown as its own line.'),
});

export const quoteAnswer = z.object({
  customerId: z.number().int(),
  invoices: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      dueDate: z.string(),
      amountGrosze: grosze('Paid for this invoice.'),
    }),
  ),
  invoicesGrosze: grosze('Sum of the invoice lines.'),
  feeGrosze: grosze('The fee, its own line; never taken from the invoices.'),
  totalGrosze: grosze('What the provider charges: invoices + fee.'),
  currency: z.literal('PLN'),
});

export const attemptStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'cancelled']);

export const attemptAnswer = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  status: attemptStatus.describe(
    'pending until the provider confirms; paid, failed, expired or cancelled after.',
  ),
  provider: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  invoices: z.array(
    z.object({ id: z.number().int(), number: z.string(), amountGrosze: grosze('Paid for this invoice.') }),
  ),
  invoicesGrosze: grosze('Sum of the invoices.'),
  feeGrosze: grosze('The fee.'),
  totalGrosze: grosze('Charged by the provider.'),
  currency: z.literal('PLN'),
  redirectUrl: z.string().nullable().describe("The provider's checkout while pending; null otherwise."),
  paymentId: z
    .number()
    .int()
    .nullable()
    .describe('The posted payment once paid (see GET /api/v1/me/payments).'),
  history: z
    .array(z.object({ status: attemptStatus, at: z.string(), reason: z.string().nullable() }))
    .describe('Every state, oldest first.'),
});

const allocations = z.array(
  z.object({ invoiceId: z.number().int(), amountGrosze: grosze('Allocated to this invoice.') }),
);
export const postedAnswer = z.object({ paymentId: z.number().int(), allocations });
export const assignedAnswer = z.object({
  itemId: z.number().int(),
  paymentId: z.number().int(),
  allocations,
});
export const refundAnswer = z.object({
  refundPaymentId: z.number().int(),
  sources: z.array(
    z.object({ paymentId: z.number().int(), amountGrosze: grosze('Returned from this payment.') }),
  ),
});
const importedItem = {
  line: z.number().int(),
  reference: z.string(),
  bookedOn: z.string(),
  amountGrosze: grosze('Signed: debits negative.'),
  title: z.string(),
};
export const importAnswer = z.object({
  importId: z.number().int(),
  alreadyImported: z.boolean().describe('The same file was imported before: nothing changed now.'),
  format: z.enum(['mt940', 'csv']),
  matched: z.array(
    z.object({
      ...importedItem,
      customerId: z.number().int(),
      customerNumber: z.string(),
      method: z.enum(['account', 'invoice_number']),
      paymentId: z.number().int(),
      invoiceIds: z.array(z.number().int()),
    }),
  ),
  unmatched: z.array(z.object({ ...importedItem, itemId: z.number().int() })),
  skipped: z.array(z.object({ ...importedItem, reason: z.enum(['debit', 'duplicate']) })),
  warnings: z.array(z.string()),
});
