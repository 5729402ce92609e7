import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { legalizationStatusSchema } from '../meters/presenter.ts';
import { readingKind } from '../readings/routes.ts';
import { commonErrors, dateOut, grosze, instantOut, litres, localizedText, meterKind } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { summary } from './service.ts';

const lastReading = z
  .object({
    meterId: z.number().int(),
    meterSerial: z.string(),
    date: dateOut,
    valueLitres: litres('Register value.'),
    kind: readingKind,
  })
  .nullable()
  .describe('Latest accepted reading of the main meter.');

const customerSummary = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  name: z.string(),
  role: z.enum(['holder', 'manager']),
  balanceGrosze: grosze('Amounts due − payments: positive = to pay, negative = overpaid.'),
  toPayGrosze: grosze('Outstanding on invoices.'),
  creditGrosze: grosze('Overpayment waiting to be used for the next invoice.'),
  nextDue: z
    .object({
      dueDate: dateOut,
      amountGrosze: grosze('Outstanding on the invoices due that day.'),
      invoices: z.array(z.object({ id: z.number().int(), number: z.string() })),
    })
    .nullable()
    .describe('The nearest due date today or later with money outstanding.'),
  overdue: z.object({ amountGrosze: grosze('Outstanding after the due date.'), count: z.number().int() }),
  unpaidInvoiceCount: z.number().int().describe('Invoices with money outstanding (overdue included).'),
  lastReading,
  legalizationWarnings: z
    .array(
      z.object({
        meterId: z.number().int(),
        serialNumber: z.string(),
        kind: meterKind,
        servicePointId: z.number().int(),
        expiresOn: dateOut,
        status: legalizationStatusSchema,
        meaning: z.object({ key: z.string(), text: localizedText }),
      }),
    )
    .describe('Active meters whose legalization expires within 90 days or has expired.'),
  eInvoice: z
    .object({ active: z.boolean(), email: z.string().nullable(), since: instantOut.nullable() })
    .describe('e-invoice consent: the latest recorded decision.'),
  servicePoints: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      address: z.string(),
      customerGroup: z.enum(['household', 'other']),
      contracts: z.array(
        z.object({
          number: z.string(),
          services: z.enum(['water', 'sewage', 'water_and_sewage']),
          validFrom: dateOut,
          validTo: dateOut.nullable(),
        }),
      ),
      lastReading,
    }),
  ),
});

export const summaryAnswer = z.object({ today: dateOut, customers: z.array(customerSummary) });
export type SummaryAnswer = z.infer<typeof summaryAnswer>;

export function summaryRoutes(app: PortalApp): void {
  app.get(
    '/summary',
    {
      schema: {
        tags: ['portal'],
        summary:
          'Dashboard: balance, next due date, overdue, last reading, legalization warnings, e-invoice, service points',
        description: 'One entry per customer account the login holds (a manager may hold several).',
        response: { 200: summaryAnswer, ...commonErrors },
      },
    },
    async (request) => summary(app.dependencies.database.db, scopeOf(request)),
  );
}
