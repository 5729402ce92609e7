import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createMailTransport, type MailTransport } from './adapters/mail/index.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError, type ErrorBody } from './http/errors.ts';
import { loggerOptions } from './http/logging.ts';
import { securityPlugin } from './http/security.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { backofficeRoutes } from './modules/backoffice/routes.ts';
import { staticClient } from './http/static.ts';
import { eInvoiceRoutes } from './modules/e-invoices/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { portalRoutes } from './modules/portal/routes.ts';

export interface AppDependencies {
  config: Config;
  database: Database;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** Outgoing e-mail; by default SMTP when SMTP_URL is set, else .eml files under DATA_DIR/mail. */
  mail?: MailTransport;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    dependencies: Required<AppDependencies>;
  }
}

export async function buildApp(dependencies: AppDependencies): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(dependencies.config.logLevel),
    trustProxy: dependencies.config.environment === 'production',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('dependencies', {
    now: () => new Date(),
    ...dependencies,
    mail: dependencies.mail ?? createMailTransport(dependencies.config),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `Nie znaleziono: ${request.method} ${request.url.split('?')[0]}` },
    };
    return reply.code(404).send(body);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'iBOK API',
        description: 'JSON API of the customer self-service office and the back office.',
        version: '1',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ibok_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(securityPlugin);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(portalRoutes, { prefix: '/api/v1/me' });
  await app.register(backofficeRoutes);
  await app.register(eInvoiceRoutes);
  await app.register(paymentRoutes);
  await app.register(staticClient);
  return app;
}

function handleError(error: FastifyError, request: { log: App['log'] }, reply: FastifyReply) {
  if (error instanceof AppError) return reply.code(error.status).send(error.toBody());
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
      fields[field] ??= issue.message ?? 'Nieprawidłowa wartość.';
    }
    const body: ErrorBody = {
      error: { code: 'validation_failed', message: 'Popraw zaznaczone pola.', fields },
    };
    return reply.code(400).send(body);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = {
      error: { code: 'internal', message: 'Wystąpił błąd serwera. Spróbuj ponownie później.' },
    };
    return reply.code(500).send(body);
  }
  const code =
    status === 404
      ? 'not_found'
      : status === 429
        ? 'rate_limited'
        : status === 401
          ? 'unauthorized'
          : 'bad_request';
  const body: ErrorBody = { error: { code, message: error.message } };
  return reply.code(status).send(body);
}
