import { attachmentHeaders } from '../../../http/file-answer.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { binaryBody, changeErrors, idParams, pageQuery, readErrors } from '../shared/schemas.ts';
import { correctInvoice, listInvoices, staffInvoiceDetail, staffInvoicePdf } from './invoices.ts';
import { billingRunStatus, listBillingRuns, startBillingRun } from './runs.ts';
import {
  correctionBody,
  correctionResult,
  invoiceDetail,
  invoiceListQuery,
  periodParams,
  runPage,
  runStatus,
  runSummary,
  staffInvoicePage,
  startRunBody,
} from './schemas.ts';
import { billingRunSummary } from './summary.ts';

const tags = ['back office: billing'];

export function billingRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/billing-runs`,
    {
      schema: {
        tags,
        summary: 'Billing runs (and queued ones), newest period first',
        querystring: pageQuery,
        response: { 200: runPage, ...readErrors },
      },
    },
    async (request) => listBillingRuns(staffContextOf(request).database.db, request.query),
  );

  app.post(
    `${API}/billing-runs`,
    {
      schema: {
        tags,
        summary:
          'Start the billing run of a period: queued as a job; poll GET /billing-runs/{period} for progress',
        body: startRunBody,
        response: { 202: runStatus, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await startBillingRun(staffContextOf(request), request.body)),
  );

  app.get(
    `${API}/billing-runs/:period`,
    {
      schema: {
        tags,
        summary: 'Progress of a period: its job on the queue and the run counters',
        params: periodParams,
        response: { 200: runStatus, ...readErrors },
      },
    },
    async (request) => billingRunStatus(staffContextOf(request), request.params.period),
  );

  app.get(
    `${API}/billing-runs/:period/summary`,
    {
      schema: {
        tags,
        summary:
          'Summary of a run: invoices, net, VAT, gross, estimates, deliveries, corrections, anomalies (consumption > 3× average)',
        params: periodParams,
        response: { 200: runSummary, ...readErrors },
      },
    },
    async (request) => billingRunSummary(staffContextOf(request), request.params.period),
  );

  app.get(
    `${API}/invoices`,
    {
      schema: {
        tags,
        summary:
          'Invoices and corrections of all customers, newest first (number prefix, customer, point, run period)',
        querystring: invoiceListQuery.extend(pageQuery.shape),
        response: { 200: staffInvoicePage, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return listInvoices(context.database.db, request.query, request.query, context.today);
    },
  );

  app.get(
    `${API}/invoices/:id`,
    {
      schema: {
        tags,
        summary: 'One invoice as the customer sees it: lines, VAT, readings, corrections, payments',
        params: idParams,
        response: { 200: invoiceDetail, ...readErrors },
      },
    },
    async (request) => staffInvoiceDetail(staffContextOf(request), request.params.id),
  );

  app.get(
    `${API}/invoices/:id/pdf`,
    {
      schema: {
        tags,
        summary: 'The invoice PDF',
        params: idParams,
        response: {
          200: {
            description: 'application/pdf',
            content: { 'application/pdf': { schema: binaryBody('Invoice PDF.') } },
          },
          ...readErrors,
        },
      },
    },
    async (request, reply) => {
      const { number, pdf } = await staffInvoicePdf(
        staffContextOf(request),
        request.params.id,
        request.server.dependencies.config,
      );
      return reply
        .headers(
          attachmentHeaders(`faktura-${number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`, 'application/pdf'),
        )
        .send(pdf);
    },
  );

  app.post(
    `${API}/invoices/:id/corrections`,
    {
      schema: {
        tags,
        summary:
          'Issue a correcting invoice with a reason: recalculated from current data, or cancelling (audited)',
        params: idParams,
        body: correctionBody,
        response: { 201: correctionResult, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await correctInvoice(staffContextOf(request), request.params.id, request.body)),
  );
}
