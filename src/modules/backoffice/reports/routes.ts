import { zlote } from '../../portal/csv.ts';
import { API, sendCsv, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { readErrors } from '../shared/schemas.ts';
import { eInvoiceAdoption, portalAdoption } from './adoption.ts';
import { billingPeriods } from './billing-periods.ts';
import { legalizationWorkList } from './legalization.ts';
import { receivablesAging } from './receivables.ts';
import {
  agingQuery,
  agingReport,
  billingPeriodsQuery,
  billingPeriodsReport,
  eInvoiceAdoptionReport,
  legalizationQuery,
  legalizationReport,
  monthsQuery,
  portalAdoptionReport,
} from './schemas.ts';

const tags = ['back office: reports'];
const csvNote =
  'With format=csv: every row (no paging) as a CSV download (UTF-8 with BOM, semicolons, decimal commas).';

export function reportRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/reports/receivables-aging`,
    {
      schema: {
        tags,
        summary: 'Receivables aging by customer: not due, 1–30, 31–60, 61–90, over 90 days',
        description: csvNote,
        querystring: agingQuery,
        response: { 200: agingReport, ...readErrors },
      },
    },
    async (request, reply) => {
      const context = staffContextOf(request);
      const csv = request.query.format === 'csv';
      const report = await receivablesAging(context.database.db, context.today, csv ? null : request.query);
      if (!csv) return report;
      return sendCsv(
        reply,
        `naleznosci-${report.asOf}.csv`,
        [
          'Numer klienta',
          'Klient',
          'Najstarszy termin',
          'Niewymagalne',
          '1-30 dni',
          '31-60 dni',
          '61-90 dni',
          'Powyżej 90 dni',
          'Razem',
        ],
        report.items.map((row) => [
          row.customerNumber,
          row.name,
          row.oldestOverdueDueDate,
          zlote(row.notDueGrosze),
          zlote(row.days1To30Grosze),
          zlote(row.days31To60Grosze),
          zlote(row.days61To90Grosze),
          zlote(row.over90Grosze),
          zlote(row.totalGrosze),
        ]),
      );
    },
  );

  app.get(
    `${API}/reports/billing-periods`,
    {
      schema: {
        tags,
        summary: 'Billing summary per period: invoices, net, VAT, gross, estimates, deliveries, corrections',
        description: csvNote,
        querystring: billingPeriodsQuery,
        response: { 200: billingPeriodsReport, ...readErrors },
      },
    },
    async (request, reply) => {
      const report = await billingPeriods(staffContextOf(request).database.db, request.query);
      if (request.query.format !== 'csv') return report;
      return sendCsv(
        reply,
        'rozliczenia-okresy.csv',
        [
          'Okres',
          'Status',
          'Punkty',
          'Niezafakturowane',
          'Faktury',
          'Netto',
          'VAT',
          'Brutto',
          'Szacunkowe',
          'E-mail',
          'Papier',
          'Korekty',
          'Korekty brutto',
        ],
        report.items.map((row) => [
          row.period,
          row.status,
          row.servicePointCount,
          row.notBilledCount,
          row.invoiceCount,
          zlote(row.netGrosze),
          zlote(row.vatGrosze),
          zlote(row.grossGrosze),
          row.estimatedCount,
          row.emailCount,
          row.paperCount,
          row.correctionCount,
          zlote(row.correctionGrossGrosze),
        ]),
      );
    },
  );

  app.get(
    `${API}/reports/e-invoice-adoption`,
    {
      schema: {
        tags,
        summary:
          'e-invoice adoption by month: active consents and their share, grants, withdrawals, e-mail vs paper invoices',
        description: csvNote,
        querystring: monthsQuery,
        response: { 200: eInvoiceAdoptionReport, ...readErrors },
      },
    },
    async (request, reply) => {
      const context = staffContextOf(request);
      const report = await eInvoiceAdoption(context.database.db, context.today, request.query.months);
      if (request.query.format !== 'csv') return report;
      return sendCsv(
        reply,
        'e-faktury-adopcja.csv',
        [
          'Miesiąc',
          'Odbiorcy',
          'Aktywne zgody',
          'Udział %',
          'Udzielone',
          'Wycofane',
          'Faktury e-mail',
          'Faktury papierowe',
        ],
        report.items.map((row) => [
          row.month,
          row.customers,
          row.activeConsents,
          String(row.sharePercent).replace('.', ','),
          row.granted,
          row.withdrawn,
          row.emailInvoices,
          row.paperInvoices,
        ]),
      );
    },
  );

  app.get(
    `${API}/reports/portal-adoption`,
    {
      schema: {
        tags,
        summary: 'Portal adoption by month: registered customers and their share, new logins; activity today',
        description: csvNote,
        querystring: monthsQuery,
        response: { 200: portalAdoptionReport, ...readErrors },
      },
    },
    async (request, reply) => {
      const context = staffContextOf(request);
      const report = await portalAdoption(
        context.database.db,
        context.today,
        request.query.months,
        context.now,
      );
      if (request.query.format !== 'csv') return report;
      return sendCsv(
        reply,
        'ibok-adopcja.csv',
        ['Miesiąc', 'Odbiorcy', 'Zarejestrowani', 'Udział %', 'Nowe konta'],
        report.items.map((row) => [
          row.month,
          row.customers,
          row.registeredCustomers,
          String(row.sharePercent).replace('.', ','),
          row.newLogins,
        ]),
      );
    },
  );

  app.get(
    `${API}/reports/legalization-expiring`,
    {
      schema: {
        tags,
        summary:
          'Work list: installed meters whose legalization expires within N months (or expired), soonest first',
        description: csvNote,
        querystring: legalizationQuery,
        response: { 200: legalizationReport, ...readErrors },
      },
    },
    async (request, reply) => {
      const context = staffContextOf(request);
      const csv = request.query.format === 'csv';
      const report = await legalizationWorkList(
        context.database.db,
        context.today,
        request.query.months,
        csv ? null : request.query,
      );
      if (!csv) return report;
      return sendCsv(
        reply,
        `legalizacja-do-${report.until}.csv`,
        [
          'Numer wodomierza',
          'Rodzaj',
          'Rok legalizacji',
          'Ważna do',
          'Status',
          'Dni',
          'Punkt poboru',
          'Adres',
          'Numer klienta',
          'Klient',
          'Telefon',
        ],
        report.items.map((row) => [
          row.serialNumber,
          row.kind,
          row.legalizationYear,
          row.expiresOn,
          row.status,
          row.daysLeft,
          row.servicePointCode,
          row.address,
          row.customer?.customerNumber ?? null,
          row.customer?.name ?? null,
          row.customer?.phone ?? null,
        ]),
      );
    },
  );
}
