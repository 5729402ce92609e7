import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { testConfig } from '../../../tests/support/app.ts';
import { addressLines, loadInvoiceDocument } from './document.ts';

const config = testConfig({
  SELLER_NAME: 'Wodociągi Testowe Sp. z o.o.',
  SELLER_STREET: 'ul. Wodna 1',
  SELLER_POSTAL_CODE: '00-001',
  SELLER_CITY: 'Łódź',
  SELLER_NIP: '8880001258',
});
const ACCOUNT = '61102050110000000000123456';

interface Fixture {
  customerId: number;
  otherCustomerId: number;
  invoiceId: number;
  correctionId: number;
}

/** A household billed for November (water 12,345 m³ estimated, sewage, subscription) and a correction of it. */
async function insertFixture(db: Kysely<DB>): Promise<Fixture> {
  const customer = await db
    .insertInto('customers')
    .values({
      customer_number: '000123',
      kind: 'person',
      first_name: 'Łucja',
      last_name: 'Gęś',
      street: 'ul. Świętego Ducha',
      building: '12',
      apartment: '4',
      postal_code: '87-800',
      city: 'Włocławek',
      language: 'pl',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const other = await db
    .insertInto('customers')
    .values({
      customer_number: '000124',
      kind: 'company',
      company_name: 'Inna Sp. z o.o.',
      nip: '5210001238',
      street: 'ul. Inna',
      building: '1',
      postal_code: '87-800',
      city: 'Włocławek',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('service_points')
    .values({
      code: 'PP-1',
      street: 'ul. Świętego Ducha',
      building: '12',
      apartment: '4',
      postal_code: '87-800',
      city: 'Włocławek',
      customer_group: 'household',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = (serial: string, kind: string) => ({
    service_point_id: point.id,
    serial_number: serial,
    kind,
    installed_on: '2021-03-01',
    legalization_year: 2021,
    legalization_expires_on: '2026-12-31',
  });
  const [main, sub] = await db
    .insertInto('meters')
    .values([meter('WM-0042', 'main'), meter('POD-7781', 'sub')])
    .returning('id')
    .execute();
  const tariff = await db
    .insertInto('tariff_versions')
    .values({
      customer_group: 'household',
      valid_from: '2026-06-01',
      water_price_grosze_per_m3: 582,
      sewage_price_grosze_per_m3: 699,
      subscription_grosze_per_month: 431,
      vat_rate_basis_points: 800,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const common = {
    customer_id: customer.id,
    service_point_id: point.id,
    period_from: '2026-11-01',
    period_to: '2026-11-30',
    sale_date: '2026-11-30',
    buyer_name: 'Łucja Gęś',
    buyer_address: 'ul. Świętego Ducha 12/4, 87-800 Włocławek',
    service_point_address: 'ul. Świętego Ducha 12/4, 87-800 Włocławek',
    bank_account: ACCOUNT,
    delivery: 'email',
  };
  const invoice = await db
    .insertInto('invoices')
    .values({
      ...common,
      number: 'FV/2026/11/000123',
      series: 'FV',
      kind: 'invoice',
      issue_date: '2026-12-02',
      due_date: '2026-12-16',
      net_grosze: 16245,
      vat_grosze: 1300,
      gross_grosze: 17545,
      ksef_number: '8880001258-20261202-0A1B2C3D4E5F-9A',
      notes: JSON.stringify([
        {
          code: 'expired_sub_meter',
          pl: 'Podlicznik bez ważnej legalizacji: brak odliczenia.',
          en: 'Expired sub-meter: no deduction.',
        },
      ]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = (
    position: number,
    kind: string,
    names: [string, string],
    unit: string,
    quantity: number,
    price: number,
    net: number,
  ) => ({
    invoice_id: invoice.id,
    position,
    kind,
    name_pl: names[0],
    name_en: names[1],
    unit,
    quantity_thousandths: quantity,
    unit_price_grosze: price,
    net_grosze: net,
    vat_rate_basis_points: 800,
    tariff_version_id: tariff.id,
  });
  await db
    .insertInto('invoice_lines')
    .values([
      // Inserted out of order: the document lists them by position.
      line(3, 'subscription', ['Opłata abonamentowa', 'Subscription charge'], 'month', 1000, 431, 431),
      { ...line(1, 'water', ['Dostarczanie wody', 'Water supply'], 'm3', 12345, 582, 7185), estimated: true },
      {
        ...line(2, 'sewage', ['Odprowadzanie ścieków', 'Sewage disposal'], 'm3', 12345, 699, 8629),
        estimated: true,
      },
    ])
    .execute();
  await db
    .insertInto('invoice_vat_summaries')
    .values({
      invoice_id: invoice.id,
      vat_rate_basis_points: 800,
      net_grosze: 16245,
      vat_grosze: 1300,
      gross_grosze: 17545,
    })
    .execute();
  await db
    .insertInto('invoice_readings')
    .values([
      {
        invoice_id: invoice.id,
        meter_id: sub!.id,
        meter_role: 'garden',
        previous_reading_on: '2026-10-31',
        previous_value_litres: 45000,
        current_reading_on: '2026-11-30',
        current_value_litres: 47500,
        current_estimated: false,
        consumption_litres: 2500,
      },
      {
        invoice_id: invoice.id,
        meter_id: main!.id,
        meter_role: 'main',
        previous_reading_on: '2026-10-31',
        previous_value_litres: 1234567,
        current_reading_on: '2026-11-30',
        current_value_litres: 1246912,
        current_estimated: true,
        consumption_litres: 12345,
      },
    ])
    .execute();

  // The correction: 10 m³ instead of the estimated 12,345 m³. Lines hold the difference, corrected_* the figures before.
  const correction = await db
    .insertInto('invoices')
    .values({
      ...common,
      number: 'KOR/2026/12/000007',
      series: 'KOR',
      kind: 'correction',
      issue_date: '2026-12-20',
      due_date: '2027-01-03',
      net_grosze: -3004,
      vat_grosze: -241,
      gross_grosze: -3245,
      corrects_invoice_id: invoice.id,
      correction_reason: 'Odczyt rzeczywisty zamiast szacunku',
      delivery: 'paper',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const difference = (
    position: number,
    kind: string,
    names: [string, string],
    unit: string,
    quantity: number,
    price: number,
    net: number,
    before: [number, number],
  ) => ({
    ...line(position, kind, names, unit, quantity, price, net),
    invoice_id: correction.id,
    corrected_quantity_thousandths: before[0],
    corrected_net_grosze: before[1],
  });
  await db
    .insertInto('invoice_lines')
    .values([
      difference(1, 'water', ['Dostarczanie wody', 'Water supply'], 'm3', -2345, 582, -1365, [12345, 7185]),
      difference(
        2,
        'sewage',
        ['Odprowadzanie ścieków', 'Sewage disposal'],
        'm3',
        -2345,
        699,
        -1639,
        [12345, 8629],
      ),
      difference(
        3,
        'subscription',
        ['Opłata abonamentowa', 'Subscription charge'],
        'month',
        0,
        431,
        0,
        [1000, 431],
      ),
    ])
    .execute();
  await db
    .insertInto('invoice_vat_summaries')
    .values({
      invoice_id: correction.id,
      vat_rate_basis_points: 800,
      net_grosze: -3004,
      vat_grosze: -241,
      gross_grosze: -3245,
    })
    .execute();
  return {
    customerId: customer.id,
    otherCustomerId: other.id,
    invoiceId: invoice.id,
    correctionId: correction.id,
  };
}

describeEachDatabase('invoice document loader', (context) => {
  it('builds the printable document of an invoice from the stored rows', async () => {
    const fixture = await insertFixture(context.database.db);
    const document = await loadInvoiceDocument(context.database.db, fixture.invoiceId, config);
    expect(document).toEqual({
      seller: {
        name: 'Wodociągi Testowe Sp. z o.o.',
        street: 'ul. Wodna 1',
        postalCode: '00-001',
        city: 'Łódź',
        nip: '8880001258',
        bankAccount: ACCOUNT,
      },
      buyer: {
        name: 'Łucja Gęś',
        addressLines: ['ul. Świętego Ducha 12/4', '87-800 Włocławek'],
        customerNumber: '000123',
      },
      servicePointAddress: 'ul. Świętego Ducha 12/4, 87-800 Włocławek',
      number: 'FV/2026/11/000123',
      kind: 'invoice',
      issueDate: '2026-12-02',
      saleDate: '2026-11-30',
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      dueDate: '2026-12-16',
      lines: [
        {
          position: 1,
          name: { pl: 'Dostarczanie wody', en: 'Water supply' },
          unit: 'm3',
          quantityThousandths: 12345,
          unitPriceGrosze: 582,
          netGrosze: 7185,
          vatRateBasisPoints: 800,
          estimated: true,
        },
        {
          position: 2,
          name: { pl: 'Odprowadzanie ścieków', en: 'Sewage disposal' },
          unit: 'm3',
          quantityThousandths: 12345,
          unitPriceGrosze: 699,
          netGrosze: 8629,
          vatRateBasisPoints: 800,
          estimated: true,
        },
        {
          position: 3,
          name: { pl: 'Opłata abonamentowa', en: 'Subscription charge' },
          unit: 'month',
          quantityThousandths: 1000,
          unitPriceGrosze: 431,
          netGrosze: 431,
          vatRateBasisPoints: 800,
        },
      ],
      vatSummary: [{ vatRateBasisPoints: 800, netGrosze: 16245, vatGrosze: 1300, grossGrosze: 17545 }],
      totals: { net: 16245, vat: 1300, gross: 17545 },
      readings: [
        {
          meterSerial: 'WM-0042',
          meterKind: 'main',
          previousDate: '2026-10-31',
          previousLitres: 1234567,
          currentDate: '2026-11-30',
          currentLitres: 1246912,
          estimated: true,
          consumptionLitres: 12345,
        },
        {
          meterSerial: 'POD-7781',
          meterKind: 'sub',
          previousDate: '2026-10-31',
          previousLitres: 45000,
          currentDate: '2026-11-30',
          currentLitres: 47500,
          estimated: false,
          consumptionLitres: 2500,
        },
      ],
      notes: ['Podlicznik bez ważnej legalizacji: brak odliczenia.'],
      delivery: 'email',
      ksefNumber: '8880001258-20261202-0A1B2C3D4E5F-9A',
      language: 'pl',
    });
  });

  it('builds a correction with the corrected invoice, the reason and the lines before, after and their difference', async () => {
    const fixture = await insertFixture(context.database.db);
    const document = await loadInvoiceDocument(context.database.db, fixture.correctionId, config);
    expect(document?.kind).toBe('correction');
    expect(document?.delivery).toBe('paper');
    expect(document?.totals).toEqual({ net: -3004, vat: -241, gross: -3245 });
    expect(document?.lines.map((line) => [line.quantityThousandths, line.netGrosze])).toEqual([
      [-2345, -1365],
      [-2345, -1639],
      [0, 0],
    ]);
    const correction = document?.correction;
    expect(correction).toMatchObject({
      correctedNumber: 'FV/2026/11/000123',
      correctedIssueDate: '2026-12-02',
      correctedKsefNumber: '8880001258-20261202-0A1B2C3D4E5F-9A',
      reason: 'Odczyt rzeczywisty zamiast szacunku',
      vatSummaryBefore: [{ vatRateBasisPoints: 800, netGrosze: 16245, vatGrosze: 1300, grossGrosze: 17545 }],
      vatSummaryAfter: [{ vatRateBasisPoints: 800, netGrosze: 13241, vatGrosze: 1059, grossGrosze: 14300 }],
      vatSummaryDifference: [
        { vatRateBasisPoints: 800, netGrosze: -3004, vatGrosze: -241, grossGrosze: -3245 },
      ],
      totalsBefore: { net: 16245, vat: 1300, gross: 17545 },
      totalsAfter: { net: 13241, vat: 1059, gross: 14300 },
    });
    expect(
      correction?.linesBefore.map((line) => [
        line.position,
        line.quantityThousandths,
        line.unitPriceGrosze,
        line.netGrosze,
        line.estimated ?? false,
      ]),
    ).toEqual([
      [1, 12345, 582, 7185, true],
      [2, 12345, 699, 8629, true],
      [3, 1000, 431, 431, false],
    ]);
    expect(
      correction?.linesAfter.map((line) => [line.position, line.quantityThousandths, line.netGrosze]),
    ).toEqual([
      [1, 10000, 5820],
      [2, 10000, 6990],
      [3, 1000, 431],
    ]);
  });

  it('sums the whole chain when a correction corrects a correction', async () => {
    const fixture = await insertFixture(context.database.db);
    const db = context.database.db;
    const second = await db
      .insertInto('invoices')
      .values({
        number: 'KOR/2026/12/000008',
        series: 'KOR',
        kind: 'correction',
        customer_id: fixture.customerId,
        service_point_id: (await db.selectFrom('service_points').select('id').executeTakeFirstOrThrow()).id,
        period_from: '2026-11-01',
        period_to: '2026-11-30',
        issue_date: '2026-12-21',
        sale_date: '2026-11-30',
        due_date: '2027-01-04',
        buyer_name: 'Łucja Gęś',
        buyer_address: 'ul. Świętego Ducha 12/4\n87-800 Włocławek',
        service_point_address: 'ul. Świętego Ducha 12/4, 87-800 Włocławek',
        bank_account: ACCOUNT,
        net_grosze: 100,
        vat_grosze: 8,
        gross_grosze: 108,
        corrects_invoice_id: fixture.correctionId,
        correction_reason: 'Błąd w cenie abonamentu',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('invoice_vat_summaries')
      .values({
        invoice_id: second.id,
        vat_rate_basis_points: 800,
        net_grosze: 100,
        vat_grosze: 8,
        gross_grosze: 108,
      })
      .execute();
    const document = await loadInvoiceDocument(db, second.id, config);
    expect(document?.correction?.correctedNumber).toBe('KOR/2026/12/000007');
    expect(document?.correction?.correctedKsefNumber).toBeUndefined();
    // Before = the original invoice plus the first correction; after = before plus this one.
    expect(document?.correction?.totalsBefore).toEqual({ net: 13241, vat: 1059, gross: 14300 });
    expect(document?.correction?.totalsAfter).toEqual({ net: 13341, vat: 1067, gross: 14408 });
    expect(document?.buyer.addressLines).toEqual(['ul. Świętego Ducha 12/4', '87-800 Włocławek']);
  });

  it('finds an invoice only for its own customer when scoped, and nothing for an unknown id', async () => {
    const fixture = await insertFixture(context.database.db);
    const db = context.database.db;
    expect(
      await loadInvoiceDocument(db, fixture.invoiceId, config, { customerId: fixture.otherCustomerId }),
    ).toBeNull();
    expect(
      (await loadInvoiceDocument(db, fixture.invoiceId, config, { customerId: fixture.customerId }))?.number,
    ).toBe('FV/2026/11/000123');
    expect(await loadInvoiceDocument(db, fixture.correctionId + 1000, config)).toBeNull();
  });

  it('loads inside a transaction with the transaction handle only, in the customer language', async () => {
    const fixture = await insertFixture(context.database.db);
    await context.database.db
      .updateTable('customers')
      .set({ language: 'en' })
      .where('id', '=', fixture.customerId)
      .execute();
    const document = await context.database.db
      .transaction()
      .execute((transaction) => loadInvoiceDocument(transaction, fixture.correctionId, config));
    expect(document?.language).toBe('en');
    expect(document?.notes).toEqual([]);
    expect(document?.correction?.linesAfter).toHaveLength(3);
  });
});

it('splits a one-line address before the postal code', () => {
  expect(addressLines('ul. Długa 5/3, 87-800 Włocławek')).toEqual(['ul. Długa 5/3', '87-800 Włocławek']);
  expect(addressLines('Os. Zielone 1, lok. 2, 87-800 Włocławek')).toEqual([
    'Os. Zielone 1, lok. 2',
    '87-800 Włocławek',
  ]);
  expect(addressLines('ul. Krótka 1\r\n\n87-800 Włocławek')).toEqual(['ul. Krótka 1', '87-800 Włocławek']);
});
