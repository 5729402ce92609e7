import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, dateOut, id, litres, meterKind, periodQuery } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { readingHistory } from './service.ts';

export const readingKind = z
  .enum(['actual', 'estimated', 'self_reading'])
  .describe(
    'actual: read by the utility (staff or remote); estimated; self_reading: submitted by the customer.',
  );

export const readingEntry = z.object({
  id: z.number().int(),
  date: dateOut,
  valueLitres: litres('Register value.'),
  source: z.enum(['staff', 'amr', 'customer', 'estimate']),
  kind: readingKind,
  status: z
    .enum(['accepted', 'pending', 'rejected'])
    .describe('pending: a self-reading waiting for the office to accept it.'),
  rejectionReason: z.string().nullable(),
  submittedByYou: z.boolean(),
  previousDate: dateOut.nullable().describe('The accepted register value the consumption is counted from.'),
  consumptionLitres: z
    .number()
    .int()
    .nullable()
    .describe('Litres since the previous accepted value; null unless accepted.'),
  days: z.number().int().nullable(),
  averageDailyLitres: z
    .number()
    .int()
    .nullable()
    .describe('Consumption ÷ days, litres per day, rounded half up.'),
});

export const readingsAnswer = z.object({
  meters: z.array(
    z.object({
      meterId: z.number().int(),
      serialNumber: z.string(),
      kind: meterKind,
      servicePointId: z.number().int(),
      active: z.boolean(),
      readings: z.array(readingEntry).describe('Oldest first.'),
    }),
  ),
});
export type ReadingsAnswer = z.infer<typeof readingsAnswer>;

export function readingRoutes(app: PortalApp): void {
  app.get(
    '/readings',
    {
      schema: {
        tags: ['portal'],
        summary: 'Reading history per meter with the consumption between readings',
        querystring: periodQuery.safeExtend({
          meterId: id.optional().describe('Only this meter (404 when it is not yours).'),
        }),
        response: {
          200: readingsAnswer,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const histories = await readingHistory(app.dependencies.database.db, scopeOf(request), request.query);
      return {
        meters: histories.map(({ meter, readings }) => ({
          meterId: meter.id,
          serialNumber: meter.serialNumber,
          kind: meter.kind,
          servicePointId: meter.servicePointId,
          active: meter.removedOn === null,
          readings,
        })),
      };
    },
  );
}
