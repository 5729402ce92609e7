import type {
  FastifyBaseLogger,
  FastifyReply,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachmentHeaders } from '../../../http/file-answer.ts';
import { toCsv, type CsvCell } from '../../portal/csv.ts';

/** The back office's Fastify instance: zod schemas type each handler's params, query, body and answer. */
export type BackofficeApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const API = '/api/v1/staff';

/** Sends a CSV download (UTF-8 with BOM, semicolons: what Polish Excel opens directly). */
export function sendCsv(
  reply: FastifyReply,
  fileName: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
) {
  return reply.headers(attachmentHeaders(fileName, 'text/csv; charset=utf-8')).send(toCsv(header, rows));
}
