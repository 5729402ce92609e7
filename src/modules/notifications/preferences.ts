import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CHANNELS, NOTIFICATION_KINDS, type ChannelName, type NotificationKind } from './kinds.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Preferences per customer, kind and channel. Without a stored row e-mail is on (these are service messages
 * about the customer's own account) and SMS is off (it costs money per message and needs a phone number).
 */
export const DEFAULT_ENABLED: Record<ChannelName, boolean> = { email: true, sms: false };

export type Preferences = Record<NotificationKind, Record<ChannelName, boolean>>;

export async function preferencesOf(db: Executor, customerId: number): Promise<Preferences> {
  const rows = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const preferences = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { ...DEFAULT_ENABLED }]),
  ) as Preferences;
  for (const row of rows) {
    const kind = row.kind as NotificationKind;
    const channel = row.channel as ChannelName;
    if (preferences[kind] && CHANNELS.includes(channel)) preferences[kind][channel] = row.enabled;
  }
  return preferences;
}

export async function setPreferences(
  db: Executor,
  customerId: number,
  changes: { kind: NotificationKind; channel: ChannelName; enabled: boolean }[],
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('notification_preferences')
    .values(
      changes.map((change) => ({
        customer_id: customerId,
        kind: change.kind,
        channel: change.channel,
        enabled: change.enabled,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['customer_id', 'kind', 'channel'])
        .doUpdateSet((update) => ({ enabled: update.ref('excluded.enabled') })),
    )
    .execute();
}

/** The customers (of those given) who turned a kind off for a channel. */
export async function optedOut(
  db: Executor,
  customerIds: readonly number[],
  kind: NotificationKind,
  channel: ChannelName,
): Promise<Set<number>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_preferences')
    .select('customer_id')
    .where('customer_id', 'in', [...customerIds])
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .where('enabled', '=', !DEFAULT_ENABLED[channel])
    .execute();
  const set = new Set(rows.map((row) => row.customer_id));
  if (DEFAULT_ENABLED[channel]) return set;
  // For a channel that is off by default, everyone without an explicit "on" is out.
  return new Set(customerIds.filter((id) => !set.has(id)));
}
