import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  customerAccessOf,
  requireCustomer,
  requireStaff,
  type CustomerAccess,
} from '../../http/authorization.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { localize } from '../../http/language.ts';
import { localizedValidationErrorHandler } from '../../http/localized-validation.ts';
import { errors, fallbackFieldMessage, fieldMessages, id } from '../e-invoices/schemas.ts';
import { CHANNELS, NOTIFICATION_KINDS } from './kinds.ts';
import { preferencesOf, setPreferences } from './preferences.ts';

const kind = z.enum(NOTIFICATION_KINDS, { error: 'kind' });
const channel = z.enum(CHANNELS, { error: 'channel' });
const preferencesAnswer = z.object({
  customerId: z.number().int(),
  preferences: z.array(z.object({ kind, channel, enabled: z.boolean() })),
});
const messages = {
  ...fieldMessages,
  kind: { pl: 'Nieznany rodzaj powiadomienia.', en: 'Unknown kind of notification.' },
  channel: { pl: 'Kanał to email albo sms.', en: 'The channel is email or sms.' },
  boolean: { pl: 'Wybierz tak lub nie.', en: 'Choose yes or no.' },
};

function chosenCustomer(access: CustomerAccess, customerId: number | undefined): number {
  const chosen = customerId ?? (access.customerIds.length === 1 ? access.customerIds[0] : undefined);
  if (chosen === undefined && access.customerIds.length > 1) {
    throw new AppError(
      'validation_failed',
      localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, access.language),
      {
        customerId: localize(
          {
            pl: 'Wybierz klienta (konto obejmuje kilku klientów).',
            en: 'Choose the customer (this login holds several).',
          },
          access.language,
        ),
      },
    );
  }
  if (chosen === undefined || !access.customerIds.includes(chosen)) {
    throw notFound(localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, access.language));
  }
  return chosen;
}

function portalPreferenceRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireCustomer);
  app.setErrorHandler(localizedValidationErrorHandler(messages, fallbackFieldMessage));
  const { db } = app.dependencies.database;
  const tags = ['notifications'];
  const security = [{ session: [] }];
  const flatten = (customerId: number, preferences: Awaited<ReturnType<typeof preferencesOf>>) => ({
    customerId,
    preferences: NOTIFICATION_KINDS.flatMap((notificationKind) =>
      CHANNELS.map((notificationChannel) => ({
        kind: notificationKind,
        channel: notificationChannel,
        enabled: preferences[notificationKind][notificationChannel],
      })),
    ),
  });

  app.get(
    '/api/v1/me/notifications/preferences',
    {
      schema: {
        tags,
        security,
        summary:
          'Which notifications the customer receives, per kind and channel (e-mail on, SMS off unless changed)',
        querystring: z.object({ customerId: id.optional() }),
        response: { ...errors, 200: preferencesAnswer },
      },
    },
    async (request) => {
      const customerId = chosenCustomer(customerAccessOf(request), request.query.customerId);
      return flatten(customerId, await preferencesOf(db, customerId));
    },
  );

  app.put(
    '/api/v1/me/notifications/preferences',
    {
      schema: {
        tags,
        security,
        summary: 'Turn kinds of notifications on or off; entries not given stay as they are',
        body: z.object({
          customerId: id.optional(),
          preferences: z
            .array(z.object({ kind, channel, enabled: z.boolean({ error: 'boolean' }) }))
            .max(NOTIFICATION_KINDS.length * CHANNELS.length),
        }),
        response: { ...errors, 200: preferencesAnswer },
      },
    },
    async (request) => {
      const customerId = chosenCustomer(customerAccessOf(request), request.body.customerId);
      await setPreferences(db, customerId, request.body.preferences);
      return flatten(customerId, await preferencesOf(db, customerId));
    },
  );
  return Promise.resolve();
}

function staffNotificationRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireStaff('read_only'));
  app.setErrorHandler(localizedValidationErrorHandler(messages, fallbackFieldMessage));
  const { db } = app.dependencies.database;

  app.get(
    '/api/v1/staff/notifications',
    {
      schema: {
        tags: ['notifications (staff)'],
        security: [{ session: [] }],
        summary: 'Notifications sent or waiting, newest first',
        querystring: z.object({
          customerId: id.optional(),
          status: z.enum(['queued', 'sending', 'sent', 'failed'], { error: 'status' }).optional(),
          kind: kind.optional(),
          page: z.coerce
            .number({ error: 'page' })
            .int({ error: 'page' })
            .min(1, { error: 'page' })
            .max(1_000_000, { error: 'page' })
            .default(1),
        }),
        response: {
          ...errors,
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                customerId: z.number().int(),
                kind: z.string(),
                channel: z.string(),
                eventKey: z.string(),
                recipient: z.string(),
                subject: z.string(),
                status: z.string(),
                attempts: z.number().int(),
                messageId: z.string().nullable(),
                lastError: z.string().nullable(),
                createdAt: z.string(),
                sentAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const pageSize = 50;
      let query = db.selectFrom('notifications').selectAll();
      if (request.query.customerId !== undefined)
        query = query.where('customer_id', '=', request.query.customerId);
      if (request.query.status) query = query.where('status', '=', request.query.status);
      if (request.query.kind) query = query.where('kind', '=', request.query.kind);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((request.query.page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          customerId: row.customer_id,
          kind: row.kind,
          channel: row.channel,
          eventKey: row.event_key,
          recipient: row.recipient,
          subject: row.subject,
          status: row.status,
          attempts: row.attempts,
          messageId: row.message_id,
          lastError: row.last_error,
          createdAt: row.created_at.toISOString(),
          sentAt: row.sent_at?.toISOString() ?? null,
        })),
      };
    },
  );
  return Promise.resolve();
}

export async function notificationRoutes(app: App): Promise<void> {
  await app.register(portalPreferenceRoutes);
  await app.register(staffNotificationRoutes);
}
