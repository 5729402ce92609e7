import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase, resetDatabase } from '../../../tests/support/database.ts';
import { testConfig } from '../../../tests/support/app.ts';
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { isValidNip, isValidPesel, peselSex } from '../../domain/identifiers.ts';
import { legalizationExpiry } from '../../domain/legalization.ts';
import { customerAccountNumber, isValidNrb } from '../../domain/nrb.ts';
import { verifyPassword } from '../../modules/auth/passwords.ts';
import { activationCodeHash } from '../../modules/auth/registration.ts';
import type { Database } from '../database.ts';
import { createDemoLogins, DEMO_PASSWORD, DemoLoginsRefusedError } from './demo-logins.ts';
import { isDatabaseEmpty, SeedError, seedDemoData, type SeedOptions } from './seed.ts';

const TODAY = '2026-11-16' as CalendarDate;
const PREFIX = testConfig().bankAccountPrefix;
const small: SeedOptions = {
  customers: 30,
  years: 2,
  randomSeed: 7,
  today: TODAY,
  bankAccountPrefix: PREFIX,
};

async function metersWithReadings(database: Database) {
  const meters = await database.db.selectFrom('meters').selectAll().orderBy('id').execute();
  const readings = await database.db
    .selectFrom('readings')
    .select(['meter_id', 'read_on', 'value_litres', 'source'])
    .orderBy('meter_id')
    .orderBy('read_on')
    .execute();
  return meters.map((meter) => ({
    meter,
    readings: readings.filter((reading) => reading.meter_id === meter.id),
  }));
}

/** What must not change between two seeds with the same random seed. */
async function fingerprint(database: Database): Promise<string> {
  const { rows } = await sql<{ line: string }>`
    select concat_ws('|', c.customer_number, c.first_name, c.last_name, c.company_name, c.pesel, c.nip,
      m.serial_number, r.read_on, r.value_litres) as line
    from customers c
    join contracts k on k.customer_id = c.id
    join meters m on m.service_point_id = k.service_point_id
    join readings r on r.meter_id = m.id
    order by c.customer_number, m.serial_number, r.read_on`.execute(database.db);
  return rows.map((row) => row.line).join('\n');
}

