import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, dateOut, errorBody, id, isoDate, litres, localizedText } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { submitSelfReading } from './service.ts';

const body = z
  .object({
    meterId: id.describe('A meter of yours (GET /api/v1/me/meters); another id answers 404.'),
    date: isoDate
      .optional()
      .describe('Day of the reading; default today. Not in the future, at most 31 days back.'),
    valueM3: z
      .string({ error: 'valueM3' })
      .trim()
      .regex(/^\d{1,9}(?:[.,]\d{1,3})?$/, { error: 'valueM3' })
      .describe('Register value in m³ as shown on the meter, up to 3 decimals, comma or dot: "123,456".'),
  })
  .strict();

export const selfReadingAnswer = z.object({
  id: z.number().int(),
  meterId: z.number().int(),
  serialNumber: z.string(),
  date: dateOut,
  valueLitres: litres('Register value.'),
  source: z.literal('customer'),
  kind: z.literal('self_reading'),
  status: z.literal('pending').describe('Shown as pending in the history until the office accepts it.'),
  previousDate: dateOut.describe('The accepted register value this reading continues from.'),
  consumptionLitres: litres('Since the previous accepted value.'),
  days: z.number().int(),
  averageDailyLitres: litres('Per day since the previous accepted value.'),
  billingPeriod: z
    .object({ from: dateOut, to: dateOut })
    .describe('The billing period this reading counts for (one per period).'),
  review: z
    .object({
      flagged: z.boolean().describe('Implausible against the history: the office checks it before use.'),
      reasons: z.array(
        z.object({ code: z.enum(['above_daily_limit', 'above_average_multiple']), text: localizedText }),
      ),
    })
    .describe(
      'Flagged when use since the last reading exceeds 10 m³ a day or 5× the 12-month daily average.',
    ),
});

export type SelfReadingAnswer = z.infer<typeof selfReadingAnswer>;

export function selfReadingRoutes(app: PortalApp): void {
  app.post(
    '/readings',
    {
      schema: {
        tags: ['portal'],
        summary: 'Submit a self-reading (samoodczyt); stored as pending for the office to accept',
        description:
          'Requires the X-CSRF-Token header. 400 with fields when the value is below the last accepted reading or ' +
          'the date is wrong; 404 for a meter that is not yours; 409 when this meter already has a self-reading in ' +
          'the billing period, or the meter was removed.',
        body,
        response: { 201: selfReadingAnswer, ...commonErrors, 409: errorBody },
      },
    },
    async (request, reply) => {
      const reading = await submitSelfReading(
        app.dependencies.database,
        scopeOf(request),
        request.body,
        request.ip,
      );
      return reply.code(201).send(reading);
    },
  );
}
