import { execFileSync, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import { parseMail } from '../../../tests/support/mail-message.ts';
import type { ReceivedMail } from '../../../tests/support/smtp-receiver.ts';

/**
 * Helpers of the e-invoice and notification tests (imported by *.test.ts only): PDF text extraction and an
 * SMTP receiver that can refuse recipients or be stopped and started again on the same port.
 */

export const pdftotextAvailable = spawnSync('pdftotext', ['-v']).error === undefined;

/** The text a reader sees in a PDF (pdftotext from poppler-utils), spaces collapsed. Required in CI. */
export function pdfText(pdf: Buffer): string {
  if (!pdftotextAvailable) {
    expect.fail('pdftotext is required to read PDFs back: apt-get install -y poppler-utils');
  }
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/[ \u00a0]+/g, ' ');
}

export interface ControllableReceiver {
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** How many RCPT TO commands were refused so far. */
  readonly refusals: number;
  /** The next `count` recipients are refused with this SMTP reply code (451: try later; 550: no such mailbox). */
  refuseNext(count: number, code: number): void;
  stop(): Promise<void>;
  /** Starts again on the same port after stop(). */
  start(): Promise<void>;
}

export async function startControllableReceiver(): Promise<ControllableReceiver> {
  const messages: ReceivedMail[] = [];
  let toRefuse = 0;
  let refusalCode = 451;
  let refusals = 0;
  let port = 0;
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (toRefuse > 0) {
          toRefuse -= 1;
          refusals += 1;
          const error = Object.assign(
            new Error(refusalCode >= 500 ? 'Mailbox unavailable' : 'Try again later'),
            { responseCode: refusalCode },
          );
          callback(error);
          return;
        }
        callback();
      },
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
          callback();
        });
      },
    });

  const start = async () => {
    server = create();
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
    port = (listening.server.address() as AddressInfo).port;
  };
  await start();

  return {
    get url() {
      return `smtp://127.0.0.1:${port}/?ignoreTLS=true`;
    },
    messages,
    get refusals() {
      return refusals;
    },
    refuseNext(count, code) {
      toRefuse = count;
      refusalCode = code;
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    start,
  };
}
