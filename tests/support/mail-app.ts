import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { buildTestApp, testConfig } from './app.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

/**
 * For suites whose application sends e-mail: one real SMTP receiver on loopback for the suite, and a fresh
 * application for each test that sends to it. Call it inside the suite's callback: it registers the hooks.
 * `app` and `mailbox` are read in the tests, once the hooks have set them.
 */
export function appSendingMail(
  context: { database: Database },
  options: { config?: Record<string, string>; now?: () => Date } = {},
): { readonly app: App; readonly mailbox: SmtpReceiver } {
  let app: App | undefined;
  let mailbox: SmtpReceiver | undefined;
  beforeAll(async () => {
    mailbox = await startSmtpReceiver();
  });
  afterAll(async () => {
    await mailbox?.close();
  });
  beforeEach(async () => {
    app = await buildTestApp(context.database, {
      config: testConfig({ SMTP_URL: mailbox!.url, ...options.config }),
      ...(options.now ? { now: options.now } : {}),
    });
  });
  afterEach(async () => {
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the application exists only inside a test');
      return app;
    },
    get mailbox() {
      if (!mailbox) throw new Error('the mailbox exists only inside the suite');
      return mailbox;
    },
  };
}
