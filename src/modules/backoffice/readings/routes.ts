import { z } from 'zod';
import { AppError } from '../../../http/errors.ts';
import { localize } from '../../../http/language.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';
import { changeErrors, idParams, pageQuery, readErrors } from '../shared/schemas.ts';
import { ReadingsFileError } from './csv.ts';
import { importReadings, importReport } from './import.ts';
import { listImportBatches, listReadings } from './list.ts';
import { enterReading } from './manual.ts';
import { acceptReading, correctReading, rejectReading, reviewQueue } from './review.ts';
import {
  acceptBody,
  correctBody,
  correctionAnswer,
  decidedReading,
  enteredReading,
  importBatchPage,
  importQuery,
  importReportSchema,
  readingEntry,
  readingListQuery,
  readingPage,
  rejectBody,
  reviewPage,
  reviewQuery,
} from './schemas.ts';

const tags = ['back office: readings'];

/** The uploaded file: raw bytes (Content-Type text/csv), read as UTF-8 by the import. */
const csvFile = z
  .custom<Buffer>((value) => Buffer.isBuffer(value), { error: 'csv' })
  .meta({ type: 'string', format: 'binary', description: 'The CSV file.' });

/** Readings files up to this size are taken (about 400 000 lines). */
export const MAXIMUM_IMPORT_BYTES = 20 * 1024 * 1024;

export function readingRoutes(app: BackofficeApp): void {
  // The file arrives as the raw body; the import reads it as UTF-8 text.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: MAXIMUM_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    `${API}/readings`,
    {
      schema: {
        tags,
        summary: 'Readings, newest first, by meter, status, source, import or dates',
        querystring: readingListQuery.extend(pageQuery.shape),
        response: { 200: readingPage, ...readErrors },
      },
    },
    async (request) => listReadings(staffContextOf(request).database.db, request.query, request.query),
  );

  app.post(
    `${API}/readings`,
    {
      schema: {
        tags,
        summary:
          'Enter a reading by hand (the import rules apply; an implausible value waits for review unless acceptImplausible)',
        body: readingEntry,
        response: { 201: enteredReading, ...changeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await enterReading(staffContextOf(request), request.body)),
  );

  app.post(
    `${API}/reading-imports`,
    {
      schema: {
        tags,
        summary:
          'Import a readings CSV (body: the file, Content-Type text/csv); answers the report of rejected lines',
        description:
          'Format: header `meter_serial;date;value_m3;source`, semicolons, UTF-8, decimal comma or dot (docs/back-office.md). ' +
          'Importing the same file again changes nothing and answers the first report with alreadyImported = true.',
        consumes: ['text/csv'],
        querystring: importQuery,
        body: csvFile,
        response: { 200: importReportSchema, ...changeErrors, 415: readErrors[400] },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'unsupported_media_type',
          localize(
            { pl: 'Prześlij plik CSV jako text/csv.', en: 'Send the CSV file as text/csv.' },
            context.language,
          ),
        );
      }
      try {
        return await importReadings(context.database, {
          fileName: request.query.fileName,
          content: request.body,
          actor: context.actor,
          now: context.now,
          today: context.today,
        });
      } catch (error) {
        if (error instanceof ReadingsFileError)
          throw new AppError('bad_request', localize(error.text, context.language));
        throw error;
      }
    },
  );

  app.get(
    `${API}/reading-imports`,
    {
      schema: {
        tags,
        summary: 'Reading imports, newest first, with their counts',
        querystring: pageQuery,
        response: { 200: importBatchPage, ...readErrors },
      },
    },
    async (request) => listImportBatches(staffContextOf(request).database.db, request.query),
  );

  app.get(
    `${API}/reading-imports/:id`,
    {
      schema: {
        tags,
        summary: 'The report of one import: counts and every rejected line with its reason',
        params: idParams,
        response: { 200: importReportSchema, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      const report = await importReport(context.database.db, request.params.id, false);
      if (!report) throw notFoundError(notFoundText.importBatch, context.language);
      return report;
    },
  );

  app.get(
    `${API}/readings/review`,
    {
      schema: {
        tags,
        summary: 'Review queue: self-readings and implausible values waiting for a decision, oldest first',
        querystring: reviewQuery.extend(pageQuery.shape),
        response: { 200: reviewPage, ...readErrors },
      },
    },
    async (request) => reviewQueue(staffContextOf(request).database.db, request.query, request.query),
  );

  app.post(
    `${API}/readings/:id/accept`,
    {
      schema: {
        tags,
        summary: 'Accept a pending reading (audited)',
        params: idParams,
        body: acceptBody,
        response: { 200: decidedReading, ...changeErrors },
      },
    },
    async (request) => acceptReading(staffContextOf(request), request.params.id, request.body.note ?? null),
  );

  app.post(
    `${API}/readings/:id/reject`,
    {
      schema: {
        tags,
        summary: 'Reject a pending reading with a reason (audited; the customer sees the reason)',
        params: idParams,
        body: rejectBody,
        response: { 200: decidedReading, ...changeErrors },
      },
    },
    async (request) => rejectReading(staffContextOf(request), request.params.id, request.body.reason),
  );

  app.post(
    `${API}/readings/:id/correct`,
    {
      schema: {
        tags,
        summary:
          'Correct a pending or accepted reading; invoices that used it get correcting invoices with the reason',
        params: idParams,
        body: correctBody,
        response: { 200: correctionAnswer, ...changeErrors },
      },
    },
    async (request) => correctReading(staffContextOf(request), request.params.id, request.body),
  );
}
