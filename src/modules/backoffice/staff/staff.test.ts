import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { signInStaff } from '../../../../tests/support/sessions.ts';
import { auditOf, staffSession, type StaffSession } from '../test-fixtures.ts';

describeEachDatabase('back office: staff accounts', (context) => {
  let app: App;
  let admin: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    admin = await staffSession(app, context.database.db, 'admin');
  });
  afterEach(async () => {
    await app.close();
  });

  it('lets an admin create accounts with a one-time password, change roles and disable them (sessions end at once)', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/staff-users',
      headers: admin.headers,
      payload: { email: 'Nowa.Osoba@Wodociagi.example.pl', fullName: 'Nowa Osoba', role: 'read_only' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { user, temporaryPassword } = created.json<{
      user: { id: number; email: string };
      temporaryPassword: string;
    }>();
    expect(user.email).toBe('nowa.osoba@wodociagi.example.pl');
    const colleague = await signInStaff(app, { email: user.email, password: temporaryPassword });
    expect(
      (await app.inject({ url: '/api/v1/staff/customers?q=x', headers: colleague.headers })).statusCode,
    ).toBe(200);

    const promoted = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/staff-users/${user.id}`,
      headers: admin.headers,
      payload: { role: 'operator' },
    });
    expect(promoted.json()).toMatchObject({ role: 'operator' });
    // The role changed: the old session ended, a new sign-in carries the new role.
    expect(
      (await app.inject({ url: '/api/v1/staff/customers?q=x', headers: colleague.headers })).statusCode,
    ).toBe(401);
    const again = await signInStaff(app, { email: user.email, password: temporaryPassword });
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/staff-users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect(
      (await app.inject({ url: '/api/v1/staff/customers?q=x', headers: again.headers })).statusCode,
    ).toBe(401);

    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/staff/staff-users/${admin.id}`,
          headers: admin.headers,
          payload: { role: 'read_only' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/staff/staff-users',
          headers: admin.headers,
          payload: { email: user.email, fullName: 'X', role: 'admin' },
        })
      ).statusCode,
    ).toBe(409);
    const entries = await auditOf(context.database.db, 'staff_user', user.id);
    expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['staff_user.created', admin.id],
      ['staff_user.updated', admin.id],
      ['staff_user.updated', admin.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain(temporaryPassword);
  });
});
