import { z } from 'zod';
import { addMonths, startOfMonth, type CalendarDate } from '../../../domain/index.ts';
import { AppError } from '../../../http/errors.ts';
import { localize } from '../../../http/language.ts';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, dateOut, id, isoDate } from '../schemas.ts';
import { scopeOf, type PortalScope } from '../scope.ts';
import { attachmentHeaders } from '../../../http/file-answer.ts';
import { cubicMetres, toCsv } from '../csv.ts';
import { validationFailed, validationMessages } from '../validation.ts';
import { consumptionReport } from './service.ts';

export const MAXIMUM_PERIOD_YEARS = 10;

const query = z
  .object({
    from: isoDate
      .optional()
      .describe('First day (inclusive). Default: the first day of the month 11 months ago.'),
    to: isoDate.optional().describe('Last day (inclusive). Default: today.'),
    servicePointId: id.optional().describe('Only this service point (404 when it is not yours).'),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    error: 'dateOrder',
    path: ['to'],
  });

/**
 * Without dates: the last 12 months up to today (the chart's default preset); without `to`: up to today or
 * `from`, whichever is later. The 10-year limit is checked after the defaults, so it holds for every answer.
 */
function period(scope: PortalScope, value: { from?: CalendarDate; to?: CalendarDate }) {
  const to = value.to ?? (value.from && value.from > scope.today ? value.from : scope.today);
  const from = value.from ?? startOfMonth(addMonths(to, -11));
  if (to >= addMonths(from, 12 * MAXIMUM_PERIOD_YEARS)) {
    throw new AppError('validation_failed', localize(validationFailed, scope.language), {
      to: localize(validationMessages['periodTooLong']!, scope.language),
    });
  }
  return { from, to };
}

const volumes = {
  waterLitres: z.number().int().describe('Water (main meters), litres.'),
  sewageLitres: z
    .number()
    .int()
    .describe('Sewage: water minus the valid sub-meter deduction, or the sewage meter; litres.'),
  subMeterLitres: z
    .number()
    .int()
    .describe('Garden sub-meter water, litres (deducted only while its legalization is valid).'),
  coveredDays: z.number().int().describe('Days with readings on both sides; the average is over these days.'),
  averageDailyWaterLitres: z
    .number()
    .int()
    .nullable()
    .describe('Water ÷ covered days, litres per day; null without data.'),
};
const month = z.object({
  month: z.string().describe('YYYY-MM'),
  from: dateOut,
  to: dateOut,
  days: z.number().int().describe('Days of the month inside the period.'),
  ...volumes,
});
const totals = z.object({ days: z.number().int(), ...volumes });

export const consumptionAnswer = z.object({
  from: dateOut,
  to: dateOut,
  months: z.array(month.extend({ previousYear: month.describe('The same month a year earlier.') })),
  totals,
  previousYear: z.object({ from: dateOut, to: dateOut, totals }),
});
export type ConsumptionAnswer = z.infer<typeof consumptionAnswer>;

export function consumptionRoutes(app: PortalApp): void {
  app.get(
    '/consumption',
    {
      schema: {
        tags: ['portal'],
        summary:
          'Consumption analysis for any period: monthly water, sewage and sub-meter volumes with the year before',
        description:
          'Consumption between two readings is spread evenly over the days between them and summed per month ' +
          '(cumulative rounding keeps every litre). At most 10 years; `from` ≤ `to`.',
        querystring: query,
        response: {
          200: consumptionAnswer,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      return consumptionReport(app.dependencies.database.db, scope, {
        ...period(scope, request.query),
        ...(request.query.servicePointId !== undefined
          ? { servicePointId: request.query.servicePointId }
          : {}),
      });
    },
  );

  app.get(
    '/consumption.csv',
    {
      schema: {
        tags: ['portal'],
        summary:
          'The consumption analysis as CSV for spreadsheets (Polish Excel: UTF-8 with BOM, semicolons, decimal comma)',
        querystring: query,
        response: {
          200: { description: 'text/csv attachment', content: { 'text/csv': { schema: z.string() } } },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const { from, to } = period(scope, request.query);
      const report = await consumptionReport(app.dependencies.database.db, scope, {
        from,
        to,
        ...(request.query.servicePointId !== undefined
          ? { servicePointId: request.query.servicePointId }
          : {}),
      });
      const rows = report.months.map((entry) => [
        entry.month,
        entry.from,
        entry.to,
        entry.coveredDays,
        cubicMetres(entry.waterLitres),
        cubicMetres(entry.sewageLitres),
        cubicMetres(entry.subMeterLitres),
        entry.averageDailyWaterLitres,
        cubicMetres(entry.previousYear.waterLitres),
        cubicMetres(entry.previousYear.sewageLitres),
      ]);
      const total = report.totals;
      rows.push([
        'Razem',
        from,
        to,
        total.coveredDays,
        cubicMetres(total.waterLitres),
        cubicMetres(total.sewageLitres),
        cubicMetres(total.subMeterLitres),
        total.averageDailyWaterLitres,
        cubicMetres(report.previousYear.totals.waterLitres),
        cubicMetres(report.previousYear.totals.sewageLitres),
      ]);
      const csv = toCsv(
        [
          'Miesiąc',
          'Od',
          'Do',
          'Dni z odczytami',
          'Woda [m³]',
          'Ścieki [m³]',
          'Podlicznik [m³]',
          'Średnio na dobę [l]',
          'Woda rok wcześniej [m³]',
          'Ścieki rok wcześniej [m³]',
        ],
        rows,
      );
      return reply
        .headers(attachmentHeaders(`zuzycie-${from}-${to}.csv`, 'text/csv; charset=utf-8'))
        .send(csv);
    },
  );
}
