import { afterEach, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { buildTestApp, testConfig } from '../../tests/support/app.ts';
import { describeEachDatabase } from '../../tests/support/database.ts';

describeEachDatabase('rate limits shared by every process', (context) => {
  let apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  async function twoProcesses(): Promise<[App, App]> {
    const config = testConfig({ AUTH_RATE_LIMIT_PER_MINUTE: '4' });
    apps = [
      await buildTestApp(context.database, { config }),
      await buildTestApp(context.database, { config }),
    ];
    return apps as [App, App];
  }
  const signIn = (app: App) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nikt@example.pl', password: 'nie to hasło' },
    });
  const resetLink = (app: App) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'nikt@example.pl' } });

  it('counts attempts sent to two processes together, per route, and starts again when the window passes', async () => {
    const [first, second] = await twoProcesses();
    // Four attempts in all, alternating between the processes: each has seen only two.
    for (const app of [first, second, first, second]) expect((await signIn(app)).statusCode).toBe(401);
    const fifth = await signIn(first);
    expect(fifth.statusCode).toBe(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(second)).statusCode).toBe(429);
    // Another limited route has its own counter.
    expect((await resetLink(second)).statusCode).toBe(202);

    const counters = await context.database.db
      .selectFrom('rate_limit_counters')
      .select(['key', 'hits'])
      .orderBy('key')
      .execute();
    expect(counters).toEqual([
      { key: 'POST /api/v1/auth/login|127.0.0.1', hits: 6 },
      { key: 'POST /api/v1/auth/password-reset|127.0.0.1', hits: 1 },
    ]);

    // The minute has passed (moved back rather than waited for): the next attempt is the first of a new window.
    await context.database.db
      .updateTable('rate_limit_counters')
      .set({ window_ends_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await signIn(second)).statusCode).toBe(401);
    const renewed = await context.database.db
      .selectFrom('rate_limit_counters')
      .select(['hits', 'window_ends_at'])
      .where('key', '=', 'POST /api/v1/auth/login|127.0.0.1')
      .executeTakeFirstOrThrow();
    expect(renewed.hits).toBe(1);
    expect(new Date(renewed.window_ends_at).getTime()).toBeGreaterThan(Date.now());
  });
});
