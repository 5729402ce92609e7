import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';

describeEachDatabase('health, errors and API document', (context) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(context.database);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with the one error shape', async () => {
    const response = await app.inject('/api/v1/nothing-here?token=secret');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'Nie znaleziono: GET /api/v1/nothing-here' },
    });
  });

  it('publishes an OpenAPI 3.1 document generated from the routes, and its docs UI', async () => {
    const document = (await app.inject('/api/openapi.json')).json<{ openapi: string; paths: object }>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/readyz');
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
