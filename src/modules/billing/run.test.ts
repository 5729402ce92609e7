import { expect, it } from 'vitest';
import { calendarDate, isValidNrb, parseInvoiceNumber } from '../../domain/index.ts';
import type { Database } from '../../db/database.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { runBilling } from './run.ts';

const bankAccountPrefix = '10205011';
const today = calendarDate('2026-11-05');

/** Service points with a main meter read at the end of each month, 150 litres a day (4,5 m³ in 30 days). */
async function servicePoints(database: Database, count: number, options: { cycleMonths?: number } = {}) {
  const { db } = database;
  await db
    .insertInto('tariff_versions')
    .values([
      {
        customer_group: 'household',
        valid_from: '2025-06-01',
        water_price_grosze_per_m3: 582,
        sewage_price_grosze_per_m3: 699,
        subscription_grosze_per_month: 500,
        vat_rate_basis_points: 800,
      },
      {
        customer_group: 'other',
        valid_from: '2025-06-01',
        water_price_grosze_per_m3: 612,
        sewage_price_grosze_per_m3: 731,
        subscription_grosze_per_month: 900,
        vat_rate_basis_points: 800,
      },
    ])
    .execute();
  for (let index = 1; index <= count; index += 1) {
    const customer = await db
      .insertInto('customers')
      .values({
        customer_number: String(10000000 + index),
        kind: 'person',
        first_name: 'Anna',
        last_name: `Nowak${index}`,
        street: 'ul. Kaliska',
        building: String(index),
        postal_code: '87-800',
        city: 'Włocławek',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const point = await db
      .insertInto('service_points')
      .values({
        code: `PW-${index}`,
        street: 'ul. Kaliska',
        building: String(index),
        postal_code: '87-800',
        city: 'Włocławek',
        customer_group: 'household',
        billing_cycle_months: options.cycleMonths ?? 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contracts')
      .values({
        contract_number: `U/${index}`,
        customer_id: customer.id,
        service_point_id: point.id,
        services: 'water_and_sewage',
        signed_on: '2026-01-01',
        valid_from: '2026-01-01',
      })
      .execute();
    const meter = await db
      .insertInto('meters')
      .values({
        service_point_id: point.id,
        serial_number: `M${index}`,
        kind: 'main',
        installed_on: '2026-01-01',
        legalization_year: 2025,
        legalization_expires_on: '2030-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('readings')
      .values([
        { meter_id: meter.id, read_on: '2026-08-31', value_litres: 100_000, source: 'staff' },
        { meter_id: meter.id, read_on: '2026-09-30', value_litres: 104_500, source: 'staff' },
        { meter_id: meter.id, read_on: '2026-10-31', value_litres: 109_150, source: 'staff' },
      ])
      .execute();
  }
}

describeEachDatabase('billing run', (context) => {
  it('issues exactly one correct invoice per service point, numbered without gaps', async () => {
    await servicePoints(context.database, 3);
    const result = await runBilling(context.database, { period: '2026-10', today, bankAccountPrefix });
    expect(result).toMatchObject({ candidates: 3, issued: 3, skipped: [] });

    const invoices = await context.database.db.selectFrom('invoices').selectAll().orderBy('number').execute();
    expect(invoices.map((invoice) => invoice.number)).toEqual([
      'FV/2026/11/000001',
      'FV/2026/11/000002',
      'FV/2026/11/000003',
    ]);
    const first = invoices[0]!;
    expect(first).toMatchObject({
      period_from: '2026-10-01',
      period_to: '2026-10-31',
      issue_date: '2026-11-05',
      due_date: '2026-11-19',
      sale_date: '2026-10-31',
    });
    expect(isValidNrb(first.bank_account)).toBe(true);
    // 4,650 m³ × 5,82 = 27,06 (27,063); sewage 4,650 × 6,99 = 32,50 (32,5035); subscription 5,00: net 64,56, VAT 8% 5,16.
    const lines = await context.database.db
      .selectFrom('invoice_lines')
      .where('invoice_id', '=', first.id)
      .orderBy('position')
      .selectAll()
      .execute();
    expect(lines.map((line) => [line.kind, line.quantity_thousandths, line.net_grosze])).toEqual([
      ['water', 4650, 2706],
      ['sewage', 4650, 3250],
      ['subscription', 1000, 500],
    ]);
    expect(first.net_grosze).toBe(6456);
    expect(first.vat_grosze).toBe(516);
    expect(first.gross_grosze).toBe(6972);
    expect(lines.every((line) => line.tariff_version_id !== null)).toBe(true);
    const readings = await context.database.db
      .selectFrom('invoice_readings')
      .where('invoice_id', '=', first.id)
      .selectAll()
      .execute();
    expect(readings).toMatchObject([
      {
        previous_value_litres: 104_500,
        current_value_litres: 109_150,
        consumption_litres: 4650,
        current_estimated: false,
      },
    ]);

    const again = await runBilling(context.database, { period: '2026-10', today, bankAccountPrefix });
    expect(again).toMatchObject({ candidates: 0, issued: 0 });
    const count = await context.database.db
      .selectFrom('invoices')
      .select((select) => select.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(3);
  });

  it('resumes after a crash between batches with no duplicate, no gap and no lost service point', async () => {
    await servicePoints(context.database, 5);
    await expect(
      runBilling(context.database, {
        period: '2026-10',
        today,
        bankAccountPrefix,
        batchSize: 2,
        afterBatch: (batch) => {
          if (batch === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const partial = await context.database.db.selectFrom('invoices').select('number').execute();
    expect(partial).toHaveLength(4);
    const run = await context.database.db.selectFrom('billing_runs').selectAll().executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');

    const resumed = await runBilling(context.database, {
      period: '2026-10',
      today,
      bankAccountPrefix,
      batchSize: 2,
    });
    expect(resumed.issued).toBe(1);
    const invoices = await context.database.db
      .selectFrom('invoices')
      .select(['number', 'service_point_id'])
      .execute();
    expect(new Set(invoices.map((invoice) => invoice.service_point_id)).size).toBe(5);
    expect(invoices.map((invoice) => parseInvoiceNumber(invoice.number).sequence).sort()).toEqual([
      1, 2, 3, 4, 5,
    ]);
    const finished = await context.database.db
      .selectFrom('billing_runs')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(finished).toMatchObject({ status: 'completed', invoice_count: 5, service_point_count: 5 });
  });

  it('bills only the points whose cycle ends in the period, over the whole cycle', async () => {
    await servicePoints(context.database, 2, { cycleMonths: 2 });
    expect((await runBilling(context.database, { period: '2026-09', today, bankAccountPrefix })).issued).toBe(
      0,
    );
    const october = await runBilling(context.database, { period: '2026-10', today, bankAccountPrefix });
    expect(october.issued).toBe(2);
    const invoice = await context.database.db.selectFrom('invoices').selectAll().executeTakeFirstOrThrow();
    expect([invoice.period_from, invoice.period_to]).toEqual(['2026-09-01', '2026-10-31']);
  });

  it('refuses a period that has not ended and a malformed one, writing nothing', async () => {
    await expect(
      runBilling(context.database, { period: '2026-11', today, bankAccountPrefix }),
    ).rejects.toThrow(/has not ended/);
    await expect(
      runBilling(context.database, { period: '2026-13', today, bankAccountPrefix }),
    ).rejects.toThrow(/must look like/);
    expect(await context.database.db.selectFrom('billing_runs').selectAll().execute()).toEqual([]);
  });

  it('uses a customer credit for the new invoice', async () => {
    await servicePoints(context.database, 1);
    const customer = await context.database.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
    await context.database.db
      .insertInto('payments')
      .values({
        customer_id: customer.id,
        channel: 'transfer',
        amount_grosze: 10_000,
        received_on: '2026-10-10',
        external_reference: 'overpayment-1',
      })
      .execute();
    await runBilling(context.database, { period: '2026-10', today, bankAccountPrefix });
    const allocations = await context.database.db
      .selectFrom('payment_allocations')
      .select(['amount_grosze'])
      .execute();
    expect(allocations).toEqual([{ amount_grosze: 6972 }]);
  });
});
