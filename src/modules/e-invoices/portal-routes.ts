import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { customerAccessOf, requireCustomer, type CustomerAccess } from '../../http/authorization.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { attachmentHeaders } from '../../http/file-answer.ts';
import { localize } from '../../http/language.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { polishDate } from '../auth/calendar.ts';
import { consentHistory, eInvoiceTerms } from './consent-store.ts';
import { acceptInPortal, consentStatuses, withdrawInPortal } from './consent-service.ts';
import {
  consentChange,
  consentHistoryAnswer,
  consentStatusAnswer,
  customerQuery,
  errors,
  fileAnswer,
  fallbackFieldMessage,
  fieldMessages,
  portalStatusAnswer,
  statementQuery,
  statusOut,
} from './schemas.ts';
import { renderStatementPdf } from './statement-pdf.ts';

/**
 * The customer's e-invoice page: the terms, the state per customer the login holds, accepting (with the
 * version of the terms read and an address) and withdrawing, and the paper statement for those who prefer to
 * sign one. Every answer is limited to the login's own customers; another customer's id gets a 404.
 */

/** The customer a request is about: the one given (if the login holds it), or the only one the login holds. */
function chosenCustomer(access: CustomerAccess, customerId: number | undefined): number {
  if (customerId !== undefined) {
    if (!access.customerIds.includes(customerId)) {
      throw notFound(localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, access.language));
    }
    return customerId;
  }
  const [only, ...others] = access.customerIds;
  if (only === undefined)
    throw notFound(localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, access.language));
  if (others.length > 0) {
    throw new AppError(
      'validation_failed',
      localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, access.language),
      {
        customerId: localize(
          {
            pl: 'Wybierz klienta (konto obejmuje kilku klientów).',
            en: 'Choose the customer (this login holds several).',
          },
          access.language,
        ),
      },
    );
  }
  return only;
}

const pdfResponse = fileAnswer('application/pdf', 'The statement as a PDF to print and sign.');

export function eInvoicePortalRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireCustomer);
  app.setErrorHandler(localizedValidationErrorHandler(fieldMessages, fallbackFieldMessage));
  const tags = ['e-invoices'];
  const security = [{ session: [] }];
  const { database, now, config } = app.dependencies;
  const ipOf = (request: FastifyRequest) => request.ip;

  app.get(
    '/api/v1/me/e-invoice',
    {
      schema: {
        tags,
        security,
        summary: 'e-invoice terms and, per customer of the login, whether invoices are e-mailed',
        response: { ...errors, 200: portalStatusAnswer },
      },
    },
    async (request) => {
      const access = customerAccessOf(request);
      const terms = await eInvoiceTerms(database.db, { onDate: polishDate(now()) });
      const statuses = await consentStatuses(database.db, access.customerIds);
      return {
        terms: terms
          ? {
              version: terms.version,
              effectiveFrom: terms.effectiveFrom,
              title: localize(terms.title, access.language),
              body: localize(terms.body, access.language),
            }
          : null,
        suggestedEmail: access.email,
        customers: statuses.map(statusOut),
      };
    },
  );

  app.post(
    '/api/v1/me/e-invoice',
    {
      schema: {
        tags,
        security,
        summary: 'Accept e-invoices (terms version read and the address) or withdraw the acceptance',
        description:
          'Takes effect for invoices issued afterwards. Accepting records the terms version, time, IP address and e-mail address (VAT act art. 106n). 409 when the terms changed since they were shown.',
        body: consentChange,
        response: { ...errors, 200: consentStatusAnswer },
      },
    },
    async (request) => {
      const access = customerAccessOf(request);
      const customerId = chosenCustomer(access, request.body.customerId);
      const common = {
        customerId,
        loginId: access.loginId,
        ip: ipOf(request),
        now: now(),
        language: access.language,
      };
      const status =
        request.body.action === 'accept'
          ? await acceptInPortal(database, {
              ...common,
              email: request.body.email,
              termsVersion: request.body.termsVersion,
            })
          : await withdrawInPortal(database, common);
      return statusOut(status);
    },
  );

  app.get(
    '/api/v1/me/e-invoice/history',
    {
      schema: {
        tags,
        security,
        summary: 'Every acceptance and withdrawal of e-invoices for the customer, newest first',
        querystring: customerQuery,
        response: { ...errors, 200: consentHistoryAnswer },
      },
    },
    async (request) => {
      const access = customerAccessOf(request);
      const customerId = chosenCustomer(access, request.query.customerId);
      const history = await consentHistory(database.db, customerId);
      return {
        customerId,
        entries: history.map((record) => ({
          action: record.action,
          channel: record.channel,
          email: record.email,
          termsVersion: record.termsVersion,
          recordedAt: record.recordedAt.toISOString(),
          paperReceivedOn: record.paperReceivedOn,
        })),
      };
    },
  );

  app.get(
    '/api/v1/me/e-invoice/statement.pdf',
    {
      schema: {
        tags,
        security,
        summary:
          'The paper statement of acceptance of e-invoices, filled in with the customer data, to print and sign',
        querystring: statementQuery,
        response: { ...errors, 200: pdfResponse },
      },
    },
    async (request, reply) => {
      const access = customerAccessOf(request);
      const customerId = chosenCustomer(access, request.query.customerId);
      const [status] = await consentStatuses(database.db, [customerId]);
      if (!status)
        throw notFound(
          localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, access.language),
        );
      const terms = await eInvoiceTerms(database.db, { onDate: polishDate(now()) });
      const pdf = await renderStatementPdf({
        customer: status.customer,
        email: request.query.email ?? status.email ?? status.customer.email ?? access.email,
        termsVersion: terms?.version ?? null,
        seller: config.seller,
      });
      return reply
        .headers(
          attachmentHeaders(
            `oswiadczenie-e-faktura-${status.customer.customerNumber}.pdf`,
            'application/pdf',
          ),
        )
        .send(pdf);
    },
  );
  return Promise.resolve();
}
