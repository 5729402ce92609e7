import { z } from 'zod';
import { dateOut, grosze } from '../shared/schemas.ts';

/** The money figures of a customer account, as the portal computes them (src/modules/portal/summary/service.ts). */
export const accountSchema = z.object({
  balanceGrosze: grosze('Amounts due − payments: positive = to pay, negative = overpaid.'),
  toPayGrosze: grosze('Outstanding on invoices.'),
  creditGrosze: grosze('Overpayment waiting to be used.'),
  nextDue: z
    .object({
      dueDate: dateOut,
      amountGrosze: grosze('Outstanding on the invoices due that day.'),
      invoices: z.array(z.object({ id: z.number().int(), number: z.string() })),
    })
    .nullable(),
  overdue: z.object({ amountGrosze: grosze('Outstanding after the due date.'), count: z.number().int() }),
  unpaidInvoiceCount: z.number().int(),
});
