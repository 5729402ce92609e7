import type { MailTransport } from '../../adapters/mail/index.ts';
import { renderInvoicePdf } from '../../adapters/pdf/invoice-pdf.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { loadInvoiceDocument } from '../invoices/document.ts';
import { invoiceEmail, invoiceFileName } from './invoice-email.ts';
import {
  claimForSending,
  recordSendFailure,
  recordSent,
  type AttemptInfo,
} from '../outbound/sending-state.ts';

/**
 * Sends one invoice delivery: the PDF and the message are prepared first, then the row goes through the states
 * of every outgoing message (../outbound/sending-state.ts): claimed as 'sending' with its Message-ID, handed to
 * the mail server, recorded as 'sent', or put back for a retry, or failed. The invoice is never lost; the only
 * duplicate possible is a repeat with the same Message-ID after a crash at the worst moment.
 */

export interface DeliveryContext {
  database: Database;
  config: Pick<Config, 'seller' | 'publicUrl' | 'mail'>;
  mail: MailTransport;
  now: () => Date;
  /** Runs after the mail server accepted and before that is recorded: tests simulate a crash there. */
  afterSend?: (deliveryId: number) => void | Promise<void>;
}

export type DeliveryOutcome = 'sent' | 'already_sent' | 'failed' | 'missing';

async function prepare(context: DeliveryContext, invoiceId: number, language: string) {
  const loaded = await loadInvoiceDocument(context.database.db, invoiceId, context.config);
  if (!loaded) throw new Error(`invoice ${invoiceId} does not exist`);
  const document = { ...loaded, language: language === 'en' ? ('en' as const) : ('pl' as const) };
  const pdf = await renderInvoicePdf(document);
  const content = invoiceEmail(document, { publicUrl: context.config.publicUrl, invoiceId });
  return { document, pdf, content };
}

export async function deliverInvoice(
  context: DeliveryContext,
  deliveryId: number,
  attempt: AttemptInfo,
): Promise<DeliveryOutcome> {
  const { db } = context.database;
  const delivery = await db
    .selectFrom('invoice_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (!delivery) return 'missing';
  if (delivery.status === 'sent') return 'already_sent';
  if (delivery.status === 'failed') return 'failed';

  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(context, delivery.invoice_id, delivery.language);
  } catch (error) {
    // Nothing was sent; on the last attempt the reason is kept where staff look (the outbox), not only in the job.
    if (attempt.attempts >= attempt.maxAttempts) {
      await db
        .updateTable('invoice_deliveries')
        .set({ status: 'failed', last_error: `preparing the message failed: ${String(error)}`.slice(0, 500) })
        .where('id', '=', deliveryId)
        .where('status', '=', 'queued')
        .execute();
    }
    throw error;
  }
  const { document, pdf, content } = prepared;

  const messageId = await claimForSending(db, 'invoice_deliveries', deliveryId, {
    kind: 'e-invoice',
    from: context.config.mail.from,
    now: context.now(),
  });
  try {
    await context.mail.send({
      to: delivery.recipient,
      subject: content.subject,
      text: content.text,
      ...(content.html === undefined ? {} : { html: content.html }),
      attachments: [{ filename: invoiceFileName(document), content: pdf, contentType: 'application/pdf' }],
      headers: { 'Message-ID': messageId, 'X-Invoice-Number': document.number },
    });
  } catch (error) {
    if ((await recordSendFailure(db, 'invoice_deliveries', deliveryId, error, attempt)) === 'failed') {
      return 'failed';
    }
    throw error;
  }
  await context.afterSend?.(deliveryId);
  await recordSent(db, 'invoice_deliveries', deliveryId, context.now());
  return 'sent';
}
