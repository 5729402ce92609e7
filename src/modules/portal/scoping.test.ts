import { afterEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import {
  billMonths,
  createMeter,
  createPayment,
  createPortalCustomer,
  portalClient,
  type PortalCustomer,
} from '../../../tests/support/portal-fixtures.ts';

/** Every route of the app as "METHOD /path", read from Fastify's own route table (printRoutes). */
export function routeTable(app: App): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of (match[3] ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean)) {
      routes.push({ method, path: stack.join('') });
    }
  }
  return routes;
}

/**
 * Customer A signs in; every /api/v1/me route is called with customer B's ids. A route with a path parameter
 * must answer 404, exactly like a missing id; a route without one must not show any of B's data, and must
 * answer 404 when B's ids come as filters or in the body. A new route fails here until it is classified.
 */
describeEachDatabase('portal scoping: customer A cannot reach customer B', (context) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  async function customerWithEverything(customerNumber: string): Promise<PortalCustomer> {
    const { db } = context.database;
    const customer = await createPortalCustomer(db, {
      customer: {
        customer_number: customerNumber,
        phone: '+48600100200',
        email: `${customerNumber}@example.pl`,
      },
    });
    await createMeter(db, customer.servicePointId, { kind: 'sub', readings: [['2026-10-31', 3000]] });
    await db
      .insertInto('readings')
      .values({
        meter_id: customer.mainMeterId,
        read_on: '2026-11-15',
        value_litres: 160_000,
        source: 'customer',
        status: 'pending',
        created_by_login_id: customer.login.id,
      })
      .execute();
    await db
      .insertInto('e_invoice_consents')
      .values({
        customer_id: customer.customerId,
        action: 'granted',
        channel: 'portal',
        email: `${customerNumber}@example.pl`,
      })
      .execute();
    return customer;
  }

  it('answers 404 or shows nothing of B on every /api/v1/me route', async () => {
    const { db } = context.database;
    const a = await customerWithEverything('111111111');
    const b = await customerWithEverything('987654321');
    await billMonths(context.database, ['2026-09', '2026-10']);
    const bInvoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('customer_id', '=', b.customerId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await createPayment(db, {
      customerId: b.customerId,
      amountGrosze: 5555,
      receivedOn: '2026-11-10',
      allocations: [{ invoiceId: bInvoice.id, amountGrosze: 5555 }],
    });
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    await portalClient(app, b.login);
    const bSession = await db
      .selectFrom('sessions')
      .select('id')
      .where('customer_login_id', '=', b.login.id)
      .executeTakeFirstOrThrow();
    const client = await portalClient(app, a.login);

    const bOnlinePayment = await db
      .insertInto('online_payments')
      .values({
        session_id: 'scoping-test-session-0001',
        customer_id: b.customerId,
        customer_login_id: b.login.id,
        provider: 'sandbox',
        invoices_grosze: 1211,
        fee_grosze: 100,
        total_grosze: 1311,
        expires_at: new Date('2026-11-20T10:30:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('online_payment_invoices')
      .values({ online_payment_id: bOnlinePayment.id, invoice_id: bInvoice.id, amount_grosze: 1211 })
      .execute();
    const markers = [
      b.customerNumber,
      bInvoice.number,
      b.mainMeterSerial,
      b.login.email,
      '987654321@example.pl',
    ];
    const showsNothingOfB = (body: string, route: string) => {
      for (const marker of markers) expect(body, `${route} shows B's "${marker}"`).not.toContain(marker);
    };

    /** Path parameters by route: B's ids. */
    const pathIds: Record<string, Record<string, number>> = {
      'GET /api/v1/me/invoices/:id': { id: bInvoice.id },
      'GET /api/v1/me/invoices/:id/pdf': { id: bInvoice.id },
      'DELETE /api/v1/me/sessions/:id': { id: bSession.id },
      'GET /api/v1/me/payments/:id': { id: bOnlinePayment.id },
      'POST /api/v1/me/payments/:id/cancel': { id: bOnlinePayment.id },
    };
    /** State-changing routes without path parameters: a body naming B's resources. */
    const bodies: Record<string, unknown> = {
      'POST /api/v1/me/readings': { meterId: b.mainMeterId, valueM3: '999' },
      'PATCH /api/v1/me/profile': { customerId: b.customerId, language: 'en' },
      'PUT /api/v1/me/notifications/preferences': { customerId: b.customerId, preferences: [] },
      'POST /api/v1/me/e-invoice': { customerId: b.customerId, action: 'withdraw' },
      'POST /api/v1/me/payments/quote': { invoiceIds: [bInvoice.id] },
      'POST /api/v1/me/payments': { invoiceIds: [bInvoice.id] },
    };
    /** Routes that act on the signed-in login only and take no customer data id. */
    const loginOnly = new Set([
      'POST /api/v1/me/totp/setup',
      'POST /api/v1/me/totp/enable',
      'POST /api/v1/me/totp/disable',
      'POST /api/v1/me/email-change',
    ]);
    const filters = `servicePointId=${b.servicePointId}&meterId=${b.mainMeterId}&customerId=${b.customerId}`;

    const routes = routeTable(app).filter(
      (route) => route.path.startsWith('/api/v1/me/') && route.method !== 'HEAD',
    );
    const checked: string[] = [];
    for (const { method, path } of routes) {
      const route = `${method} ${path}`;
      const parameters = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      if (parameters.length > 0) {
        const ids = pathIds[route];
        expect(ids, `${route} has path parameters: add B's ids for it to this test`).toBeDefined();
        const url = path.replace(/:(\w+)/g, (_match, name: string) => String(ids![name]));
        const response = await app.inject({ method: method as 'GET', url, headers: client.signedIn.headers });
        expect(response.statusCode, `${route} with B's ids`).toBe(404);
        showsNothingOfB(response.body, route);
      } else if (method === 'GET') {
        const plain = await client.get(path);
        expect(plain.statusCode, `${route}`).toBe(200);
        showsNothingOfB(plain.body, route);
        const filtered = await client.get(`${path}?${filters}`);
        expect([200, 404], `${route} with B's ids as filters`).toContain(filtered.statusCode);
        showsNothingOfB(filtered.body, `${route}?${filters}`);
      } else if (route in bodies) {
        const response = await app.inject({
          method: method as 'POST',
          url: path,
          headers: { ...client.signedIn.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(bodies[route]),
        });
        expect(response.statusCode, `${route} with B's ids in the body`).toBe(404);
        showsNothingOfB(response.body, route);
      } else {
        expect(
          loginOnly.has(route),
          `${route} is new: classify it in this test (ids in path, body, or login only)`,
        ).toBe(true);
        continue;
      }
      checked.push(route);
    }

    // The walk saw the portal's routes (a broken route table would make it pass vacuously).
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/v1/me/summary',
        'GET /api/v1/me/invoices',
        'GET /api/v1/me/invoices/:id',
        'GET /api/v1/me/invoices/:id/pdf',
        'GET /api/v1/me/settlements',
        'GET /api/v1/me/payments',
        'GET /api/v1/me/readings',
        'POST /api/v1/me/readings',
        'GET /api/v1/me/meters',
        'GET /api/v1/me/consumption',
        'GET /api/v1/me/consumption.csv',
        'GET /api/v1/me/profile',
        'PATCH /api/v1/me/profile',
        'GET /api/v1/me/export.json',
        'GET /api/v1/me/export.csv',
        'GET /api/v1/me/e-invoice/history',
      ]),
    );
    // Nothing of B was changed by A's attempts.
    expect(
      await db
        .selectFrom('readings')
        .select('id')
        .where('meter_id', '=', b.mainMeterId)
        .where('value_litres', '=', 999_000)
        .execute(),
    ).toEqual([]);
    const bLogin = await db
      .selectFrom('customer_logins')
      .select('language')
      .where('id', '=', b.login.id)
      .executeTakeFirstOrThrow();
    expect(bLogin.language).toBe('pl');
    const bAttempt = await db
      .selectFrom('online_payments')
      .select('status')
      .where('id', '=', bOnlinePayment.id)
      .executeTakeFirstOrThrow();
    expect(bAttempt.status).toBe('pending');
    // And A does see its own data through the same routes (the markers above would catch A's too if mixed up).
    expect((await client.get('/api/v1/me/summary')).body).toContain(a.customerNumber);
  });
});
