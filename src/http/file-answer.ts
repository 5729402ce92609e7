import { z } from 'zod';

/** A file answer (PDF, scan, e-mail): the handler sends a Buffer; OpenAPI shows binary content. */
export function fileAnswer(contentType: string, description: string) {
  const schema = z
    .custom<Buffer>((value) => Buffer.isBuffer(value))
    .meta({ type: 'string', format: 'binary', description });
  return { description: contentType, content: { [contentType]: { schema } } };
}
