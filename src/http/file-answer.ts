import { z } from 'zod';

/** A file answer (PDF, scan, e-mail): the handler sends a Buffer; OpenAPI shows binary content. */
export function fileAnswer(contentType: string, description: string) {
  const schema = z
    .custom<Buffer>((value) => Buffer.isBuffer(value))
    .meta({ type: 'string', format: 'binary', description });
  return { description: contentType, content: { [contentType]: { schema } } };
}

/**
 * Headers of a download, named after its content. Personal files are never cached (`private, no-store`);
 * public documents such as the terms may pass another policy.
 */
export function attachmentHeaders(fileName: string, contentType: string, cacheControl = 'private, no-store') {
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': cacheControl,
  };
}
