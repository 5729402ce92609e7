import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { localize, type Language } from '../../../http/language.ts';
import { accessOf } from '../../auth/login-store.ts';
import { idList, notFoundFor, NOT_FOUND_TEXT, type Executor, type PortalScope } from '../scope.ts';
import { validationFailed } from '../validation.ts';
import { NOTIFICATION_KINDS, type ChannelName, type NotificationKind } from '../../notifications/kinds.ts';
import { preferencesOf, setPreferences } from '../../notifications/preferences.ts';
import { NOTIFICATION_LABELS } from './preferences.ts';

export interface Address {
  street: string;
  building: string;
  apartment: string | null;
  postalCode: string;
  city: string;
}

/** Polish numbers: 9 digits, with or without +48; stored as +48 and the digits, so SMS gateways accept them. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  const match = /^(?:\+?48)?(\d{9})$/.exec(digits);
  return match ? `+48${match[1]}` : null;
}

export async function loadProfile(db: Executor, scope: PortalScope) {
  const login = await db
    .selectFrom('customer_logins')
    .select(['email', 'language'])
    .where('id', '=', scope.loginId)
    .executeTakeFirstOrThrow();
  const access = (await accessOf(db, scope.loginId)).filter((entry) =>
    scope.customerIds.includes(entry.customerId),
  );
  const customers = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', 'in', idList(scope.customerIds))
    .execute();
  const preferences = new Map<number, Awaited<ReturnType<typeof preferencesOf>>>();
  for (const customerId of scope.customerIds)
    preferences.set(customerId, await preferencesOf(db, customerId));
  return {
    login: { email: login.email, language: login.language === 'en' ? ('en' as const) : ('pl' as const) },
    notificationKinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_LABELS[kind] })),
    customers: access.map((entry) => {
      const customer = customers.find((row) => row.id === entry.customerId)!;
      const holder = entry.role === 'holder';
      return {
        customerId: entry.customerId,
        customerNumber: entry.customerNumber,
        name: entry.name,
        role: entry.role,
        kind: customer.kind === 'company' ? ('company' as const) : ('person' as const),
        editable: holder,
        // A manager acts for the customer but does not see the customer's personal contact data.
        contact: holder
          ? {
              email: customer.email,
              phone: customer.phone,
              nip: customer.nip,
              address: {
                street: customer.street,
                building: customer.building,
                apartment: customer.apartment,
                postalCode: customer.postal_code,
                city: customer.city,
              },
              mailingAddress:
                customer.mail_street &&
                customer.mail_building &&
                customer.mail_postal_code &&
                customer.mail_city
                  ? {
                      street: customer.mail_street,
                      building: customer.mail_building,
                      apartment: customer.mail_apartment,
                      postalCode: customer.mail_postal_code,
                      city: customer.mail_city,
                    }
                  : null,
            }
          : null,
        notificationPreferences: preferences.get(entry.customerId)!,
      };
    }),
  };
}

export interface ProfileChange {
  customerId?: number;
  language?: Language;
  phone?: string | null;
  notificationPreferences?: Partial<Record<NotificationKind, Partial<Record<ChannelName, boolean>>>>;
}

/**
 * Changes the login's language and, for the customers the login holds as holder (all, or the one named),
 * the phone number and notification preferences. SMS needs a phone number, so switching SMS on without one
 * is refused field by field. One transaction, audited.
 */
export async function updateProfile(
  database: Database,
  scope: PortalScope,
  change: ProfileChange,
  ip: string,
) {
  const language = scope.language;
  const fail = (fields: Record<string, { pl: string; en: string }>) =>
    new AppError(
      'validation_failed',
      localize(validationFailed, language),
      Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, localize(text, language)])),
    );
  const phone =
    change.phone === undefined || change.phone === null ? change.phone : normalizePhone(change.phone);
  if (change.phone && phone === null) {
    throw fail({
      phone: {
        pl: 'Podaj numer telefonu: 9 cyfr, opcjonalnie z prefiksem +48.',
        en: 'Enter a phone number: 9 digits, optionally with +48.',
      },
    });
  }
  if (change.customerId !== undefined && !scope.customerIds.includes(change.customerId)) {
    throw notFoundFor(scope, NOT_FOUND_TEXT.customer);
  }

  await database.db.transaction().execute(async (trx) => {
    const access = (await accessOf(trx, scope.loginId)).filter(
      (entry) =>
        scope.customerIds.includes(entry.customerId) &&
        (change.customerId === undefined || entry.customerId === change.customerId),
    );
    const targets = access.filter((entry) => entry.role === 'holder').map((entry) => entry.customerId);
    const changesCustomers = change.phone !== undefined || change.notificationPreferences !== undefined;
    if (changesCustomers && targets.length === 0) {
      throw new AppError(
        'forbidden',
        localize(
          {
            pl: 'Dane kontaktowe i powiadomienia może zmienić tylko właściciel konta klienta.',
            en: 'Only the holder of the customer account can change its contact data and notifications.',
          },
          language,
        ),
      );
    }
    if (change.language) {
      await trx
        .updateTable('customer_logins')
        .set({ language: change.language })
        .where('id', '=', scope.loginId)
        .execute();
    }
    for (const customerId of changesCustomers ? targets : []) {
      const before = await trx
        .selectFrom('customers')
        .select(['phone'])
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow();
      const phoneAfter = phone === undefined ? before.phone : phone;
      if (phone !== undefined) {
        await trx
          .updateTable('customers')
          .set({ phone, updated_at: scope.now })
          .where('id', '=', customerId)
          .execute();
      }
      if (phone === null) {
        // No number, no SMS: leaving SMS switched on would promise messages that cannot be sent.
        await trx
          .updateTable('notification_preferences')
          .set({ enabled: false })
          .where('customer_id', '=', customerId)
          .where('channel', '=', 'sms')
          .execute();
      }
      const switches = Object.entries(change.notificationPreferences ?? {}).flatMap(([kind, channels]) =>
        Object.entries(channels ?? {}).map(([channel, enabled]) => ({
          kind: kind as NotificationKind,
          channel: channel as ChannelName,
          enabled: enabled === true,
        })),
      );
      const smsWithoutPhone = switches.find(
        (entry) => entry.channel === 'sms' && entry.enabled && !phoneAfter,
      );
      if (smsWithoutPhone) {
        throw fail({
          [`notificationPreferences.${smsWithoutPhone.kind}.sms`]: {
            pl: 'Aby włączyć powiadomienia SMS, podaj numer telefonu.',
            en: 'Enter a phone number to switch on SMS notifications.',
          },
        });
      }
      await setPreferences(trx, customerId, switches);
      await trx
        .insertInto('audit_log')
        .values({
          occurred_at: scope.now,
          actor_kind: 'customer',
          actor_id: scope.loginId,
          action: 'profile.updated',
          entity: 'customer',
          entity_id: String(customerId),
          // Which settings changed, not their values: the audit log is no second copy of personal data.
          after: sql`${JSON.stringify({
            phoneChanged: phone !== undefined && phone !== before.phone,
            notificationPreferences: change.notificationPreferences ?? null,
          })}::jsonb`,
          ip,
        })
        .execute();
    }
  });
  return loadProfile(
    database.db,
    scope.language !== change.language && change.language ? { ...scope, language: change.language } : scope,
  );
}
