import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueue, enqueueMany, type JobToEnqueue } from '../../jobs/queue.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import type { Executor } from './consent-store.ts';

export const INVOICE_DELIVERY_QUEUE = 'e-invoice-delivery';
/**
 * With the queue's backoff (10 s doubling, capped at an hour) 20 attempts span about 12 hours: a mail relay down
 * overnight is waited out; after that the delivery fails visibly and the invoice is listed for paper.
 */
export const DELIVERY_MAX_ATTEMPTS = 20;

const CHUNK = 1000;

/** The job that sends one delivery; the key makes enqueueing it twice harmless. */
function deliveryJob(deliveryId: number): JobToEnqueue {
  return {
    payload: { deliveryId },
    options: { uniqueKey: `${INVOICE_DELIVERY_QUEUE}:${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS },
  };
}

export async function enqueueDeliveryJob(db: Executor, deliveryId: number): Promise<void> {
  const { payload, options } = deliveryJob(deliveryId);
  await enqueue(db, INVOICE_DELIVERY_QUEUE, payload, options);
}

/**
 * Queues the e-mail of each given invoice that was issued for e-mail delivery (invoices.delivery = 'email',
 * decided by the billing run from the consent in force). Call it inside the transaction that issues the
 * invoices: the delivery rows and their jobs then exist exactly when the invoices do. Idempotent: an invoice
 * that already has its first delivery is skipped. The recipient is the address of the customer's latest
 * grant, taken now, so a later change of address does not redirect an invoice already issued.
 */
export async function enqueueInvoiceDeliveries(db: Executor, invoiceIds: readonly number[]): Promise<number> {
  let queued = 0;
  for (let start = 0; start < invoiceIds.length; start += CHUNK) {
    const ids = invoiceIds.slice(start, start + CHUNK);
    const candidates = await db
      .selectFrom('invoices as i')
      .innerJoin('customers as cu', 'cu.id', 'i.customer_id')
      .where('i.id', 'in', [...ids])
      .where('i.delivery', '=', 'email')
      .where('i.cancelled_at', 'is', null)
      // Invoices that already have their first delivery are left out by the insert's conflict clause below
      // rather than here: a "not exists" here was planned as a scan of all first deliveries per invoice.
      .select([
        'i.id',
        'cu.language',
        sql<string | null>`(select c.email from e_invoice_consents c
          where c.customer_id = i.customer_id and c.action = 'granted'
          order by c.recorded_at desc, c.id desc limit 1)`.as('email'),
      ])
      .orderBy('i.id')
      .execute();
    const rows = candidates.filter((row): row is typeof row & { email: string } => row.email !== null);
    if (rows.length === 0) continue;
    const inserted = await db
      .insertInto('invoice_deliveries')
      .values(
        rows.map((row) => ({
          invoice_id: row.id,
          generation: 1,
          recipient: row.email,
          language: row.language === 'en' ? 'en' : 'pl',
        })),
      )
      .onConflict((conflict) => conflict.columns(['invoice_id', 'generation']).doNothing())
      .returning('id')
      .execute();
    await enqueueMany(
      db,
      INVOICE_DELIVERY_QUEUE,
      inserted.map((row) => deliveryJob(row.id)),
    );
    queued += inserted.length;
  }
  return queued;
}

/**
 * The safety net behind the issuing hook: e-mail invoices issued since `sinceDate` that have no delivery yet
 * (issued by a path that did not call the hook, or before it existed) are queued now.
 */
export async function enqueueMissingDeliveries(db: Kysely<DB>, sinceDate: string): Promise<number> {
  const missing = await db
    .selectFrom('invoices as i')
    .where('i.delivery', '=', 'email')
    .where('i.cancelled_at', 'is', null)
    .where('i.issue_date', '>=', sinceDate)
    .where((where) =>
      where.not(
        where.exists(where.selectFrom('invoice_deliveries as d').whereRef('d.invoice_id', '=', 'i.id')),
      ),
    )
    .select('i.id')
    .orderBy('i.id')
    .execute();
  if (missing.length === 0) return 0;
  return db.transaction().execute((trx) =>
    enqueueInvoiceDeliveries(
      trx,
      missing.map((row) => row.id),
    ),
  );
}

export interface ResendRequest {
  invoiceId: number;
  staffUserId: number;
  /** Another address (e.g. the customer asked by phone); by default the address of the last delivery. */
  email: string | undefined;
  ip: string;
  now: Date;
  language: Language;
}

/** A staff resend: a new delivery generation with its own Message-ID, queued like the first one. */
export async function resendInvoice(
  db: Kysely<DB>,
  request: ResendRequest,
): Promise<{ deliveryId: number; generation: number; recipient: string }> {
  return db.transaction().execute(async (trx) => {
    const invoice = await trx
      .selectFrom('invoices')
      .select(['id', 'delivery', 'customer_id', 'number'])
      .where('id', '=', request.invoiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!invoice)
      throw new AppError(
        'not_found',
        localize({ pl: 'Nie znaleziono faktury.', en: 'Invoice not found.' }, request.language),
      );
    if (invoice.delivery !== 'email') {
      throw new AppError(
        'conflict',
        localize(
          {
            pl: 'Ta faktura została wystawiona w formie papierowej (brak akceptacji e-faktur w dniu wystawienia); wydrukuj ją.',
            en: 'This invoice was issued on paper (no e-invoice acceptance on the issue date); print it instead.',
          },
          request.language,
        ),
      );
    }
    const last = await trx
      .selectFrom('invoice_deliveries')
      .select(['generation', 'recipient', 'language'])
      .where('invoice_id', '=', invoice.id)
      .orderBy('generation', 'desc')
      .limit(1)
      .executeTakeFirst();
    const customer = await trx
      .selectFrom('customers')
      .select('language')
      .where('id', '=', invoice.customer_id)
      .executeTakeFirstOrThrow();
    const consentEmail = await trx
      .selectFrom('e_invoice_consents')
      .select('email')
      .where('customer_id', '=', invoice.customer_id)
      .where('action', '=', 'granted')
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const recipient = request.email?.trim() || last?.recipient || consentEmail?.email;
    if (!recipient) {
      throw new AppError(
        'conflict',
        localize(
          { pl: 'Brak adresu e-mail odbiorcy.', en: 'There is no recipient address.' },
          request.language,
        ),
      );
    }
    const generation = (last?.generation ?? 0) + 1;
    const delivery = await trx
      .insertInto('invoice_deliveries')
      .values({
        invoice_id: invoice.id,
        generation,
        recipient,
        language: customer.language === 'en' ? 'en' : 'pl',
        requested_by_staff_id: request.staffUserId,
        created_at: request.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueDeliveryJob(trx, delivery.id);
    await trx
      .insertInto('audit_log')
      .values({
        occurred_at: request.now,
        actor_kind: 'staff',
        actor_id: request.staffUserId,
        action: 'e_invoice.resent',
        entity: 'invoice',
        entity_id: String(invoice.id),
        after: JSON.stringify({ deliveryId: delivery.id, generation, number: invoice.number }),
        ip: request.ip,
      })
      .execute();
    return { deliveryId: delivery.id, generation, recipient };
  });
}
