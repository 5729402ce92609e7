import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { providerNames } from '../../adapters/payments/index.ts';
import type { App } from '../../app.ts';
import { notifyPath, type PaymentsContext } from './context.ts';
import { receiveNotification } from './notifications.ts';

/**
 * Providers' notifications (POST /api/v1/payments/notify/{provider}). The body is kept as the exact text
 * received, because signatures are computed over it. No session, no CSRF token: the signature is the
 * authentication. The answer tells the provider whether to retry (503) or stop (200, 400).
 */
export function webhookRoutes(root: App, context: PaymentsContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    notifyPath(':provider'),
    {
      schema: {
        tags: ['payments'],
        summary:
          "A payment provider's notification (Przelewy24, PayU or the sandbox); verified before anything is posted",
        params: z.object({ provider: z.enum(providerNames as [string, ...string[]]) }),
      },
    },
    async (request, reply) => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const result = await receiveNotification(
        context,
        request.params.provider as (typeof providerNames)[number],
        { rawBody, headers: request.headers },
        request.ip,
      );
      if (result.httpStatus === 200) return reply.code(200).send({ status: 'OK' });
      const code = result.httpStatus === 503 ? 'unavailable' : 'bad_request';
      return reply
        .code(result.httpStatus)
        .send({ error: { code, message: `notification ${result.outcome}: ${result.reason ?? ''}` } });
    },
  );
}
