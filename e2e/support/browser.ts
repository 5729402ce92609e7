import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { ensureWebBuild } from '../../scripts/ensure-web-build.ts';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { buildTestApp, testConfig } from '../../tests/support/app.ts';
import { databaseKinds, resetDatabase, testDatabase } from '../../tests/support/database.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../tests/support/smtp-receiver.ts';
import type { DatabaseKind } from '../../src/db/database.ts';

/**
 * Browser tests: the real app (PGlite test database, built web client) on a loopback port, driven by Debian's
 * Chromium through playwright-core. Each test gets fresh browser contexts and empty tables.
 *   describeInBrowser('login', (browser) => { it('…', async () => { const page = await browser.newPage(); … }) })
 */
export interface BrowserSuite {
  /** http://127.0.0.1:<port> of the running app. */
  readonly baseUrl: string;
  readonly app: App;
  readonly database: Database;
  /** The SMTP server on loopback that receives the app's e-mail, for suites declared with `{ smtp: true }`. */
  readonly mailbox: SmtpReceiver;
  /** A page in a new context (own cookies, storage, service worker); closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const inContinuousIntegration = process.env['CI'] === 'true';

// Quiet and reproducible: nothing phones home or updates itself during a run. Playwright adds a fresh
// temporary user-data directory for every launch and removes it on close.
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Console messages that are not faults: the browser reports every 4xx answer, e.g. the 401 of a wrong password. */
const expectedConsoleMessage = /^Failed to load resource: the server responded with a status of 4\d\d/;

export function describeInBrowser(
  name: string,
  declare: (suite: BrowserSuite) => void,
  options: { database?: DatabaseKind; smtp?: boolean } = {},
): void {
  if (!existsSync(chromiumPath)) {
    const reason = `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
    if (inContinuousIntegration) {
      describe(name, () => {
        it('runs in a browser', () => {
          throw new Error(`CI=true: the browser tests may not be skipped. ${reason}`);
        });
      });
      return;
    }
    console.warn(`\n[e2e] Browser tests "${name}" NOT run: ${reason}.\n`);
    describe.skip(name, () => declare(unavailableSuite));
    return;
  }

  // A browser flow takes seconds, more on a busy machine; the default 30 s per test is too tight.
  describe(name, { timeout: 120_000 }, () => {
    let browser: Browser | undefined;
    let app: App | undefined;
    let database: Database | undefined;
    let mailbox: SmtpReceiver | undefined;
    let baseUrl = '';
    let contexts: BrowserContext[] = [];
    let faults: string[] = [];

    const suite: BrowserSuite = {
      get baseUrl() {
        return baseUrl;
      },
      get app() {
        if (!app) throw new Error('the app starts in beforeAll');
        return app;
      },
      get database() {
        if (!database) throw new Error('the database opens in beforeAll');
        return database;
      },
      get mailbox() {
        if (!mailbox) throw new Error('declare the suite with { smtp: true } to receive its e-mail');
        return mailbox;
      },
      async newPage(options = {}) {
        if (!browser) throw new Error('the browser starts in beforeAll');
        const context = await browser.newContext({ locale: 'pl-PL', ...options, baseURL: baseUrl });
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (error) => faults.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' && !expectedConsoleMessage.test(message.text())) {
            faults.push(`console error: ${message.text()}`);
          }
        });
        return page;
      },
    };

    beforeAll(async () => {
      // The server routes the client's files when it starts, so the build must be in place first.
      await ensureWebBuild({ quiet: true });
      database = await testDatabase(options.database ?? 'pglite');
      // Many sign-ins come from one address within a minute here; the limit has its own tests elsewhere.
      if (options.smtp) mailbox = await startSmtpReceiver();
      app = await buildTestApp(database, {
        config: testConfig({
          AUTH_RATE_LIMIT_PER_MINUTE: '10000',
          ...(mailbox ? { SMTP_URL: mailbox.url } : {}),
        }),
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
    });

    beforeEach(async () => {
      faults = [];
      await resetDatabase(suite.database);
    });

    afterEach(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      contexts = [];
      // A script error or a Content-Security-Policy refusal fails the test that caused it.
      if (faults.length > 0) throw new Error(`The page reported faults:\n${faults.join('\n')}`);
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await mailbox?.close();
    });

    declare(suite);
  });
}

const unavailableSuite: BrowserSuite = {
  baseUrl: '',
  get app(): App {
    throw new Error('no browser');
  },
  get database(): Database {
    throw new Error('no browser');
  },
  get mailbox(): SmtpReceiver {
    throw new Error('no browser');
  },
  newPage: () => Promise.reject(new Error('no browser')),
};

/** Which element has the keyboard focus: tag, id and visible text, enough to name it in an assertion. */
export async function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string } | null> {
  return page.evaluate<{ tag: string; id: string; text: string } | null>(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    return { tag: element.tagName.toLowerCase(), id: element.id, text: (element.textContent ?? '').trim() };
  })()`);
}

/**
 * The same browser tests once per database kind (PGlite always, PostgreSQL when TEST_DATABASE_URL is set), for
 * flows whose correctness depends on the database: the server's transactions and constraints differ in engine.
 */
export function describeInBrowserOnEachDatabase(
  name: string,
  declare: (suite: BrowserSuite) => void,
  options: { smtp?: boolean } = {},
): void {
  for (const kind of databaseKinds)
    describeInBrowser(`${name} [${kind}]`, declare, { ...options, database: kind });
}