describeEachDatabase('seedDemoData', (context) => {
  it('writes customers with a point, a contract, meters, readings, tariffs and terms', async () => {
    expect(await isDatabaseEmpty(context.database)).toBe(true);
    const summary = await seedDemoData(context.database, small);
    const count = async (table: 'customers' | 'service_points' | 'contracts' | 'meters' | 'readings') =>
      Number(
        (
          await context.database.db
            .selectFrom(table)
            .select((s) => s.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('customers')).toBe(30);
    expect(await count('service_points')).toBe(30);
    expect(await count('contracts')).toBe(30);
    expect(await count('meters')).toBe(summary.mainMeters + summary.subMeters);
    expect(await count('readings')).toBe(summary.readings);
    expect(summary).toMatchObject({ customers: 30, servicePoints: 30, contracts: 30, termsVersions: 2 });
    expect(summary.persons + summary.companies).toBe(30);
    expect(summary.companies).toBeGreaterThan(0);
    expect(summary.subMeters).toBeGreaterThan(0);
    expect(summary.replacedMeters).toBeGreaterThan(0);
    expect(await isDatabaseEmpty(context.database)).toBe(false);

    // Versions from 1 June 2024 (before the opening reading of 31 October 2024) to 1 June 2026, per group.
    const tariffs = await context.database.db
      .selectFrom('tariff_versions')
      .selectAll()
      .orderBy('valid_from')
      .execute();
    expect(tariffs.map((tariff) => `${tariff.customer_group} ${tariff.valid_from}`).sort()).toEqual([
      'household 2024-06-01',
      'household 2025-06-01',
      'household 2026-06-01',
      'other 2024-06-01',
      'other 2025-06-01',
      'other 2026-06-01',
    ]);
    const household = tariffs.filter((tariff) => tariff.customer_group === 'household');
    expect(household.at(-1)).toMatchObject({
      water_price_grosze_per_m3: 605,
      sewage_price_grosze_per_m3: 731,
    });
    expect(household.at(-2)).toMatchObject({
      water_price_grosze_per_m3: 582,
      sewage_price_grosze_per_m3: 699,
    });
    expect(tariffs.every((tariff) => tariff.vat_rate_basis_points === 800)).toBe(true);

    // Households are billed every two months, companies monthly; the group follows the customer's kind.
    const points = await sql<{ kind: string; customer_group: string; billing_cycle_months: number }>`
      select c.kind, p.customer_group, p.billing_cycle_months from customers c
      join contracts k on k.customer_id = c.id join service_points p on p.id = k.service_point_id`.execute(
      context.database.db,
    );
    for (const point of points.rows) {
      expect(point.customer_group).toBe(point.kind === 'company' ? 'other' : 'household');
      if (point.kind === 'company') expect(point.billing_cycle_months).toBe(1);
    }

    const demo = summary.demoActivation;
    expect(demo).not.toBeNull();
    const registered = await context.database.db
      .selectFrom('customers')
      .select('activation_code_hash')
      .where('customer_number', '=', demo?.customerNumber ?? '')
      .executeTakeFirstOrThrow();
    expect(registered.activation_code_hash).toBe(activationCodeHash(demo?.code ?? ''));
    expect(demo?.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('gives the same data for the same random seed and different data for another', async () => {
    const options = { ...small, customers: 12 };
    await seedDemoData(context.database, options);
    const first = await fingerprint(context.database);
    await resetDatabase(context.database);
    await seedDemoData(context.database, { ...options, batchSize: 5 });
    expect(await fingerprint(context.database)).toBe(first);
    await resetDatabase(context.database);
    await seedDemoData(context.database, { ...options, randomSeed: 8 });
    const other = await fingerprint(context.database);
    expect(other).not.toBe(first);
    expect(first.split('\n').length).toBeGreaterThan(100);
  });

  it('gives valid and unique customer numbers, account numbers, PESELs and NIPs', async () => {
    await seedDemoData(context.database, small);
    const customers = await context.database.db.selectFrom('customers').selectAll().execute();
    const numbers = customers.map((customer) => customer.customer_number);
    expect(new Set(numbers).size).toBe(customers.length);
    for (const customer of customers) {
      expect(customer.customer_number).toMatch(/^[1-9][0-9]{7}$/);
      expect(isValidNrb(customerAccountNumber(PREFIX, customer.customer_number))).toBe(true);
      expect(customer.postal_code >= '87-800' && customer.postal_code <= '87-820').toBe(true);
      if (customer.kind === 'person') {
        expect(isValidPesel(customer.pesel ?? '')).toBe(true);
        expect(customer.nip).toBeNull();
        // Adjectival surnames agree with the sex encoded in the PESEL (Kowalski / Kowalska).
        const sex = peselSex(customer.pesel ?? '');
        if (/(ski|cki|dzki)$/.test(customer.last_name ?? '')) expect(sex).toBe('male');
        if (/(ska|cka|dzka)$/.test(customer.last_name ?? '')) expect(sex).toBe('female');
      } else {
        expect(isValidNip(customer.nip ?? '')).toBe(true);
        expect(customer.pesel).toBeNull();
      }
    }
    const pesels = customers.flatMap((customer) => (customer.pesel ? [customer.pesel] : []));
    expect(new Set(pesels).size).toBe(pesels.length);
  });

  it('keeps readings rising per meter, with replacements starting again at zero', async () => {
    await seedDemoData(context.database, small);
    const meters = await metersWithReadings(context.database);
    for (const { meter, readings } of meters) {
      expect(readings.length).toBeGreaterThan(0);
      for (let index = 1; index < readings.length; index += 1) {
        expect(readings[index]!.value_litres).toBeGreaterThanOrEqual(readings[index - 1]!.value_litres);
      }
      if (meter.removed_on !== null) {
        // The final reading of the old meter, and the new meter installed the same day at zero.
        expect(readings.at(-1)).toMatchObject({
          read_on: meter.removed_on,
          value_litres: meter.removal_reading_litres,
        });
        const successor = meters.find(
          (other) =>
            other.meter.service_point_id === meter.service_point_id &&
            other.meter.kind === meter.kind &&
            other.meter.installed_on === meter.removed_on,
        );
        expect(successor?.readings[0]).toMatchObject({ read_on: meter.removed_on, value_litres: 0 });
      }
    }
    const activeMains = await sql<{ service_point_id: number; mains: number }>`
      select p.id as service_point_id, count(m.id)::int as mains from service_points p
      left join meters m on m.service_point_id = p.id and m.kind = 'main' and m.removed_on is null
      group by p.id`.execute(context.database.db);
    expect(activeMains.rows).toHaveLength(30);
    expect(activeMains.rows.every((row) => row.mains === 1)).toBe(true);
  });

  it('reads garden sub-meters only in summer and spreads legalization expiries around today', async () => {
    await seedDemoData(context.database, small);
    const meters = await metersWithReadings(context.database);
    const subMeters = meters.filter(({ meter }) => meter.kind === 'sub');
    expect(subMeters.length).toBeGreaterThan(0);
    let winters = 0;
    for (const { readings } of subMeters) {
      const value = (date: string) => readings.find((reading) => reading.read_on === date)?.value_litres;
      const [december, february] = [value('2024-12-31'), value('2025-02-28')];
      const [april, june] = [value('2025-04-30'), value('2025-06-30')];
      if (december !== undefined && february !== undefined) {
        expect(february).toBe(december);
        winters += 1;
      }
      if (april !== undefined && june !== undefined) expect(june).toBeGreaterThan(april);
    }
    expect(winters).toBeGreaterThan(0);

    const active = meters.map(({ meter }) => meter).filter((meter) => meter.removed_on === null);
    for (const { meter } of meters) {
      expect(meter.legalization_expires_on).toBe(legalizationExpiry(meter.legalization_year));
      expect(meter.legalization_year).toBeLessThanOrEqual(Number(meter.installed_on.slice(0, 4)));
    }
    const in90Days = addDays(TODAY, 90);
    // ISO dates compare correctly as text.
    const expired = active.filter((meter) => meter.legalization_expires_on < TODAY);
    const expiring = active.filter(
      (meter) => meter.legalization_expires_on >= TODAY && meter.legalization_expires_on <= in90Days,
    );
    expect(expired.length).toBeGreaterThan(0);
    expect(expiring.length).toBeGreaterThan(0);
    expect(active.length - expired.length - expiring.length).toBeGreaterThan(active.length / 2);
  });

  it('refuses a database that already has customers', async () => {
    await seedDemoData(context.database, { ...small, customers: 3 });
    await expect(seedDemoData(context.database, { ...small, customers: 3 })).rejects.toThrow(SeedError);
    const { n } = await context.database.db
      .selectFrom('customers')
      .select((s) => s.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(3);
  });
});

describeEachDatabase('createDemoLogins', (context) => {
  it('links the demo login to a household with a main meter and a garden sub-meter due soon', async () => {
    const summary = await seedDemoData(context.database, small);
    const logins = await createDemoLogins(context.database, testConfig(), { today: TODAY });
    expect(logins.customerNumber).toBe(summary.demoCustomerNumber);

    const login = await context.database.db
      .selectFrom('customer_logins')
      .selectAll()
      .where('email', '=', 'demo@example.com')
      .executeTakeFirstOrThrow();
    expect(login.email_verified_at).not.toBeNull();
    expect(login.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(login.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(login.password_hash, 'wrong-password')).toBe(false);

    const staff = await context.database.db
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', 'admin@example.com')
      .executeTakeFirstOrThrow();
    expect(staff.role).toBe('admin');
    expect(await verifyPassword(staff.password_hash, DEMO_PASSWORD)).toBe(true);

    const meters = await context.database.db
      .selectFrom('customer_login_access as access')
      .innerJoin('customers', 'customers.id', 'access.customer_id')
      .innerJoin('contracts', 'contracts.customer_id', 'customers.id')
      .innerJoin('service_points', 'service_points.id', 'contracts.service_point_id')
      .innerJoin('meters', 'meters.service_point_id', 'service_points.id')
      .select([
        'customers.kind',
        'service_points.customer_group',
        'meters.kind as meter',
        'meters.legalization_expires_on',
      ])
      .where('access.login_id', '=', login.id)
      .where('meters.removed_on', 'is', null)
      .execute();
    expect(meters.every((row) => row.kind === 'person' && row.customer_group === 'household')).toBe(true);
    expect(meters.filter((row) => row.meter === 'main')).toHaveLength(1);
    const sub = meters.find((row) => row.meter === 'sub');
    expect(sub?.legalization_expires_on).toBe('2026-12-31');

    const accepted = await context.database.db
      .selectFrom('terms_acceptances')
      .innerJoin('terms_versions', 'terms_versions.id', 'terms_acceptances.terms_version_id')
      .select(['terms_versions.document', 'terms_versions.version'])
      .where('terms_acceptances.customer_login_id', '=', login.id)
      .execute();
    expect(accepted).toEqual([{ document: 'ibok', version: '1.0' }]);

    // Running it again changes nothing.
    expect(await createDemoLogins(context.database, testConfig(), { today: TODAY })).toEqual(logins);
  });

  it('refuses to create demo logins in production', async () => {
    await seedDemoData(context.database, { ...small, customers: 2 });
    await expect(createDemoLogins(context.database, { environment: 'production' })).rejects.toThrow(
      DemoLoginsRefusedError,
    );
    const logins = await context.database.db.selectFrom('customer_logins').select('id').execute();
    const staff = await context.database.db.selectFrom('staff_users').select('id').execute();
    expect([logins.length, staff.length]).toEqual([0, 0]);
  });
});

describe('seed options', () => {
  it('rejects counts outside the supported range before touching the database', async () => {
    const unused = {} as Database;
    await expect(seedDemoData(unused, { ...small, customers: 0 })).rejects.toThrow(SeedError);
    await expect(seedDemoData(unused, { ...small, years: 0 })).rejects.toThrow(SeedError);
    await expect(seedDemoData(unused, { ...small, randomSeed: -1 })).rejects.toThrow(SeedError);
  });
});
