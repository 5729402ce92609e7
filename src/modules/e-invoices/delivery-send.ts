import { sql } from 'kysely';
import type { MailTransport } from '../../adapters/mail/index.ts';
import { renderInvoicePdf } from '../../adapters/pdf/invoice-pdf.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { loadInvoiceDocument } from '../invoices/document.ts';
import { invoiceEmail, invoiceFileName } from './invoice-email.ts';
import { describeMailError, isPermanentMailError, newMessageId, SENDING_LEASE_MS } from './mail-outcome.ts';

/**
 * Sends one invoice delivery. The delivery guarantee (docs/e-invoices.md):
 *
 * 1. The PDF and the message are prepared first; nothing is marked until they exist.
 * 2. The row is switched to 'sending' in its own committed statement, with the Message-ID the message will
 *    carry (chosen on the first attempt and kept for every later one). The switch succeeds only from 'queued',
 *    or from a 'sending' older than SENDING_LEASE_MS (its worker died): two workers never send at once.
 * 3. The message goes to the mail server. A refusal or a network error puts the row back to 'queued' with the
 *    reason (the job is retried with backoff); a 5xx refusal, or the last allowed attempt, marks it 'failed'.
 * 4. Acceptance by the server is recorded as 'sent' with the time.
 *
 * A crash between 3 and 4 leaves 'sending': the retry cannot know whether the server took the message, so it
 * sends again with the SAME Message-ID. The invoice is therefore never lost, and the only duplicate possible is
 * a byte-for-byte repeat with the same Message-ID, which mailbox providers that deduplicate by Message-ID show
 * once. A crash between 2 and 3 leads to the same retry, with no duplicate at all.
 */

export interface DeliveryContext {
  database: Database;
  config: Pick<Config, 'seller' | 'publicUrl' | 'mail'>;
  mail: MailTransport;
  now: () => Date;
  /** Runs after the mail server accepted and before that is recorded: tests simulate a crash there. */
  afterSend?: (deliveryId: number) => void | Promise<void>;
}

export interface AttemptInfo {
  /** This attempt's number (1 for the first) and the most the job will make. */
  attempts: number;
  maxAttempts: number;
}

export type DeliveryOutcome = 'sent' | 'already_sent' | 'failed' | 'missing';

export class DeliveryRetry extends Error {}

/** Kept as the reason when an attempt was cut off after 'sending': staff see that a duplicate was possible. */
export const INTERRUPTED =
  'previous attempt interrupted after it started sending; sent again with the same Message-ID';

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

  const now = context.now();
  const claimed = await db
    .updateTable('invoice_deliveries')
    .set((update) => ({
      status: 'sending',
      attempts: update('attempts', '+', 1),
      sending_started_at: now,
      message_id: update.fn.coalesce(
        'message_id',
        update.val(newMessageId('e-invoice', context.config.mail.from)),
      ),
      last_error: sql<string | null>`case when status = 'sending' then ${INTERRUPTED} else last_error end`,
    }))
    .where('id', '=', deliveryId)
    .where((where) =>
      where.or([
        where('status', '=', 'queued'),
        where.and([
          where('status', '=', 'sending'),
          where('sending_started_at', '<', new Date(now.getTime() - SENDING_LEASE_MS)),
        ]),
      ]),
    )
    .returning(['message_id'])
    .executeTakeFirst();
  if (!claimed?.message_id) throw new DeliveryRetry(`delivery ${deliveryId} is being sent by another worker`);

  try {
    await context.mail.send({
      to: delivery.recipient,
      subject: content.subject,
      text: content.text,
      ...(content.html === undefined ? {} : { html: content.html }),
      attachments: [{ filename: invoiceFileName(document), content: pdf, contentType: 'application/pdf' }],
      headers: { 'Message-ID': claimed.message_id, 'X-Invoice-Number': document.number },
    });
  } catch (error) {
    const final = isPermanentMailError(error) || attempt.attempts >= attempt.maxAttempts;
    await db
      .updateTable('invoice_deliveries')
      .set({ status: final ? 'failed' : 'queued', last_error: describeMailError(error) })
      .where('id', '=', deliveryId)
      .where('status', '=', 'sending')
      .execute();
    if (final) return 'failed';
    throw error;
  }
  await context.afterSend?.(deliveryId);
  await db
    .updateTable('invoice_deliveries')
    .set({
      status: 'sent',
      sent_at: context.now(),
      // The note of an interrupted attempt stays: it tells staff why the customer may have two identical copies.
      last_error: sql<string | null>`case when last_error = ${INTERRUPTED} then last_error end`,
    })
    .where('id', '=', deliveryId)
    .execute();
  return 'sent';
}
