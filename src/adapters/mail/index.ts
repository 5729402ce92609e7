import path from 'node:path';
import type { Config } from '../../config.ts';
import { createFileMailTransport } from './file-transport.ts';
import { createSmtpMailTransport } from './smtp-transport.ts';
import type { MailTransport } from './transport.ts';

export type { MailAttachment, MailMessage, MailTransport } from './transport.ts';
export { createFileMailTransport, type FileMailTransport, type StoredMail } from './file-transport.ts';
export { createSmtpMailTransport } from './smtp-transport.ts';

/** SMTP when SMTP_URL is set; otherwise .eml files under <DATA_DIR>/mail/. */
export function createMailTransport(config: Config): MailTransport {
  const sender = { from: config.mail.from, replyTo: config.mail.replyTo };
  if (config.mail.smtpUrl) return createSmtpMailTransport(config.mail.smtpUrl, sender);
  return createFileMailTransport(path.join(config.dataDirectory, 'mail'), sender);
}
