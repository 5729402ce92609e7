import type {
  FastifyBaseLogger,
  FastifyReply,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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

/** Headers of a download: never cached, named after its content. */
export function downloadHeaders(fileName: string, contentType: string) {
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'private, no-store',
  };
}

/** Sends a CSV download (UTF-8 with BOM, semicolons: what Polish Excel opens directly). */
export function sendCsv(
  reply: FastifyReply,
  fileName: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
) {
  return reply.headers(downloadHeaders(fileName, 'text/csv; charset=utf-8')).send(toCsv(header, rows));
}
