import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/database.ts';

describeEachDatabase('data model constraints', (context) => {
  async function servicePoint(): Promise<number> {
    const row = await context.database.db
      .insertInto('service_points')
      .values({
        code: 'PW-000001',
        street: 'ul. Kaliska',
        building: '12',
        postal_code: '87-800',
        city: 'Włocławek',
        customer_group: 'household',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  function meter(servicePointId: number, serial: string, installedOn: string, removedOn?: string) {
    return context.database.db
      .insertInto('meters')
      .values({
        service_point_id: servicePointId,
        serial_number: serial,
        kind: 'main',
        installed_on: installedOn,
        legalization_year: 2022,
        legalization_expires_on: '2027-12-31',
        ...(removedOn ? { removed_on: removedOn, removal_reading_litres: 1000 } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  it('allows one main meter per service point at a time, history included', async () => {
    const point = await servicePoint();
    await meter(point, 'A1', '2020-01-01', '2023-05-10');
    await meter(point, 'A2', '2023-05-10');
    await expect(meter(point, 'A3', '2024-01-01')).rejects.toThrow();
    await expect(meter(point, 'A4', '2021-01-01', '2022-01-01')).rejects.toThrow(/already has a main meter/);
  });

  it('refuses negative readings and a second accepted reading on the same day', async () => {
    const point = await servicePoint();
    const { id } = await meter(point, 'B1', '2024-01-01');
    const reading = (value: number) =>
      context.database.db
        .insertInto('readings')
        .values({ meter_id: id, read_on: '2024-02-01', value_litres: value, source: 'staff' })
        .execute();
    await expect(reading(-1)).rejects.toThrow();
    await reading(1500);
    await expect(reading(1600)).rejects.toThrow();
    const stored = await context.database.db
      .selectFrom('readings')
      .select(['read_on', 'value_litres'])
      .execute();
    expect(stored).toEqual([{ read_on: '2024-02-01', value_litres: 1500 }]);
  });

  it('keeps the audit log append-only', async () => {
    await context.database.db
      .insertInto('audit_log')
      .values({ actor_kind: 'system', action: 'test', entity: 'nothing' })
      .execute();
    await expect(sql`update audit_log set action = 'changed'`.execute(context.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(context.database.db)).rejects.toThrow(/append-only/);
  });
});
