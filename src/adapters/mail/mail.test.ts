import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../tests/support/app.ts';
import { parseMail } from '../../../tests/support/mail-message.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../../tests/support/smtp-receiver.ts';
import { createFileMailTransport, createMailTransport } from './index.ts';

const message = {
  to: 'jan.kowalski@example.pl',
  subject: 'Faktura za wodę — źródło żółć',
  text: 'Dzień dobry,\nw załączniku faktura na 1 234,56 zł.',
  html: '<p>Dzień dobry</p>',
  attachments: [
    { filename: 'faktura.pdf', content: Buffer.from('%PDF-1.7 test'), contentType: 'application/pdf' },
  ],
  headers: { 'X-Invoice-Number': 'FV/2025/01/000001' },
};

describe('SMTP mail transport', () => {
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('delivers the message with Polish text, html, attachment and headers over real SMTP', async () => {
    const transport = createMailTransport(
      testConfig({
        SMTP_URL: receiver.url,
        MAIL_FROM: 'iBOK <ibok@wodociagi.example.pl>',
        MAIL_REPLY_TO: 'bok@wodociagi.example.pl',
      }),
    );
    const { messageId } = await transport.send(message);
    const received = await receiver.waitFor('jan.kowalski@example.pl');
    expect(messageId).toMatch(/^<.+@.+>$/);
    expect(received.headers.get('message-id')).toBe(messageId);
    expect(received.subject).toBe(message.subject);
    expect(received.text).toContain('1 234,56 zł');
    expect(received.html).toBe('<p>Dzień dobry</p>');
    expect(received.headers.get('reply-to')).toBe('bok@wodociagi.example.pl');
    expect(received.headers.get('from')).toContain('ibok@wodociagi.example.pl');
    expect(received.headers.get('x-invoice-number')).toBe('FV/2025/01/000001');
    expect(received.attachments).toEqual([
      { filename: 'faktura.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') },
    ]);
    await transport.close?.();
  });
});

describe('file mail transport', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'ibok-mail-'));
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('is the default without SMTP_URL and writes <DATA_DIR>/mail/*.eml', async () => {
    const transport = createMailTransport(testConfig({ DATA_DIR: directory }));
    await transport.send({ to: 'a@example.pl', subject: 'Pierwsza', text: 'treść' });
    const stored = await createFileMailTransport(path.join(directory, 'mail'), {
      from: 'x@y.pl',
      replyTo: undefined,
    }).list();
    expect(stored.map((entry) => entry.name)).toEqual([
      expect.stringMatching(/^\d{8}T\d{9}Z-[0-9a-f]{12}\.eml$/),
    ]);
  });

  it('stores RFC 822 messages it can list and read back, in sending order', async () => {
    const folder = path.join(directory, 'listing');
    const transport = createFileMailTransport(folder, { from: 'iBOK <ibok@example.pl>', replyTo: undefined });
    expect(await transport.list()).toEqual([]);
    const first = await transport.send({ ...message, to: 'first@example.pl' });
    await transport.send({ to: 'second@example.pl', subject: 'Druga', text: 'Łódź' });
    const stored = await transport.list();
    expect(stored).toHaveLength(2);
    const raw = await transport.read(stored[0]!.name);
    expect(raw.toString('latin1')).toContain('\r\n');
    const parsed = parseMail(raw);
    expect(parsed.to).toBe('first@example.pl');
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.headers.get('message-id')).toBe(first.messageId);
    expect(parsed.attachments[0]?.content.toString()).toBe('%PDF-1.7 test');
    expect(parseMail(await transport.read(stored[1]!.name)).text).toBe('Łódź');
    await expect(transport.read('../secret.eml')).rejects.toThrow('not a stored message');
  });
});
