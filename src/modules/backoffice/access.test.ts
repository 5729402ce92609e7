import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { requiredStaffRole } from './shared/access.ts';
import { routesOf, staffSession, type Route } from './test-fixtures.ts';

/** Staff routes that are used without a staff session by design: signing in and out. */
const PUBLIC_STAFF_ROUTES = new Set(['POST /api/v1/staff/auth/login', 'POST /api/v1/staff/auth/logout']);
/** A staff member's own session endpoints: not data changes, open to every role. */
const OWN_SESSION_PREFIX = '/api/v1/staff/auth/';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes only an admin may call (tariffs and staff accounts). */
const ADMIN_ROUTES = [
  'POST /api/v1/staff/tariffs',
  'POST /api/v1/staff/tariffs/:id/versions',
  'PATCH /api/v1/staff/tariffs/:id',
  'DELETE /api/v1/staff/tariffs/:id',
  'POST /api/v1/staff/staff-users',
  'PATCH /api/v1/staff/staff-users/:id',
];

const key = (route: Route) => `${route.method} ${route.url}`;
/** Path parameters become an id that exists nowhere: the answer must be decided before any lookup. */
const concrete = (url: string) =>
  url
    .replace(/:period\b/g, '2026-01')
    .replace(/:[A-Za-z]+/g, '999999')
    .replace(/\*/g, 'x');

describeEachDatabase('back-office authorization on every staff route', (context) => {
  let app: App;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
  });
  afterEach(async () => {
    await app.close();
  });

  it('a route without a declared role needs read_only to read and operator to change; a declared role only raises it', () => {
    expect(requiredStaffRole('GET', undefined)).toBe('read_only');
    expect(requiredStaffRole('POST', undefined)).toBe('operator');
    expect(requiredStaffRole('DELETE', 'read_only')).toBe('operator');
    expect(requiredStaffRole('GET', 'admin')).toBe('admin');
  });

  it('refuses every staff route without a session (401) and every change to read-only staff (403), and lets them read', async () => {
    const staffRoutes = routesOf(app).filter(
      (route) =>
        route.url.startsWith('/api/v1/staff/') && route.method !== 'HEAD' && route.method !== 'OPTIONS',
    );
    // The walk must see the routes of this module (and of every other module that has staff routes).
    expect(staffRoutes.length).toBeGreaterThan(50);
    expect(staffRoutes.map(key)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/staff/meters/:id/replace',
        'GET /api/v1/staff/customers/:id',
        ...ADMIN_ROUTES,
      ]),
    );

    const readOnly = await staffSession(app, context.database.db, 'read_only');
    const failures: string[] = [];
    for (const route of staffRoutes) {
      if (PUBLIC_STAFF_ROUTES.has(key(route))) continue;
      const url = concrete(route.url);
      const changing = STATE_CHANGING.has(route.method);
      const payload = changing && route.method !== 'DELETE' ? {} : undefined;
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

      const anonymous = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      if (anonymous.statusCode !== 401)
        failures.push(`${key(route)} without a session: ${anonymous.statusCode}`);

      if (route.url.startsWith(OWN_SESSION_PREFIX)) continue;
      const asReadOnly = await app.inject({
        method,
        url,
        headers: readOnly.headers,
        ...(payload ? { payload } : {}),
      });
      if (changing && asReadOnly.statusCode !== 403)
        failures.push(`${key(route)} as read_only: ${asReadOnly.statusCode} (expected 403)`);
      if (!changing && (asReadOnly.statusCode === 401 || asReadOnly.statusCode === 403))
        failures.push(`${key(route)} as read_only: ${asReadOnly.statusCode} (reading is allowed)`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps tariffs and staff accounts to admins', async () => {
    const operator = await staffSession(app, context.database.db, 'operator');
    const admin = await staffSession(app, context.database.db, 'admin');
    for (const route of ADMIN_ROUTES) {
      const [method, url] = route.split(' ') as ['POST' | 'PATCH' | 'DELETE', string];
      const payload = method === 'DELETE' ? undefined : {};
      const asOperator = await app.inject({
        method,
        url: concrete(url),
        headers: operator.headers,
        ...(payload ? { payload } : {}),
      });
      expect(asOperator.statusCode, `${route} as operator`).toBe(403);
      const asAdmin = await app.inject({
        method,
        url: concrete(url),
        headers: admin.headers,
        ...(payload ? { payload } : {}),
      });
      expect([400, 404], `${route} as admin`).toContain(asAdmin.statusCode);
    }
  });
});
