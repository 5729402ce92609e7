import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../tests/support/app.ts';
import { describeEachDatabase } from '../../tests/support/database.ts';
import { staticClient } from './static.ts';

const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const shell = '<!doctype html><html lang="pl"><title>iBOK</title><div id="root"></div></html>';

/** A Fastify app with the product's JSON 404, so the plugin is seen handing misses to it. */
async function appServing(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `Nie znaleziono: ${request.url}` } }),
  );
  app.get('/api/v1/ping', () => ({ pong: true }));
  await app.register(staticClient, { root });
  await app.ready();
  return app;
}

describe('serving the built web client', () => {
  let folder: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'ibok-static-'));
    mkdirSync(path.join(folder, 'assets'));
    writeFileSync(path.join(folder, 'index.html'), shell);
    writeFileSync(path.join(folder, 'index.html.gz'), gzipSync(shell));
    writeFileSync(path.join(folder, 'assets', 'main-Ab12Cd34.js'), 'console.log("app");');
    writeFileSync(path.join(folder, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    app = await appServing(folder);
  });

  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves index.html at / with the security headers and no caching', async () => {
    const response = await app.inject({ url: '/', headers: { accept: html } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(shell);
    expect(response.headers['cache-control']).toBe('no-cache');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('answers client-side page addresses with the app shell', async () => {
    for (const url of ['/konto', '/admin', '/admin/klienci/12?strona=2']) {
      const response = await app.inject({ url, headers: { accept: html } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(shell);
    }
  });

  it('sends the precompressed copy when the browser accepts it', async () => {
    const response = await app.inject({
      url: '/konto',
      headers: { accept: html, 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.rawPayload).toEqual(gzipSync(shell));
  });

  it('caches hashed assets for a year and revalidates the service worker', async () => {
    const asset = await app.inject({ url: '/assets/main-Ab12Cd34.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBeUndefined();
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the JSON 404 for API addresses, even when a browser asks for HTML', async () => {
    for (const url of ['/api/v1/nothing-here', '/api']) {
      const response = await app.inject({ url, headers: { accept: html } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ pong: true });
  });

  it('answers 404 for a missing file instead of the app shell', async () => {
    const script = await app.inject({ url: '/assets/gone-Zz99.js', headers: { accept: '*/*' } });
    expect(script.statusCode).toBe(404);
    const image = await app.inject({ url: '/logo.png', headers: { accept: 'image/avif,image/webp,*/*' } });
    expect(image.statusCode).toBe(404);
  });

  it('does not answer other methods with the app shell', async () => {
    const response = await app.inject({ method: 'POST', url: '/konto', headers: { accept: html } });
    expect(response.statusCode).toBe(404);
  });
});

describe('serving without a built client', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app.close();
  });

  it('explains how to build it instead of failing', async () => {
    app = await appServing(path.join(tmpdir(), 'ibok-no-such-build'));
    const page = await app.inject({ url: '/', headers: { accept: html } });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:web');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const api = await app.inject({ url: '/api/v1/nothing-here', headers: { accept: html } });
    expect(api.statusCode).toBe(404);
  });
});

describeEachDatabase('the product app serves the client', (context) => {
  it('answers a page address with HTML and an unknown API address with the JSON error', async () => {
    const app = await buildTestApp(context.database);
    try {
      const page = await app.inject({ url: '/konto', headers: { accept: html } });
      // 200 with the shell when web/dist is built, 503 with build instructions when it is not.
      expect([200, 503]).toContain(page.statusCode);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      const api = await app.inject({ url: '/api/v1/nothing-here', headers: { accept: html } });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toEqual({
        error: { code: 'not_found', message: 'Nie znaleziono: GET /api/v1/nothing-here' },
      });
    } finally {
      await app.close();
    }
  });
});
