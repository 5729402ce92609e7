import { z } from 'zod';
import { requireStaff, staffAccessOf } from '../../http/authorization.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { attachmentHeaders } from '../../http/file-answer.ts';
import { localize, requestLanguage } from '../../http/language.ts';
import { polishDate } from '../auth/calendar.ts';
import { attachScan, consentHistory, eInvoiceTerms, findConsent } from './consent-store.ts';
import { consentStatuses, recordPaperConsent } from './consent-service.ts';
import {
  consentRecordAnswer,
  consentStatusAnswer,
  errors,
  fileAnswer,
  id,
  paperConsentBody,
  recordOut,
  statusOut,
} from './schemas.ts';
import { detectScanType, MAXIMUM_SCAN_BYTES, readScan, storeScan } from './scans.ts';
import type { StaffApp } from './staff-routes.ts';
import { renderStatementPdf } from './statement-pdf.ts';

const customerParams = z.object({ customerId: id });
const consentParams = z.object({ consentId: id });
const tags = ['e-invoices (staff)'];
const security = [{ session: [] }];
const binary = (type: string) => fileAnswer(type, 'The file.');

/** Consent as the back office sees it: state, full history, paper statements and their scans. */
export function staffConsentRoutes(app: StaffApp): void {
  const { database, now, config } = app.dependencies;
  const customerMissing = (language: 'pl' | 'en') =>
    notFound(localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, language));

  app.get(
    '/api/v1/staff/e-invoices/customers/:customerId',
    {
      schema: {
        tags,
        security,
        summary: "A customer's e-invoice state and the full consent history, newest first",
        params: customerParams,
        response: {
          ...errors,
          200: z.object({ status: consentStatusAnswer, history: z.array(consentRecordAnswer) }),
        },
      },
    },
    async (request) => {
      const [status] = await consentStatuses(database.db, [request.params.customerId]);
      if (!status) throw customerMissing(requestLanguage(request));
      const history = await consentHistory(database.db, request.params.customerId);
      return { status: statusOut(status), history: history.map(recordOut) };
    },
  );

  app.post(
    '/api/v1/staff/e-invoices/customers/:customerId/paper-consents',
    {
      schema: {
        tags,
        security,
        summary:
          'Record a signed paper statement of acceptance (or a written withdrawal) received by the utility',
        description:
          'Upload the scan afterwards with PUT /api/v1/staff/e-invoices/consents/{consentId}/scan.',
        params: customerParams,
        body: paperConsentBody,
        response: { ...errors, 201: z.object({ consentId: z.number().int(), status: consentStatusAnswer }) },
      },
      onRequest: requireStaff('operator'),
    },
    async (request, reply) => {
      const staff = staffAccessOf(request);
      const result = await recordPaperConsent(database, {
        customerId: request.params.customerId,
        staffUserId: staff.staffUserId,
        action: request.body.action,
        email: request.body.email,
        receivedOn: request.body.receivedOn,
        termsVersion: request.body.termsVersion,
        ip: request.ip,
        now: now(),
        language: requestLanguage(request),
      });
      return reply.code(201).send({ consentId: result.consentId, status: statusOut(result.status) });
    },
  );

  app.put(
    '/api/v1/staff/e-invoices/consents/:consentId/scan',
    {
      schema: {
        tags,
        security,
        summary: `Attach the scan of a paper statement: the file itself as the body (PDF, JPEG or PNG, at most ${MAXIMUM_SCAN_BYTES / 1024 / 1024} MB)`,
        params: consentParams,
        response: { ...errors, 200: consentRecordAnswer },
      },
      bodyLimit: MAXIMUM_SCAN_BYTES,
      onRequest: requireStaff('operator'),
    },
    async (request) => {
      const language = requestLanguage(request);
      const consent = await findConsent(database.db, request.params.consentId);
      if (!consent)
        throw notFound(
          localize({ pl: 'Nie znaleziono wpisu zgody.', en: 'Consent record not found.' }, language),
        );
      if (consent.channel !== 'paper') {
        throw new AppError(
          'conflict',
          localize(
            {
              pl: 'Skan dołącza się tylko do oświadczeń papierowych.',
              en: 'Scans belong to paper statements only.',
            },
            language,
          ),
        );
      }
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const type = detectScanType(content);
      if (!type) {
        throw new AppError(
          'unsupported_media_type',
          localize(
            {
              pl: 'Skan musi być plikiem PDF, JPG albo PNG.',
              en: 'The scan must be a PDF, JPG or PNG file.',
            },
            language,
          ),
        );
      }
      const file = await storeScan(config.dataDirectory, consent.id, content, type);
      await attachScan(database.db, consent.id, { file, contentType: type, sizeBytes: content.length });
      const stored = await findConsent(database.db, consent.id);
      if (!stored) throw new Error(`consent ${consent.id} disappeared`);
      return recordOut(stored);
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/consents/:consentId/scan',
    {
      schema: {
        tags,
        security,
        summary: 'The scan of a paper statement',
        params: consentParams,
        response: { ...errors, 200: binary('application/octet-stream') },
      },
    },
    async (request, reply) => {
      const consent = await findConsent(database.db, request.params.consentId);
      if (!consent?.scanFile || !consent.scan) {
        throw notFound(localize({ pl: 'Brak skanu.', en: 'No scan.' }, requestLanguage(request)));
      }
      const content = await readScan(config.dataDirectory, consent.scanFile);
      return reply
        .header('content-type', consent.scan.contentType)
        .header('content-disposition', `inline; filename="${consent.scanFile}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );

  app.get(
    '/api/v1/staff/e-invoices/customers/:customerId/statement.pdf',
    {
      schema: {
        tags,
        security,
        summary: 'The statement of acceptance filled in with the customer data, to hand over at the office',
        params: customerParams,
        response: { ...errors, 200: binary('application/pdf') },
      },
    },
    async (request, reply) => {
      const [status] = await consentStatuses(database.db, [request.params.customerId]);
      if (!status) throw customerMissing(requestLanguage(request));
      const terms = await eInvoiceTerms(database.db, { onDate: polishDate(now()) });
      const pdf = await renderStatementPdf({
        customer: status.customer,
        email: status.email ?? status.customer.email,
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
}
