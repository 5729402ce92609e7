import { z } from 'zod';
import { attachmentHeaders } from '../../../http/file-answer.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';
import { binaryBody, changeErrors, idParams, pageQuery, readErrors } from '../shared/schemas.ts';
import { createOutbox } from '../../auth/outbox.ts';
import { twoFactorTurnedOffEmail } from '../../auth/emails.ts';
import { issueActivationLetter } from './activation-letter.ts';
import { turnOffLoginTwoFactor } from './login-two-factor.ts';
import { portalView, portalViewAnswer } from './portal-view.ts';
import {
  customerCreate,
  customerPage,
  customerRecord,
  customerUpdate,
  customerView as customerViewSchema,
  searchQuery,
} from './schemas.ts';
import { searchCustomers } from './search.ts';
import { customerView, loadCustomerRow } from './view.ts';
import { createCustomer, revealPesel, updateCustomer } from './write.ts';

const tags = ['back office: customers'];

const loginParams = idParams.extend({
  loginId: idParams.shape.id.describe('The iBOK login (from logins of the 360 view).'),
});

export function customerRoutes(app: BackofficeApp): void {
  const { mail, config } = app.dependencies;
  const outbox = createOutbox(mail, app.log);
  app.addHook('onClose', () => outbox.drain());

  app.get(
    `${API}/customers`,
    {
      schema: {
        tags,
        summary: 'Search customers as you type',
        description:
          'Every word must match: first or last name, company name, customer number, NIP (with or without dashes), ' +
          'main address, the address or code of a service point under any of their contracts, the serial of a meter there, ' +
          'or an invoice number (a word with "/"). Exact customer number / NIP first, then by name. PESEL masked.',
        querystring: searchQuery.extend(pageQuery.shape),
        response: { 200: customerPage, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return searchCustomers(context.database.db, request.query.q, request.query, context.today);
    },
  );

  app.post(
    `${API}/customers`,
    {
      schema: {
        tags,
        summary: 'Create a customer (audited)',
        body: customerCreate,
        response: { 201: customerRecord, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCustomer(staffContextOf(request), request.body)),
  );

  app.get(
    `${API}/customers/:id`,
    {
      schema: {
        tags,
        summary:
          'Customer 360: account, contracts, service points, meters with readings, invoices, payments, consents, logins, notifications',
        params: idParams,
        response: { 200: customerViewSchema, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      const row = await loadCustomerRow(context.database.db, request.params.id);
      if (!row) throw notFoundError(notFoundText.customer, context.language);
      return customerView(context.database.db, row, context.today, context.now);
    },
  );

  app.patch(
    `${API}/customers/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a customer: only the fields sent change (audited with before and after)',
        params: idParams,
        body: customerUpdate,
        response: { 200: customerRecord, ...changeErrors },
      },
    },
    async (request) => updateCustomer(staffContextOf(request), request.params.id, request.body),
  );

  app.post(
    `${API}/customers/:id/pesel`,
    {
      schema: {
        tags,
        summary: 'Reveal the full PESEL (operator or admin; every reveal is in the audit log)',
        params: idParams,
        response: { 200: z.object({ pesel: z.string().nullable() }), ...changeErrors },
      },
    },
    async (request) => revealPesel(staffContextOf(request), request.params.id),
  );

  app.post(
    `${API}/customers/:id/logins/:loginId/two-factor/disable`,
    {
      schema: {
        tags,
        summary:
          "Turn off a customer login's two-step sign-in (a lost phone; audited, the owner is e-mailed)",
        description:
          'For a customer who proved their identity at the office. A password reset leaves two-step sign-in on, ' +
          'so this is the way back into an account whose authenticator is lost. 404 for a login of another customer.',
        params: loginParams,
        response: { 200: z.object({ twoFactor: z.literal(false) }), ...changeErrors },
      },
    },
    async (request) => {
      const login = await turnOffLoginTwoFactor(
        staffContextOf(request),
        request.params.id,
        request.params.loginId,
      );
      outbox.deliver(
        {
          to: login.email,
          ...twoFactorTurnedOffEmail({
            publicUrl: config.publicUrl,
            utilityName: config.seller.name,
            language: login.language,
          }),
        },
        'two-factor-turned-off',
      );
      return { twoFactor: false as const };
    },
  );

  app.post(
    `${API}/customers/:id/activation-letter`,
    {
      schema: {
        tags,
        summary:
          'Issue a new portal activation code and print its letter (PDF); the previous code stops working',
        description:
          'Only the SHA-256 of the code is stored; the code is printed on the letter and nowhere else.',
        params: idParams,
        response: {
          200: {
            description: 'application/pdf',
            content: { 'application/pdf': { schema: binaryBody('Letter, A4, Polish.') } },
          },
          ...changeErrors,
        },
      },
    },
    async (request, reply) => {
      const { customerNumber, pdf } = await issueActivationLetter(
        staffContextOf(request),
        request.params.id,
        request.server.dependencies.config,
      );
      return reply
        .headers(attachmentHeaders(`kod-aktywacyjny-${customerNumber}.pdf`, 'application/pdf'))
        .send(pdf);
    },
  );

  app.get(
    `${API}/customers/:id/portal-view`,
    {
      schema: {
        tags,
        summary:
          'The portal as the customer sees it (read-only): dashboard, first page of invoices, reading history',
        params: idParams,
        response: { 200: portalViewAnswer, ...readErrors },
      },
    },
    async (request) => portalView(staffContextOf(request), request.params.id),
  );
}
