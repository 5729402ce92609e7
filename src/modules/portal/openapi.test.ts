import { afterEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

describeEachDatabase('portal API in the OpenAPI document', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('documents every portal operation with a summary, its answer and the download types', async () => {
    app = await buildTestApp(context.database);
    const document = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const portal = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.tags?.includes('portal'))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(portal.map((entry) => entry.route).sort()).toEqual(
      [
        'GET /api/v1/me/consumption',
        'GET /api/v1/me/consumption.csv',
        'GET /api/v1/me/export.csv',
        'GET /api/v1/me/export.json',
        'GET /api/v1/me/invoices',
        'GET /api/v1/me/invoices/{id}',
        'GET /api/v1/me/invoices/{id}/pdf',
        'GET /api/v1/me/meters',
        'GET /api/v1/me/payments',
        'GET /api/v1/me/profile',
        'GET /api/v1/me/readings',
        'GET /api/v1/me/settlements',
        'GET /api/v1/me/summary',
        'PATCH /api/v1/me/profile',
        'POST /api/v1/me/readings',
      ].sort(),
    );
    for (const { route, operation } of portal) {
      expect(operation.summary, route).toBeTruthy();
      const success = operation.responses?.['200'] ?? operation.responses?.['201'];
      expect(success?.content, route).toBeDefined();
      expect(operation.responses?.['404'], route).toBeDefined();
    }
    const pdf = document.paths['/api/v1/me/invoices/{id}/pdf']!['get']!;
    expect(pdf.responses?.['200']?.content?.['application/pdf']?.schema).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(document.paths['/api/v1/me/consumption.csv']!['get']!.responses?.['200']?.content).toHaveProperty(
      'text/csv',
    );
  });
});
