import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { composeOptions, type MailMessage, type MailSender, type MailTransport } from './transport.ts';

export interface StoredMail {
  /** The file name inside the mail folder, e.g. 20250114T101501123Z-3f9a….eml */
  name: string;
  path: string;
  size: number;
  storedAt: Date;
}

export interface FileMailTransport extends MailTransport {
  readonly directory: string;
  /** Stored messages, oldest first. */
  list(): Promise<StoredMail[]>;
  /** The raw RFC 822 message. */
  read(name: string): Promise<Buffer>;
}

/**
 * Without an SMTP relay (development, demo) each message is written as an .eml file that any mail client opens,
 * so nothing is lost and nothing leaves the machine. The folder is created on the first message only.
 */
export function createFileMailTransport(directory: string, sender: MailSender): FileMailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    directory,
    async send(message: MailMessage) {
      const info = await composer.sendMail(composeOptions(message, sender));
      const raw = info.message;
      if (!Buffer.isBuffer(raw)) throw new Error('the message composer did not return a buffer');
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // A sortable time prefix keeps the folder in sending order; the random part keeps names unique.
      const stamp = new Date().toISOString().replace(/[-:.]/g, '');
      const name = `${stamp}-${randomBytes(6).toString('hex')}.eml`;
      await writeFile(path.join(directory, name), raw, { mode: 0o600 });
      return { messageId: info.messageId };
    },
    async list() {
      let names: string[];
      try {
        names = (await readdir(directory)).filter((name) => name.endsWith('.eml'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const stored = await Promise.all(
        names.sort().map(async (name) => {
          const file = path.join(directory, name);
          const details = await stat(file);
          return { name, path: file, size: details.size, storedAt: details.mtime };
        }),
      );
      return stored;
    },
    async read(name: string) {
      // Only plain names from list(): a path would let a caller read any file.
      if (path.basename(name) !== name || !name.endsWith('.eml'))
        throw new Error(`not a stored message: ${name}`);
      return readFile(path.join(directory, name));
    },
  };
}
