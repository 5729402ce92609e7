import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import type { AuthContext } from './context.ts';
import { customerAuthRoutes } from './customer-auth-routes.ts';
import { meSecurityRoutes } from './me-routes.ts';
import { createOutbox } from './outbox.ts';
import { fallbackFieldMessage, fieldMessages } from './schemas.ts';
import { staffAuthRoutes } from './staff-auth-routes.ts';
import { termsRoutes } from './terms-routes.ts';

/** Sign-in, registration and account security for customers and staff, and the iBOK terms. */
export function authRoutes(app: App): Promise<void> {
  app.setErrorHandler(localizedValidationErrorHandler(fieldMessages, fallbackFieldMessage));
  const { database, config, now, mail } = app.dependencies;
  const outbox = createOutbox(mail, app.log);
  app.addHook('onClose', () => outbox.drain());
  const context: AuthContext = {
    db: database.db,
    config,
    now,
    outbox,
    registrationAttempts: new AttemptLimiter(database.db, 'registration', 10, 60 * 60_000),
  };
  const api = app.withTypeProvider<ZodTypeProvider>();
  customerAuthRoutes(api, context);
  meSecurityRoutes(api, context);
  staffAuthRoutes(api, context);
  termsRoutes(api, context);
  return Promise.resolve();
}
