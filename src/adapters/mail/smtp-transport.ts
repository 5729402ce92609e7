import nodemailer from 'nodemailer';
import { composeOptions, type MailMessage, type MailSender, type MailTransport } from './transport.ts';

/**
 * Sends over SMTP. Connection options come from the URL, including nodemailer's query options
 * (e.g. `smtp://relay.example.pl:587/?requireTLS=true`, or `?ignoreTLS=true` for a local test receiver).
 */
export function createSmtpMailTransport(smtpUrl: string, sender: MailSender): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(message: MailMessage) {
      const info = await transporter.sendMail(composeOptions(message, sender));
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
