import { randomUUID } from 'node:crypto';

/**
 * How a failed hand-over to the mail server is treated. A 5xx reply is the server's final word (no such
 * mailbox, message refused): retrying cannot help, so the delivery fails at once for staff to look at.
 * Everything else (4xx such as 451 "try again later", a refused or dropped connection, a timeout) is
 * retried with backoff.
 */
export function isPermanentMailError(error: unknown): boolean {
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** A short reason for the back office: the server's reply code and text, or the network error code. */
export function describeMailError(error: unknown): string {
  const details = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const text =
    typeof details.response === 'string'
      ? details.response
      : typeof details.message === 'string'
        ? details.message
        : String(error);
  const code =
    typeof details.responseCode === 'number'
      ? String(details.responseCode)
      : typeof details.code === 'string'
        ? details.code
        : '';
  return `${code ? `${code}: ` : ''}${text}`.replace(/\s+/g, ' ').slice(0, 500);
}

/** The domain of the sender address ("iBOK <ibok@wodociagi.pl>" → "wodociagi.pl"), for Message-IDs. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1] ?? 'localhost';
}

/** A Message-ID chosen before sending, so that a repeated attempt carries the same one. */
export function newMessageId(kind: string, from: string): string {
  return `<${kind}.${randomUUID()}@${senderDomain(from)}>`;
}

/**
 * How long a delivery may stay 'sending' before it is taken for interrupted (the worker died). Longer than
 * any SMTP exchange can take (nodemailer gives up on a silent socket after 10 minutes), so a slow but live
 * sender is never overtaken by a second one.
 */
export const SENDING_LEASE_MS = 15 * 60_000;
