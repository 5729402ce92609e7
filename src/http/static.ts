import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built web client (web/dist): hashed assets cached for a year, the app shell and the service worker
 * revalidated on every visit, and index.html for every page address the client routes itself (/konto, /admin).
 * API addresses never get the app shell: /api/* keeps its JSON 404.
 */
export interface StaticClientOptions {
  /** The built client; web/dist of this checkout unless given. */
  root?: string;
}

export const defaultClientRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const immutable = 'public, max-age=31536000, immutable';

function setHtmlSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
}

function setFileHeaders(reply: FastifyReply, filePath: string): void {
  const servedAs = filePath.replace(/\.(br|gz)$/, '');
  reply.header('x-content-type-options', 'nosniff');
  // Vite puts a content hash in every name under assets/: such a file never changes.
  const hashed = servedAs.split(path.sep).includes('assets');
  reply.header('cache-control', hashed ? immutable : 'no-cache');
  if (servedAs.endsWith('.html')) setHtmlSecurityHeaders(reply);
}

/** A page address the client renders: not the API, and asked for by a browser rather than by a script. */
function wantsClientPage(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0] ?? '/';
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '*/*';
  if (accept.includes('text/html')) return true;
  // `*/*` alone: a page address has no file extension; a missing script or image must stay a 404.
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return accept.includes('*/*') && !lastSegment.includes('.');
}

const missingBuildPage = `<!doctype html>
<html lang="pl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>iBOK – brak zbudowanego klienta</title></head>
<body>
<h1>Klient WWW nie jest zbudowany</h1>
<p>Uruchom <code>npm run build:web</code> i odśwież stronę. API działa pod adresem <a href="/api/docs">/api/docs</a>.</p>
<p lang="en">The web client has not been built: run <code>npm run build:web</code> and reload this page.</p>
</body>
</html>
`;

export const staticClient: FastifyPluginAsync<StaticClientOptions> = async (app, options) => {
  const root = options.root ?? defaultClientRoot;
  const built = existsSync(path.join(root, 'index.html'));

  if (built) {
    await app.register(fastifyStatic, {
      root,
      // Files are routed one by one at start-up, which leaves the catch-all below free for page addresses.
      wildcard: false,
      index: false,
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: setFileHeaders,
    });
  } else {
    app.log.warn({ root }, 'the web client is not built; run `npm run build:web`');
  }

  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (!wantsClientPage(request)) return reply.callNotFound();
    reply.header('vary', 'Accept');
    if (!built) {
      setHtmlSecurityHeaders(reply);
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(missingBuildPage);
    }
    return reply.sendFile('index.html');
  });
};
