import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';

/** A configuration for tests: fixed secrets, no files written, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/nonexistent-test-data',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    DEMO: 'false',
    ...overrides,
  });
}

export async function buildTestApp(
  database: Database,
  options: { now?: () => Date; config?: Config } = {},
): Promise<App> {
  const app = await buildApp({
    config: options.config ?? testConfig(),
    database,
    ...(options.now ? { now: options.now } : {}),
  });
  await app.ready();
  return app;
}
