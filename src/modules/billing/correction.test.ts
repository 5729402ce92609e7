import { expect, it } from 'vitest';
import { calendarDate } from '../../domain/index.ts';
import type { Database } from '../../db/database.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { issueCorrection } from './correction.ts';
import { runBilling } from './run.ts';

const bankAccountPrefix = '10205011';

async function billedServicePoint(database: Database) {
  const { db } = database;
  await db
    .insertInto('tariff_versions')
    .values({
      customer_group: 'household',
      valid_from: '2025-06-01',
      water_price_grosze_per_m3: 582,
      sewage_price_grosze_per_m3: 699,
      subscription_grosze_per_month: 500,
      vat_rate_basis_points: 800,
    })
    .execute();
  const customer = await db
    .insertInto('customers')
    .values({
      customer_number: '10000001',
      kind: 'person',
      first_name: 'Jan',
      last_name: 'Kowalski',
      street: 'ul. Żabia',
      building: '3',
      postal_code: '87-800',
      city: 'Włocławek',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('service_points')
    .values({
      code: 'PW-1',
      street: 'ul. Żabia',
      building: '3',
      postal_code: '87-800',
      city: 'Włocławek',
      customer_group: 'household',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('contracts')
    .values({
      contract_number: 'U/1',
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
      serial_number: 'M1',
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
      { meter_id: meter.id, read_on: '2026-09-30', value_litres: 100_000, source: 'staff' },
      // A typing error: 20 m³ instead of 10 m³.
      { meter_id: meter.id, read_on: '2026-10-31', value_litres: 120_000, source: 'staff' },
    ])
    .execute();
  await runBilling(database, { period: '2026-10', today: calendarDate('2026-11-02'), bankAccountPrefix });
  const invoice = await db.selectFrom('invoices').selectAll().executeTakeFirstOrThrow();
  return { customerId: customer.id, meterId: meter.id, invoice };
}

describeEachDatabase('correcting invoices', (context) => {
  it('corrects a wrong reading: differences per line, the paid excess becomes credit', async () => {
    const { db } = context.database;
    const { customerId, meterId, invoice } = await billedServicePoint(context.database);
    // 20 m³ × 5,82 = 116,40; × 6,99 = 139,80; + 5,00 → net 261,20, VAT 20,90, gross 282,10
    expect(invoice.gross_grosze).toBe(28210);
    const payment = await db
      .insertInto('payments')
      .values({
        customer_id: customerId,
        channel: 'transfer',
        amount_grosze: 28210,
        received_on: '2026-11-10',
        external_reference: 'bank-1',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payment_allocations')
      .values({ payment_id: payment.id, invoice_id: invoice.id, amount_grosze: 28210 })
      .execute();

    const wrong = await db
      .selectFrom('readings')
      .where('read_on', '=', '2026-10-31')
      .select('id')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('readings').set({ status: 'superseded' }).where('id', '=', wrong.id).execute();
      await trx
        .insertInto('readings')
        .values({ meter_id: meterId, read_on: '2026-10-31', value_litres: 110_000, source: 'staff' })
        .execute();
    });

    const result = await issueCorrection(context.database, {
      invoiceId: invoice.id,
      reason: 'Błędny odczyt wodomierza',
      mode: 'recalculate',
      today: calendarDate('2026-11-20'),
    });
    expect(result.number).toBe('KOR/2026/11/000001');
    // Correct invoice: 10 m³ → 58,20 + 69,90 + 5,00 = 133,10 net, VAT 10,65, gross 143,75.
    expect(result.calculation.totalsAfter).toEqual({ net: 13310, vat: 1065, gross: 14375 });
    expect(result.calculation.totalsDifference).toEqual({ net: -12810, vat: -1025, gross: -13835 });

    const correction = await db
      .selectFrom('invoices')
      .where('id', '=', result.correctionId)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(correction).toMatchObject({
      kind: 'correction',
      corrects_invoice_id: invoice.id,
      correction_reason: 'Błędny odczyt wodomierza',
      gross_grosze: -13835,
    });
    const lines = await db
      .selectFrom('invoice_lines')
      .where('invoice_id', '=', result.correctionId)
      .orderBy('position')
      .selectAll()
      .execute();
    expect(
      lines.map((line) => [
        line.kind,
        line.corrected_quantity_thousandths,
        line.quantity_thousandths,
        line.net_grosze,
      ]),
    ).toEqual([
      ['water', 20000, -10000, -5820],
      ['sewage', 20000, -10000, -6990],
      // Unchanged lines are kept, so the correction shows the whole invoice before and after.
      ['subscription', 1000, 0, 0],
    ]);
    // The 138,35 zł paid above the corrected amount is now credit, not stuck on the invoice.
    const allocated = await db.selectFrom('payment_allocations').select('amount_grosze').execute();
    expect(allocated).toEqual([{ amount_grosze: 14375 }]);
  });

  it('cancels an invoice to zero and refuses a correction without a reason or without a difference', async () => {
    const { invoice } = await billedServicePoint(context.database);
    await expect(
      issueCorrection(context.database, {
        invoiceId: invoice.id,
        reason: ' ',
        mode: 'cancel',
        today: calendarDate('2026-11-20'),
      }),
    ).rejects.toThrow(/reason/);
    await expect(
      issueCorrection(context.database, {
        invoiceId: invoice.id,
        reason: 'Bez zmian',
        mode: 'recalculate',
        today: calendarDate('2026-11-20'),
      }),
    ).rejects.toThrow(/does not differ/);
    const cancelled = await issueCorrection(context.database, {
      invoiceId: invoice.id,
      reason: 'Umowa rozwiązana',
      mode: 'cancel',
      today: calendarDate('2026-11-20'),
    });
    expect(cancelled.calculation.totalsAfter.gross).toBe(0);
    expect(cancelled.calculation.totalsDifference.gross).toBe(-invoice.gross_grosze);
    // Numbers stay gap-free: the refused attempts took none.
    expect(cancelled.number).toBe('KOR/2026/11/000001');
    const counters = await context.database.db
      .selectFrom('invoice_number_counters')
      .selectAll()
      .orderBy('series')
      .execute();
    expect(counters.map((counter) => [counter.series, counter.last_number])).toEqual([
      ['FV', 1],
      ['KOR', 1],
    ]);
  });
});
