import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './mail-message.ts';

export interface ReceivedMail extends ParsedMail {
  envelopeTo: string[];
  raw: Buffer;
}

export interface SmtpReceiver {
  /** An SMTP_URL for the configuration: plain SMTP on loopback, no STARTTLS. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving) addressed to `recipient`. */
  waitFor(recipient: string, options?: { timeoutMs?: number; after?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: messages travel the same protocol as in production and are
 * parsed here. STARTTLS is disabled, so the sending transport needs `ignoreTLS` (the URL carries it).
 */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        messages.push({
          ...parseMail(raw),
          envelopeTo: session.envelope.rcptTo.map((entry) => entry.address),
          raw,
        });
        for (const listener of listeners) listener();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    messages,
    waitFor(recipient, { timeoutMs = 5000, after = 0 } = {}) {
      const find = () =>
        messages
          .slice(after)
          .find(
            (message) =>
              message.envelopeTo.includes(recipient.toLowerCase()) || message.envelopeTo.includes(recipient),
          );
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = () => {
          const message = find();
          if (!message) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(message);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no e-mail to ${recipient} arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
