import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { buildTestApp } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomer, createInvoice } from '../../../../tests/support/factories.ts';
import { auditOf, staffSession, type StaffSession } from '../test-fixtures.ts';

describeEachDatabase('back office: service points and contracts', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  it('creates points and contracts that never overlap, ends a contract only after its invoiced periods, all audited', async () => {
    const { db } = context.database;
    const first = await createCustomer(db);
    const second = await createCustomer(db);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/service-points',
      headers: operator.headers,
      payload: {
        street: 'ul. Zielona',
        building: '9',
        postalCode: '87-800',
        city: 'Włocławek',
        customerGroup: 'household',
        billingCycleMonths: 2,
        billingCycleOffset: 1,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const point = created.json<{ id: number; code: string; billingCycleMonths: number }>();
    expect(point).toMatchObject({ code: 'PP-000001', billingCycleMonths: 2 });

    const sign = (customerId: number, validFrom: string, validTo: string | null = null) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/staff/contracts',
        headers: operator.headers,
        payload: {
          customerId,
          servicePointId: point.id,
          services: 'water_and_sewage',
          signedOn: validFrom,
          validFrom,
          validTo,
        },
      });
    const contract = await sign(first.id, '2026-01-01');
    expect(contract.statusCode, contract.body).toBe(201);
    const { id: contractId, number } = contract.json<{ id: number; number: string }>();
    expect(number).toBe('UM/2026/000001');
    expect((await sign(second.id, '2026-12-01')).statusCode).toBe(409);

    await createInvoice(db, {
      customerId: first.id,
      servicePointId: point.id,
      period_from: '2026-09-01',
      period_to: '2026-10-31',
    });
    const tooEarly = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/contracts/${contractId}`,
      headers: operator.headers,
      payload: { validTo: '2026-10-15' },
    });
    expect(tooEarly.statusCode).toBe(409);
    const ended = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/contracts/${contractId}`,
      headers: operator.headers,
      payload: { validTo: '2026-11-30' },
    });
    expect(ended.json()).toMatchObject({ validTo: '2026-11-30', active: true });
    const next = await sign(second.id, '2026-12-01');
    expect(next.statusCode, next.body).toBe(201);

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/service-points/${point.id}`,
      headers: operator.headers,
      payload: { building: '9A' },
    });
    expect(renamed.json()).toMatchObject({
      address: 'ul. Zielona 9A, 87-800 Włocławek',
      billingCycleMonths: 2,
      contracts: [{ customerId: second.id }, { customerId: first.id }],
    });
    const found = await app.inject({
      url: '/api/v1/staff/service-points?q=zielona 9a',
      headers: operator.headers,
    });
    expect(found.json()).toMatchObject({
      total: 1,
      items: [{ id: point.id, holder: { customerId: first.id } }],
    });

    expect((await auditOf(db, 'service_point', point.id)).map((entry) => entry.action)).toEqual([
      'service_point.created',
      'service_point.updated',
    ]);
    expect(
      (await auditOf(db, 'contract', contractId)).map((entry) => [entry.action, entry.before, entry.after]),
    ).toEqual([
      ['contract.created', null, expect.objectContaining({ customer_id: first.id })],
      ['contract.updated', { valid_to: null }, { valid_to: '2026-11-30' }],
    ]);
  });
});
