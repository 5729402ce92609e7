/** One e-mail as the product composes it; the transport adds the sender address and the MIME encoding. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  replyTo?: string;
  headers?: Record<string, string>;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Releases pooled connections, if the transport keeps any. */
  close?(): Promise<void>;
}

/** Sender fields every message gets unless it sets its own reply address. */
export interface MailSender {
  from: string;
  replyTo: string | undefined;
}

/** The nodemailer options for one message, shared by the SMTP and the file transports. */
export function composeOptions(message: MailMessage, sender: MailSender) {
  const replyTo = message.replyTo ?? sender.replyTo;
  return {
    from: sender.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(message.headers === undefined ? {} : { headers: message.headers }),
    ...(message.attachments === undefined
      ? {}
      : {
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: attachment.content,
            contentType: attachment.contentType,
          })),
        }),
  };
}
