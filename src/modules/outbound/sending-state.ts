import { sql, type Generated, type Kysely } from 'kysely';
import type { DB, Timestamp } from '../../db/schema.ts';
import { describeMailError, isPermanentMailError, newMessageId, SENDING_LEASE_MS } from './mail-outcome.ts';

/**
 * The states of one outgoing message, the same for invoice e-mails and notifications (docs/e-invoices.md,
 * "Delivery guarantee"): queued → sending → sent, or back to queued for a retry, or failed.
 *
 * 1. The message is prepared first; nothing is marked until it exists (the caller's part).
 * 2. `claimForSending`: the row turns 'sending' in its own committed statement, with the Message-ID the
 *    message will carry (chosen on the first attempt and kept for every later one). Only from 'queued', or
 *    from a 'sending' older than SENDING_LEASE_MS (its worker died): two workers never send at once.
 * 3. The hand-over. `recordSendFailure`: a refusal or a network error puts the row back to 'queued' with the
 *    reason (the job retries with backoff); a 5xx refusal, or the last allowed attempt, marks it 'failed'.
 * 4. `recordSent`: the server's acceptance, with the time.
 *
 * A crash between 3 and 4 leaves 'sending': the retry cannot know whether the server took the message, so it
 * sends again with the SAME Message-ID. Nothing is lost, and the only duplicate possible is a byte-for-byte
 * repeat that mailbox providers deduplicating by Message-ID show once.
 */
export type OutboundTable = 'invoice_deliveries' | 'notifications';

/** The columns every outbound table has for this (the tables add what they send). */
interface SendingColumns {
  id: Generated<number>;
  status: Generated<string>;
  attempts: Generated<number>;
  sending_started_at: Timestamp | null;
  message_id: string | null;
  last_error: string | null;
  sent_at: Timestamp | null;
}
type OutboundSchema = Record<OutboundTable, SendingColumns>;

/** This attempt's number (1 for the first) and the most the job will make. */
export interface AttemptInfo {
  attempts: number;
  maxAttempts: number;
}

/** Kept as the reason when an attempt was cut off after 'sending': staff see that a duplicate was possible. */
export const INTERRUPTED =
  'previous attempt interrupted after it started sending; sent again with the same Message-ID';

/** Another worker is sending the row right now: the job tries again later. */
export class SendingInProgress extends Error {}

// Both tables have the columns above, and only those are touched here.
const outbound = (db: Kysely<DB>) => db as unknown as Kysely<OutboundSchema>;

/** Step 2: returns the Message-ID to send with. */
export async function claimForSending(
  db: Kysely<DB>,
  table: OutboundTable,
  id: number,
  message: { kind: string; from: string; now: Date },
): Promise<string> {
  const claimed = await outbound(db)
    .updateTable(table)
    .set((update) => ({
      status: 'sending',
      attempts: update('attempts', '+', 1),
      sending_started_at: message.now,
      message_id: update.fn.coalesce('message_id', update.val(newMessageId(message.kind, message.from))),
      last_error: sql<string | null>`case when status = 'sending' then ${INTERRUPTED} else last_error end`,
    }))
    .where('id', '=', id)
    .where((where) =>
      where.or([
        where('status', '=', 'queued'),
        where.and([
          where('status', '=', 'sending'),
          where('sending_started_at', '<', new Date(message.now.getTime() - SENDING_LEASE_MS)),
        ]),
      ]),
    )
    .returning('message_id')
    .executeTakeFirst();
  if (!claimed?.message_id) throw new SendingInProgress(`${table} ${id} is being sent by another worker`);
  return claimed.message_id;
}

/** Step 3 went wrong: 'failed' for good (a 5xx, or no attempts left), or back to 'queued' for a retry. */
export async function recordSendFailure(
  db: Kysely<DB>,
  table: OutboundTable,
  id: number,
  error: unknown,
  attempt: AttemptInfo,
): Promise<'failed' | 'retry'> {
  const final = isPermanentMailError(error) || attempt.attempts >= attempt.maxAttempts;
  await outbound(db)
    .updateTable(table)
    .set({ status: final ? 'failed' : 'queued', last_error: describeMailError(error) })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
  return final ? 'failed' : 'retry';
}

/** Step 4. The note of an interrupted attempt stays: it tells staff why two identical copies may have come. */
export async function recordSent(db: Kysely<DB>, table: OutboundTable, id: number, now: Date): Promise<void> {
  await outbound(db)
    .updateTable(table)
    .set({
      status: 'sent',
      sent_at: now,
      last_error: sql<string | null>`case when last_error = ${INTERRUPTED} then last_error end`,
    })
    .where('id', '=', id)
    .execute();
}
