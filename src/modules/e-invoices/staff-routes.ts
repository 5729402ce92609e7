import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { requireStaff } from '../../http/authorization.ts';
import { AppError } from '../../http/errors.ts';
import { localize, requestLanguage } from '../../http/language.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { MAXIMUM_SCAN_BYTES, SCAN_TYPES } from './scans.ts';
import { fallbackFieldMessage, fieldMessages } from './schemas.ts';
import { staffConsentRoutes } from './staff-consent-routes.ts';
import { staffDeliveryRoutes } from './staff-delivery-routes.ts';

/** A Fastify instance whose handlers are typed by zod schemas. */
export type StaffApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Back-office routes under /api/v1/staff/e-invoices: any staff role reads, operators and admins change. */
export function eInvoiceStaffRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireStaff('read_only'));
  // Scans arrive as the raw file; the type is then checked from the content, not from this header.
  app.addContentTypeParser(
    [...SCAN_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAXIMUM_SCAN_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );
  const validation = localizedValidationErrorHandler(fieldMessages, fallbackFieldMessage);
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError(
        'bad_request',
        localize(
          {
            pl: `Plik jest za duży (najwyżej ${MAXIMUM_SCAN_BYTES / 1024 / 1024} MB).`,
            en: `The file is too large (at most ${MAXIMUM_SCAN_BYTES / 1024 / 1024} MB).`,
          },
          requestLanguage(request),
        ),
      );
    }
    return validation(error, request, reply);
  });
  staffConsentRoutes(app);
  staffDeliveryRoutes(app);
  return Promise.resolve();
}
