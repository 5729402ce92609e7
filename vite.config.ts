import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { personalDataCacheName, personalDataPattern } from './web/shared/offline-cache.ts';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const outputDirectory = path.join(webRoot, 'dist');
const brandBlue = '#0b5cab';
const shortcutIcon = [{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' }];

/**
 * Writes .br and .gz beside every text asset so the server can send them without compressing on each request
 * (@fastify/static `preCompressed`). Runs after the service worker is generated so that it is compressed too.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|webmanifest|json|txt)$/;
  const filesUnder = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)],
    );
  return {
    name: 'ibok-precompress',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of filesUnder(outputDirectory)) {
          if (!compressible.test(file) || statSync(file).size < 1024) continue;
          const content = readFileSync(file);
          writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
          writeFileSync(
            `${file}.br`,
            brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
        }
      },
    },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: path.join(webRoot, 'public'),
  build: {
    outDir: outputDirectory,
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev:web` serves the client with hot reload; the API comes from `npm run dev` on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // An external script, not an inline one: the Content-Security-Policy allows scripts from 'self' only.
      // Deferred, so that registering the service worker never holds up the first paint.
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png', 'robots.txt'],
      manifest: {
        name: 'iBOK – e-Biuro Obsługi Klienta',
        short_name: 'iBOK',
        description: 'Faktury, odczyty wodomierzy i płatności za wodę i ścieki.',
        lang: 'pl',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: brandBlue,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // A long press on the installed app's icon offers the mobile set directly (paths: web/portal/*/routes.tsx).
        shortcuts: [
          { name: 'Zapłać', short_name: 'Zapłać', url: '/konto/platnosci/nowa', icons: shortcutIcon },
          {
            name: 'Historia płatności',
            short_name: 'Płatności',
            url: '/konto/platnosci',
            icons: shortcutIcon,
          },
          { name: 'Zużycie wody', short_name: 'Zużycie', url: '/konto/zuzycie', icons: shortcutIcon },
          {
            name: 'Podaj odczyt wodomierza',
            short_name: 'Odczyt',
            url: '/konto/odczyty',
            icons: shortcutIcon,
          },
        ],
      },
      workbox: {
        navigateFallback: '/index.html',
        // The API answers itself (JSON, 401, 404); the app shell must never stand in for it. Nor for the pages
        // the server renders itself: the sandbox payment provider's checkout (/payments/sandbox/...).
        navigateFallbackDenylist: [/^\/api\//, /^\/payments\//],
        runtimeCaching: [
          {
            // The customer's own data stays readable offline; the network answer always wins when there is one.
            // A RegExp, not a function: functions are copied into the service worker as text, without imports.
            // Workbox applies an unanchored RegExp to same-origin addresses only.
            urlPattern: personalDataPattern,
            method: 'GET',
            handler: 'NetworkFirst',
            options: {
              cacheName: personalDataCacheName,
              networkTimeoutSeconds: 5,
              // As long as the signed-in hint cookie lives (src/http/session-cookie.ts).
              expiration: { maxEntries: 100, maxAgeSeconds: 7 * 24 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
    precompress(),
  ],
});
