import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody } from './errors.ts';
import { localize, requestLanguage, type Localized } from './language.ts';

/**
 * Field messages in the caller's language. A route schema names a message by key
 * (`z.email({ error: 'email' })`); this handler, set on a plugin, looks the key up in the catalog.
 * Errors that are not validation errors go on to the application's error handler.
 */
export function localizedValidationErrorHandler(catalog: Record<string, Localized>, fallback: Localized) {
  return function handleValidation(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (!hasZodFastifySchemaValidationErrors(error)) throw error;
    const language = requestLanguage(request);
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
      const key = issue.message ?? '';
      const text = Object.hasOwn(catalog, key) ? catalog[key]! : fallback;
      fields[field] ??= localize(text, language);
    }
    const body: ErrorBody = {
      error: {
        code: 'validation_failed',
        message: localize(
          { pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' },
          language,
        ),
        fields,
      },
    };
    return reply.code(400).send(body);
  };
}
