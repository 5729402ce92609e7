import { z } from 'zod';
import { isValidCalendarDate, type CalendarDate } from '../../domain/index.ts';

/**
 * Building blocks of the portal's request and response schemas. Validation messages are keys of the
 * catalog in validation.ts, answered in the customer's language.
 */

export const isoDate = z
  .string({ error: 'date' })
  .refine((value): value is CalendarDate => isValidCalendarDate(value), { error: 'date' })
  .describe('Calendar date, ISO 8601 (YYYY-MM-DD).');

/** Dates in answers: plain strings, as stored. */
export const dateOut = z.string().describe('Calendar date, ISO 8601 (YYYY-MM-DD).');
export const instantOut = z.string().describe('Instant, ISO 8601 with time zone.');

export const id = z.coerce
  .number({ error: 'id' })
  .int({ error: 'id' })
  .positive({ error: 'id' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'id' });

export const idParams = z.object({ id: id.describe('Identifier taken from a list answer.') });

export const grosze = (description: string) =>
  z.number().int().describe(`${description} Integer grosze (1 zł = 100).`);
export const litres = (description: string) =>
  z.number().int().describe(`${description} Integer litres (1 m³ = 1000 L).`);

export const localizedText = z
  .object({ pl: z.string(), en: z.string() })
  .describe('The same text in Polish and English; the client shows the one of the chosen language.');

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. not_found, validation_failed, conflict.'),
      message: z.string().describe("Human message in the customer's language."),
      fields: z.record(z.string(), z.string()).optional().describe('Per field messages (dotted paths).'),
    }),
  })
  .describe('The one error shape of the API.');

/** Error answers every portal route may give. */
export const commonErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody } as const;

/** A period filter: `from` and `to` are both optional, and from ≤ to when both are given. */
export const periodQuery = z
  .object({
    from: isoDate.optional().describe('First day of the period (inclusive), YYYY-MM-DD.'),
    to: isoDate.optional().describe('Last day of the period (inclusive), YYYY-MM-DD.'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'dateOrder',
    path: ['to'],
  });

export const meterKind = z
  .enum(['main', 'sub', 'sewage'])
  .describe('main water meter, garden sub-meter, or sewage meter.');
