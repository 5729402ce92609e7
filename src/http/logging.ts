import type { FastifyServerOptions } from 'fastify';

/**
 * Secrets and personal data never reach the logs: credentials, cookies and tokens are redacted by path,
 * query strings are dropped from logged URLs (they may carry single-use tokens), and bodies are not logged.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.sessionSecret',
  '*.encryptionKey',
  '*.pesel',
  '*.nip',
  '*.email',
  '*.phone',
  '*.totpSecret',
  '*.totp_secret',
  '*.password_hash',
  '*.passwordHash',
  '*.staffPassword',
  '*.activationCode',
  '*.csrfToken',
  'req.headers["x-csrf-token"]',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { id: request.id, method: request.method, url: request.url.split('?')[0] };
      },
    },
  };
}
