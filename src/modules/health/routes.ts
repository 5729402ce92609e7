import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../app.ts';

const status = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Liveness (the process answers) and readiness (the database answers) for load balancers and orchestrators. */
export function healthRoutes(app: App, _options: unknown, done: (error?: Error) => void): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: status } } },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database is reachable',
        response: { 200: status, 503: status },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.dependencies.database.db);
        return { status: 'ok' as const };
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
  done();
}
