/**
 * Lighthouse (phone profile) against the running product with the demo data: the login page and the signed-in
 * customer's dashboard. Prints the scores, writes the HTML reports to ./lighthouse-reports and exits non-zero
 * when a page scores below 90 for performance or 95 for accessibility and best practices.
 *
 *   npm run lighthouse                       starts the server on a demo DATA_DIR (./data-lighthouse, kept
 *                                            between runs so only the first run seeds), then measures
 *   LIGHTHOUSE_URL=http://host:port npm run lighthouse   measures an app that is already running with demo data
 *
 * Chromium: /usr/bin/chromium or CHROMIUM_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { ensureWebBuild } from './ensure-web-build.ts';

const thresholds = { performance: 90, accessibility: 95, 'best-practices': 95 } as const;
type Category = keyof typeof thresholds;
const categories = Object.keys(thresholds) as Category[];

const demoCustomer = { email: 'demo@example.com', password: 'demo-password-2026' };
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const reportDirectory = path.resolve('lighthouse-reports');

async function startServer(): Promise<{ url: string; server: ChildProcess }> {
  const port = Number(process.env['LIGHTHOUSE_PORT'] ?? 3210);
  const url = `http://localhost:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: process.env['LIGHTHOUSE_DATA_DIR'] ?? 'data-lighthouse',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code})`)));
    server.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes('iBOK is running at')) resolve();
    });
  });
  return { url, server };
}

/** Signs the demo customer in through the API and returns the cookies it set (session and signed-in hint). */
async function signInCookies(baseUrl: string): Promise<{ name: string; value: string }[]> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoCustomer),
  });
  if (!response.ok) throw new Error(`demo sign-in failed: HTTP ${response.status} (is this the demo data?)`);
  const cookies = response.headers.getSetCookie().map((header) => {
    const pair = header.split(';')[0] ?? '';
    const separator = pair.indexOf('=');
    return { name: pair.slice(0, separator), value: pair.slice(separator + 1) };
  });
  if (!cookies.some((cookie) => cookie.name === 'ibok_session')) {
    throw new Error('demo sign-in answered without a session cookie');
  }
  return cookies;
}

/**
 * Puts the cookies into the browser itself, as a real sign-in would: the page reads the signed-in hint from
 * document.cookie, which a Cookie request header (Lighthouse's extraHeaders) would not fill. Lighthouse keeps
 * cookies between runs, so the dashboard is measured signed in.
 */
async function signInBrowser(port: number, baseUrl: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('the measuring browser has no default context');
    const cookies = await signInCookies(baseUrl);
    await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: baseUrl })));
  } finally {
    await browser.close();
  }
}

async function measure(port: number, name: string, url: string): Promise<Record<Category, number>> {
  const result = await lighthouse(
    url,
    {
      port,
      output: ['html', 'json'],
      logLevel: 'error',
      onlyCategories: [...categories],
    },
    undefined,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const [html, json] = Array.isArray(result.report) ? result.report : [result.report, ''];
  writeFileSync(path.join(reportDirectory, `${name}.html`), html ?? '');
  writeFileSync(path.join(reportDirectory, `${name}.json`), json ?? '');
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
  if (result.lhr.finalDisplayedUrl !== url) {
    throw new Error(`${url} ended on ${result.lhr.finalDisplayedUrl}: not the page to measure`);
  }
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index']
    .map((id) => `${id} ${result.lhr.audits[id]?.displayValue ?? '?'}`)
    .join(', ');
  console.log(`${name}: ${metrics}`);
  const scores = {} as Record<Category, number>;
  for (const category of categories) {
    scores[category] = Math.round((result.lhr.categories[category]?.score ?? 0) * 100);
  }
  return scores;
}

async function main(): Promise<number> {
  mkdirSync(reportDirectory, { recursive: true });
  const external = process.env['LIGHTHOUSE_URL'];
  if (!external) await ensureWebBuild();
  const running = external ? { url: external.replace(/\/$/, ''), server: undefined } : await startServer();
  try {
    return await measureAll(running.url);
  } finally {
    running.server?.kill('SIGTERM');
  }
}

async function measureAll(baseUrl: string): Promise<number> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let failed = false;
  try {
    // The sign-in page first, as a visitor without a session sees it; then the dashboard, signed in.
    const pages: { name: string; url: string; before?: () => Promise<void> }[] = [
      { name: 'login', url: `${baseUrl}/` },
      { name: 'dashboard', url: `${baseUrl}/konto`, before: () => signInBrowser(chrome.port, baseUrl) },
    ];
    for (const page of pages) {
      await page.before?.();
      const scores = await measure(chrome.port, page.name, page.url);
      const line = categories.map((category) => `${category} ${scores[category]}`).join(', ');
      const below = categories.filter((category) => scores[category] < thresholds[category]);
      if (below.length > 0) failed = true;
      console.log(
        `${page.name} (${page.url}, phone): ${line}${below.length ? `  BELOW: ${below.join(', ')}` : ''}`,
      );
    }
    console.log(`reports: ${reportDirectory}`);
  } finally {
    chrome.kill();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
