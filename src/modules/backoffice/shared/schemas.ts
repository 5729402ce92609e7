import { z } from 'zod';
import { isValidCalendarDate } from '../../../domain/index.ts';

/**
 * Building blocks of the back office's request and answer schemas. Validation errors name a key of the
 * catalog in validation.ts. Money is integer grosze, volumes integer litres; dates 'YYYY-MM-DD'.
 */

export const id = z.coerce
  .number({ error: 'id' })
  .int({ error: 'id' })
  .positive({ error: 'id' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'id' });
export const idParams = z.object({ id: id.describe('Identifier taken from a list answer.') });

export const isoDate = z
  .string({ error: 'date' })
  .refine((value) => isValidCalendarDate(value), { error: 'date' })
  .describe('Calendar date, ISO 8601 (YYYY-MM-DD).');

export const period = z
  .string({ error: 'period' })
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: 'period' })
  .describe('Billing month, YYYY-MM.');

export const dateOut = z.string().describe('Calendar date, ISO 8601 (YYYY-MM-DD).');
export const instantOut = z.string().describe('Instant, ISO 8601 with time zone.');
export const grosze = (description: string) =>
  z.number().int().describe(`${description} Integer grosze (1 zł = 100).`);
export const litres = (description: string) =>
  z.number().int().describe(`${description} Integer litres (1 m³ = 1000 L).`);

/** A register value as typed by staff: m³ with a decimal comma or dot and at most three decimals. */
export const cubicMetresInput = z
  .string({ error: 'volume' })
  .trim()
  .regex(/^[0-9]{1,9}([.,][0-9]{1,3})?$/, { error: 'volume' })
  .describe('m³ as typed, decimal comma or dot, at most three decimals, e.g. "123,456".');

export const reason = z
  .string({ error: 'reason' })
  .trim()
  .min(3, { error: 'reason' })
  .max(500, { error: 'reason' });
export const shortText = (maximum = 200) =>
  z.string({ error: 'text' }).trim().min(1, { error: 'text' }).max(maximum, { error: 'text' });
export const optionalText = (maximum = 200) =>
  z
    .string({ error: 'text' })
    .trim()
    .max(maximum, { error: 'text' })
    .nullable()
    .transform((value) => (value === '' ? null : value));
export const postalCode = z
  .string({ error: 'postalCode' })
  .trim()
  .regex(/^[0-9]{2}-[0-9]{3}$/, { error: 'postalCode' });
export const customerGroup = z
  .enum(['household', 'other'], { error: 'choice' })
  .describe('Tariff group of a service point.');
export const meterKind = z
  .enum(['main', 'sub', 'sewage'], { error: 'choice' })
  .describe('main water meter, garden sub-meter, or sewage meter.');
export const services = z.enum(['water', 'sewage', 'water_and_sewage'], { error: 'choice' });

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAXIMUM = 200;

export const pageQuery = z.object({
  page: z.coerce
    .number({ error: 'page' })
    .int({ error: 'page' })
    .min(1, { error: 'page' })
    .max(1_000_000, { error: 'page' })
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize' })
    .int({ error: 'pageSize' })
    .min(1, { error: 'pageSize' })
    .max(PAGE_SIZE_MAXIMUM, { error: 'pageSize' })
    .default(PAGE_SIZE_DEFAULT),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** Every list answers { items, page, pageSize, total }: the same shape for every table of the back office. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('Matching rows on all pages.'),
  });
}

export interface Page<Item> {
  items: Item[];
  page: number;
  pageSize: number;
  total: number;
}

export const offsetOf = (query: PageQuery): number => (query.page - 1) * query.pageSize;

/** `format=csv` turns a report or the audit log into a CSV download (UTF-8 with BOM, semicolons). */
export const formatQuery = z.object({
  format: z
    .enum(['json', 'csv'], { error: 'choice' })
    .default('json')
    .describe('json (default) or csv (a download).'),
});

export const errorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('Stable machine-readable code, e.g. not_found, validation_failed, conflict, forbidden.'),
      message: z
        .string()
        .describe("Human message in the caller's language (Polish unless Accept-Language prefers English)."),
      fields: z.record(z.string(), z.string()).optional().describe('Per field messages (dotted paths).'),
    }),
  })
  .describe('The one error shape of the API.');

export const readErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody } as const;
export const changeErrors = { ...readErrors, 409: errorBody } as const;

/** Binary answers (PDF) in the OpenAPI document; a Buffer in the handler. */
export const binaryBody = (description: string) =>
  z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary', description });

/** Escapes LIKE wildcards in user input, so "50%" searches for the text "50%". */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
