import { z } from 'zod';
import { dateOut, formatQuery, grosze, pageOf, pageQuery, period } from '../shared/schemas.ts';

const buckets = {
  notDueGrosze: grosze('Not yet due.'),
  days1To30Grosze: grosze('1–30 days past due.'),
  days31To60Grosze: grosze('31–60 days past due.'),
  days61To90Grosze: grosze('61–90 days past due.'),
  over90Grosze: grosze('More than 90 days past due.'),
  totalGrosze: grosze('All outstanding.'),
};

export const agingQuery = formatQuery.extend(pageQuery.shape);
export const agingReport = pageOf(
  z.object({
    customerId: z.number().int(),
    customerNumber: z.string(),
    name: z.string(),
    oldestOverdueDueDate: dateOut.nullable(),
    ...buckets,
  }),
).extend({ asOf: dateOut, totals: z.object(buckets).describe('All customers, all pages.') });

export const billingPeriodsQuery = formatQuery.extend({ from: period.optional(), to: period.optional() });
export const billingPeriodsReport = z.object({
  items: z.array(
    z.object({
      period: z.string(),
      status: z.enum(['running', 'completed', 'failed']),
      servicePointCount: z.number().int(),
      notBilledCount: z.number().int(),
      invoiceCount: z.number().int(),
      netGrosze: grosze('Net.'),
      vatGrosze: grosze('VAT.'),
      grossGrosze: grosze('Gross.'),
      estimatedCount: z.number().int(),
      emailCount: z.number().int(),
      paperCount: z.number().int(),
      correctionCount: z.number().int(),
      correctionGrossGrosze: grosze('Gross differences of corrections issued since.'),
    }),
  ),
});

const months = z.coerce
  .number({ error: 'whole' })
  .int({ error: 'whole' })
  .min(1, { error: 'whole' })
  .max(60, { error: 'whole' });
export const monthsQuery = formatQuery.extend({
  months: months.default(12).describe('How many months back, this month included.'),
});

export const eInvoiceAdoptionReport = z.object({
  items: z.array(
    z.object({
      month: z.string().describe('YYYY-MM.'),
      customers: z.number().int().describe('Customers under contract at the month end.'),
      activeConsents: z
        .number()
        .int()
        .describe('Of them (and others), customers whose latest consent at the month end was a grant.'),
      sharePercent: z.number().describe('activeConsents / customers × 100, one decimal.'),
      granted: z.number().int(),
      withdrawn: z.number().int(),
      emailInvoices: z.number().int(),
      paperInvoices: z.number().int(),
    }),
  ),
});

export const portalAdoptionReport = z.object({
  logins: z.number().int().describe('Portal logins not disabled.'),
  verifiedLogins: z.number().int(),
  activeLast30Days: z.number().int(),
  withTwoFactor: z.number().int(),
  items: z.array(
    z.object({
      month: z.string(),
      customers: z.number().int(),
      registeredCustomers: z.number().int().describe('Customers held by a verified login at the month end.'),
      sharePercent: z.number(),
      newLogins: z.number().int(),
    }),
  ),
});

export const legalizationQuery = formatQuery.extend(pageQuery.shape).extend({
  months: months.default(3).describe('Expiring within this many months (expired ones included).'),
});
export const legalizationReport = pageOf(
  z.object({
    meterId: z.number().int(),
    serialNumber: z.string(),
    kind: z.enum(['main', 'sub', 'sewage']),
    legalizationYear: z.number().int(),
    expiresOn: dateOut,
    status: z.enum(['valid', 'expiring', 'expired']),
    daysLeft: z.number().int().describe('Negative: expired that many days ago.'),
    servicePointId: z.number().int(),
    servicePointCode: z.string(),
    address: z.string(),
    customer: z
      .object({
        id: z.number().int(),
        customerNumber: z.string(),
        name: z.string(),
        phone: z.string().nullable(),
      })
      .nullable(),
  }),
).extend({ until: dateOut });
