import { z } from 'zod';
import { API, sendCsv, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { formatQuery, id, instantOut, isoDate, pageOf, pageQuery, readErrors } from '../shared/schemas.ts';
import { searchAudit } from './search.ts';

const tags = ['back office: audit log'];

const auditQuery = formatQuery
  .extend(pageQuery.shape)
  .extend({
    entity: z
      .string({ error: 'text' })
      .trim()
      .max(60, { error: 'text' })
      .optional()
      .describe('e.g. customer, meter, reading, tariff_version, billing_run, invoice.'),
    entityId: z.string({ error: 'text' }).trim().max(60, { error: 'text' }).optional(),
    actorKind: z.enum(['staff', 'customer', 'system'], { error: 'choice' }).optional(),
    actorId: id.optional().describe('Staff user id (with actorKind=staff) or portal login id.'),
    action: z
      .string({ error: 'text' })
      .trim()
      .max(60, { error: 'text' })
      .optional()
      .describe('Action or its prefix, e.g. "meter." or "reading.corrected".'),
    from: isoDate.optional().describe('First day (Polish time), inclusive.'),
    to: isoDate.optional().describe('Last day (Polish time), inclusive.'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'dateOrder',
    path: ['to'],
  });

const auditEntry = z.object({
  id: z.number().int(),
  occurredAt: instantOut,
  actorKind: z.enum(['staff', 'customer', 'system']),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().describe('The changed fields before (JSON), or null.'),
  after: z.unknown().describe('The changed fields after (JSON), or null.'),
  ip: z.string().nullable(),
});

export function auditRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/audit`,
    {
      schema: {
        tags,
        summary:
          'Search the audit log by entity, actor, action and dates; newest first (format=csv: every match as CSV)',
        querystring: auditQuery,
        response: { 200: pageOf(auditEntry), ...readErrors },
      },
    },
    async (request, reply) => {
      const csv = request.query.format === 'csv';
      const result = await searchAudit(
        staffContextOf(request).database.db,
        request.query,
        csv ? null : request.query,
      );
      if (!csv) return result;
      return sendCsv(
        reply,
        'dziennik-zdarzen.csv',
        ['Kiedy', 'Kto (rodzaj)', 'Kto (id)', 'Kto', 'Czynność', 'Obiekt', 'Id obiektu', 'Przed', 'Po', 'IP'],
        result.items.map((entry) => [
          entry.occurredAt,
          entry.actorKind,
          entry.actorId,
          entry.actorName,
          entry.action,
          entry.entity,
          entry.entityId,
          entry.before === null ? null : JSON.stringify(entry.before),
          entry.after === null ? null : JSON.stringify(entry.after),
          entry.ip,
        ]),
      );
    },
  );
}
