import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors, id, localizedText } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../notifications/kinds.ts';
import { loadProfile, updateProfile } from './service.ts';

const channels = z.object({ email: z.boolean(), sms: z.boolean() });
const preferencesSchema = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channels])) as Record<
      NotificationKind,
      typeof channels
    >,
  )
  .describe('Per notification kind and channel: on or off.');

const address = z.object({
  street: z.string(),
  building: z.string(),
  apartment: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
});

export const profileAnswer = z.object({
  login: z.object({ email: z.string(), language: z.enum(['pl', 'en']) }),
  notificationKinds: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), label: localizedText })),
  customers: z.array(
    z.object({
      customerId: z.number().int(),
      customerNumber: z.string(),
      name: z.string(),
      role: z.enum(['holder', 'manager']),
      kind: z.enum(['person', 'company']),
      editable: z
        .boolean()
        .describe('The login holds this customer as holder and may change its contact data.'),
      contact: z
        .object({
          email: z.string().nullable(),
          phone: z.string().nullable(),
          nip: z.string().nullable(),
          address,
          mailingAddress: address.nullable(),
        })
        .nullable()
        .describe('Contact data; shown to the holder only (null for a manager).'),
      notificationPreferences: preferencesSchema,
    }),
  ),
});

export type ProfileAnswer = z.infer<typeof profileAnswer>;

const partialChannels = z
  .object({
    email: z.boolean({ error: 'boolean' }).optional(),
    sms: z.boolean({ error: 'boolean' }).optional(),
  })
  .strict();
const change = z
  .object({
    customerId: id
      .optional()
      .describe('Change this customer only; default: every customer the login holds as holder.'),
    language: z
      .enum(['pl', 'en'], { error: 'language' })
      .optional()
      .describe('Language of the portal and of e-mails to this login.'),
    phone: z
      .string({ error: 'phone' })
      .max(30, { error: 'phone' })
      .nullable()
      .optional()
      .describe('Polish phone number; null removes it (and switches SMS off).'),
    notificationPreferences: z
      .object(
        Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, partialChannels.optional()])) as Record<
          NotificationKind,
          z.ZodOptional<typeof partialChannels>
        >,
      )
      .strict()
      .optional()
      .describe('Only the switches to change.'),
  })
  .strict();

export function profileRoutes(app: PortalApp): void {
  app.get(
    '/profile',
    {
      schema: {
        tags: ['portal'],
        summary: 'Login e-mail and language, contact data of the held customers, notification preferences',
        response: { 200: profileAnswer, ...commonErrors },
      },
    },
    async (request) => loadProfile(app.dependencies.database.db, scopeOf(request)),
  );

  app.patch(
    '/profile',
    {
      schema: {
        tags: ['portal'],
        summary: 'Change language, phone number and notification preferences (X-CSRF-Token required)',
        description:
          'E-mail changes go through the verified e-mail change of the sign-in API. 403 for a manager-only login.',
        body: change,
        response: { 200: profileAnswer, ...commonErrors },
      },
    },
    async (request) => updateProfile(app.dependencies.database, scopeOf(request), request.body, request.ip),
  );
}
