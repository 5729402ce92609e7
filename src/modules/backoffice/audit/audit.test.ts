import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { databaseErrorCode } from '../shared/errors.ts';
import { meteredCustomer, routesOf, staffSession, type StaffSession } from '../test-fixtures.ts';

interface AuditPage {
  items: {
    action: string;
    entity: string;
    entityId: string;
    actorId: number;
    actorName: string;
    before: unknown;
    after: unknown;
  }[];
  total: number;
}

describeEachDatabase('back office: audit log', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists each change with who, when, what, before and after, searchable and exportable, and nobody can alter it', async () => {
    const { db } = context.database;
    const point = await meteredCustomer(db, { readings: [['2026-10-31', 100_000]] });
    const other = await staffSession(app, db, 'operator');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/customers/${point.customer.id}`,
      headers: operator.headers,
      payload: { email: 'nowy@example.pl' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/staff/readings',
      headers: operator.headers,
      payload: { meterId: point.meter.id, date: '2026-11-15', valueM3: '101' },
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/meters/${point.meter.id}`,
      headers: other.headers,
      payload: { legalizationYear: 2026 },
    });

    const all = await app.inject({ url: '/api/v1/staff/audit', headers: operator.headers });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json<AuditPage>().items.map((entry) => [entry.action, entry.actorName])).toEqual([
      ['meter.updated', 'Pracownik operator'],
      ['reading.entered', 'Pracownik operator'],
      ['customer.updated', 'Pracownik operator'],
    ]);
    const customer = await app.inject({
      url: `/api/v1/staff/audit?entity=customer&entityId=${point.customer.id}`,
      headers: operator.headers,
    });
    expect(customer.json<AuditPage>().items).toEqual([
      expect.objectContaining({
        action: 'customer.updated',
        actorId: operator.id,
        before: { email: null },
        after: { email: 'nowy@example.pl' },
      }),
    ]);
    const byActor = await app.inject({
      url: `/api/v1/staff/audit?actorKind=staff&actorId=${other.id}`,
      headers: operator.headers,
    });
    expect(byActor.json<AuditPage>().items.map((entry) => entry.action)).toEqual(['meter.updated']);
    const byAction = await app.inject({
      url: '/api/v1/staff/audit?action=reading.',
      headers: operator.headers,
    });
    expect(byAction.json<AuditPage>().total).toBe(1);
    const byDate = await app.inject({
      url: '/api/v1/staff/audit?from=2026-11-21',
      headers: operator.headers,
    });
    expect(byDate.json<AuditPage>().total).toBe(0);
    const csv = await app.inject({ url: '/api/v1/staff/audit?format=csv', headers: operator.headers });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.trim().split('\r\n')).toHaveLength(4);
    expect(csv.body).toContain('customer.updated');

    const before = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    for (const statement of [sql`update audit_log set action = 'forged'`, sql`delete from audit_log`]) {
      const refused = await statement.execute(db).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(databaseErrorCode(refused)).toBe('42501');
    }
    expect(await db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
    // And the API offers no way to change it: its only route reads.
    expect(
      routesOf(app).filter(
        (route) =>
          route.url.startsWith('/api/v1/staff/audit') && route.method !== 'GET' && route.method !== 'HEAD',
      ),
    ).toEqual([]);
  });
});
