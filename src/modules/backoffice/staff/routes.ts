import { z } from 'zod';
import { staffRoles } from '../../auth/staff-store.ts';
import { adminOnly } from '../shared/access.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { changeErrors, idParams, instantOut, readErrors, shortText } from '../shared/schemas.ts';
import { createStaff, listStaff, updateStaff } from './service.ts';

const tags = ['back office: staff accounts'];
const role = z.enum(staffRoles, { error: 'choice' }).describe('read_only < operator < admin.');

const staffOut = z.object({
  id: z.number().int(),
  email: z.string(),
  fullName: z.string(),
  role,
  twoFactor: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: instantOut.nullable(),
  createdAt: instantOut,
});

export function staffRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/staff-users`,
    {
      schema: {
        tags,
        summary: 'Staff accounts with role, 2FA and state',
        response: { 200: z.object({ items: z.array(staffOut) }), ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return listStaff(context.database.db, context.now);
    },
  );

  app.post(
    `${API}/staff-users`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Create a staff account (admin); the generated password is in this answer only',
        body: z.object({
          email: z.email({ error: 'email' }).max(254, { error: 'email' }),
          fullName: shortText(120),
          role,
        }),
        response: { 201: z.object({ user: staffOut, temporaryPassword: z.string() }), ...changeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createStaff(staffContextOf(request), request.body)),
  );

  app.patch(
    `${API}/staff-users/:id`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary:
          "Change a colleague's role, name or access (admin; not one's own role or access); sessions end on role change or disabling",
        params: idParams,
        body: z.object({
          role: role.optional(),
          fullName: shortText(120).optional(),
          disabled: z.boolean({ error: 'choice' }).optional(),
        }),
        response: { 200: staffOut, ...changeErrors },
      },
    },
    async (request) => updateStaff(staffContextOf(request), request.params.id, request.body),
  );
}
