import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { attachmentHeaders } from '../../../http/file-answer.ts';
import { exportCsv, exportData } from './service.ts';

export function exportRoutes(app: PortalApp): void {
  app.get(
    '/export.json',
    {
      schema: {
        tags: ['portal'],
        summary: 'All own data as JSON (download)',
        description:
          'login (e-mail, language, terms acceptances, sessions), and per customer: personal data (holder only), ' +
          'notification preferences, service points and contracts, meters, readings, invoices with lines, payments, ' +
          'e-invoice consents, notifications sent.',
        response: {
          200: {
            description: 'application/json attachment',
            content: {
              'application/json': {
                schema: z.object({
                  generatedAt: z.string(),
                  login: z.object({}).loose(),
                  customers: z.array(z.object({}).loose()),
                }),
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const data = await exportData(app.dependencies.database.db, scope);
      return reply
        .headers(attachmentHeaders(`ibok-dane-${scope.today}.json`, 'application/json; charset=utf-8'))
        .send(data);
    },
  );

  app.get(
    '/export.csv',
    {
      schema: {
        tags: ['portal'],
        summary: 'Invoices, payments and readings as one CSV with a section column (Polish Excel format)',
        response: {
          200: { description: 'text/csv attachment', content: { 'text/csv': { schema: z.string() } } },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const data = await exportData(app.dependencies.database.db, scope);
      return reply
        .headers(attachmentHeaders(`ibok-dane-${scope.today}.csv`, 'text/csv; charset=utf-8'))
        .send(exportCsv(data));
    },
  );
}
