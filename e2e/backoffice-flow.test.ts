import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { billingRunHandlers } from '../src/jobs/billing-run-job.ts';
import { startWorker } from '../src/jobs/queue.ts';
import { meteredCustomer } from '../src/modules/backoffice/test-fixtures.ts';
import { newTotpSecret } from '../src/modules/auth/totp.ts';
import {
  createContractHolder,
  createCustomerLogin,
  createStaffUser,
  type CreatedLogin,
} from '../tests/support/factories.ts';
import { testConfig } from '../tests/support/app.ts';
import { billMonths, createPortalCustomer, createTariffs } from '../tests/support/portal-fixtures.ts';
import { formatMoney } from '../web/shared/format.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowserOnEachDatabase, focusedElement } from './support/browser.ts';

const OLD_SERIAL = 'WM-E2E-0001';
const NEW_SERIAL = 'WM-E2E-0002';

async function signIn(page: Page, staff: CreatedLogin): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Adres e-mail').fill(staff.email);
  await page.getByLabel('Hasło').fill(staff.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByRole('navigation', { name: 'Panel obsługi' }).waitFor();
}

/** The staff session's CSRF token, for API calls made with the browser's own cookie. */
async function csrfToken(page: Page): Promise<string> {
  const answer = await page.request.get('/api/v1/staff/auth/session');
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

/** The text of the value cell beside a row header in a table. */
async function rowValue(page: Page, caption: string, row: string): Promise<string> {
  const table = page.getByRole('table', { name: caption });
  const header = page.getByRole('rowheader', { name: row, exact: true });
  return (await table.locator('tr', { has: header }).locator('td').innerText()).trim();
}

async function billedCustomer(database: Parameters<typeof createTariffs>[0]) {
  await createTariffs(database);
  // Someone else, who must not be found by the search below.
  await createContractHolder(database, { first_name: 'Adam', last_name: 'Zieliński' });
  return meteredCustomer(database, {
    serialNumber: OLD_SERIAL,
    customer: { first_name: 'Ewa', last_name: 'Wiśniewska' },
    readings: [
      ['2026-08-31', 40_000],
      ['2026-09-30', 50_000],
      ['2026-10-31', 60_500],
    ],
  });
}

describeInBrowserOnEachDatabase('back office: an operator at work', (browser) => {
  // A long flow with eight accessibility scans: more time than one screen needs on a busy machine.
  it(
    'finds a customer, replaces a meter, imports readings, bills a period, assigns a transfer, and sees it all in the audit log',
    { timeout: 240_000 },
    async () => {
      const db = browser.database.db;
      const holder = await billedCustomer(db);
      const operator = await createStaffUser(db, { role: 'operator', fullName: 'Olga Operatorka' });
      const page = await browser.newPage();
      await signIn(page, operator);

      // Search: only the matching customer is listed, and the first result opens.
      await page.getByRole('heading', { level: 1, name: 'Klienci' }).waitFor();
      await page.getByLabel('Szukaj klienta').fill('Wiśniewska');
      await page.getByRole('status').filter({ hasText: 'Wyniki: 1' }).waitFor();
      const results = page.getByRole('table', { name: 'Znalezieni klienci' });
      expect(await results.getByRole('row').count()).toBe(2); // header + Ewa
      expect(await results.innerText()).not.toContain('Zieliński');
      await expectAccessible(page);
      await results.getByRole('link', { name: /Wiśniewska/ }).click();

      // Customer 360.
      await page.getByRole('heading', { level: 1, name: /Wiśniewska/ }).waitFor();
      expect(await page.title()).toMatch(/Wiśniewska – iBOK/);
      expect(await page.getByText(holder.customer.customer_number, { exact: true }).count()).toBeGreaterThan(
        0,
      );
      await expectAccessible(page);

      // Meter replacement.
      await page.getByRole('button', { name: `Wymień wodomierz ${OLD_SERIAL}` }).click();
      await page.getByRole('textbox', { name: 'Data wymiany' }).fill('20.11.2026');
      await page.getByLabel('Odczyt końcowy starego wodomierza (m³)').fill('61,000');
      await page.getByLabel('Numer nowego wodomierza').fill(NEW_SERIAL);
      await page.getByLabel('Stan nowego wodomierza przy montażu (m³)').fill('0');
      await page.getByLabel('Rok legalizacji nowego wodomierza').fill('2026');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Zapisz wymianę' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Wodomierz ${OLD_SERIAL} wymieniony na ${NEW_SERIAL}.` })
        .waitFor();
      await page.getByRole('rowheader', { name: NEW_SERIAL, exact: true }).waitFor();
      // The new meter is the active one; the old one can no longer be replaced.
      await page.getByRole('button', { name: `Wymień wodomierz ${NEW_SERIAL}` }).waitFor();
      expect(await page.getByRole('button', { name: `Wymień wodomierz ${OLD_SERIAL}` }).count()).toBe(0);
      const meters = await db
        .selectFrom('meters')
        .select(['serial_number', 'removed_on'])
        .where('service_point_id', '=', holder.servicePoint.id)
        .orderBy('id')
        .execute();
      expect(meters.map((meter) => [meter.serial_number, meter.removed_on === null])).toEqual([
        [OLD_SERIAL, false],
        [NEW_SERIAL, true],
      ]);

      // Readings import with two bad lines.
      await page
        .getByRole('navigation', { name: 'Panel obsługi' })
        .getByRole('link', { name: 'Odczyty' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Odczyty' }).waitFor();
      const csv = [
        'meter_serial;date;value_m3;source',
        `${NEW_SERIAL};2026-11-24;1,000;amr`,
        'NIEZNANY-9;2026-11-24;5,000;amr',
        `${NEW_SERIAL};30.12.2099;2,000;staff`,
      ].join('\n');
      await page
        .getByLabel('Plik CSV')
        .setInputFiles({ name: 'odczyty-listopad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Importuj odczyty' }).click();
      const rejections = page.getByRole('table', { name: 'Odrzucone wiersze' });
      await rejections.waitFor();
      await page
        .getByText('Wierszy: 3, przyjęte: 1 (w tym do weryfikacji: 0), odrzucone: 2.', { exact: true })
        .waitFor();
      const rejected = await rejections.locator('tbody tr').allInnerTexts();
      expect(rejected).toHaveLength(2);
      expect(rejected[0]).toContain('3');
      expect(rejected[0]).toContain('nieznany wodomierz');
      expect(rejected[0]).toContain('NIEZNANY-9');
      expect(rejected[1]).toContain('4');
      expect(rejected[1]).toContain('data z przyszłości');
      expect(rejected[1]).toContain('30.12.2099');
      await expectAccessible(page);

      // Billing run: queued, worked by the job worker, then summarised.
      const worker = startWorker(browser.database, billingRunHandlers(browser.database, testConfig()), {
        workerId: 'e2e-billing',
        intervalMs: 200,
      });
      try {
        await page
          .getByRole('navigation', { name: 'Panel obsługi' })
          .getByRole('link', { name: 'Rozliczenia' })
          .click();
        await page.getByRole('heading', { level: 1, name: 'Rozliczenia' }).waitFor();
        await page.getByLabel('Okres', { exact: true }).fill('2026-10');
        await page.getByRole('button', { name: 'Uruchom rozliczenie' }).click();
        await page.getByRole('table', { name: 'Podsumowanie okresu 2026-10' }).waitFor({ timeout: 60_000 });
      } finally {
        await worker.stop();
      }
      const issued = await db
        .selectFrom('invoices')
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('gross_grosze').as('gross')])
        .where('kind', '=', 'invoice')
        .executeTakeFirstOrThrow();
      expect(Number(issued.count)).toBeGreaterThan(0);
      expect(Number(issued.gross)).toBeGreaterThan(0);
      const summary = 'Podsumowanie okresu 2026-10';
      expect(await rowValue(page, summary, 'Faktury')).toBe(String(issued.count));
      expect(await rowValue(page, summary, 'Brutto')).toBe(formatMoney(Number(issued.gross)));
      await expectAccessible(page);

      // An unmatched bank transfer (imported through the staff API), assigned on the payments page.
      const statement = [
        'id_transakcji;data_ksiegowania;kwota;waluta;rachunek_wirtualny;rachunek_nadawcy;nadawca;tytul',
        'T-E2E-0001;2026-11-21;150,00;PLN;;;Ewa W.;wplata za wode',
      ].join('\n');
      const imported = await page.request.post('/api/v1/staff/payments/statements', {
        headers: { 'X-CSRF-Token': await csrfToken(page) },
        data: { fileName: 'wyciag.csv', content: statement },
      });
      expect(imported.status()).toBe(200);
      await page
        .getByRole('navigation', { name: 'Panel obsługi' })
        .getByRole('link', { name: 'Płatności' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Płatności' }).waitFor();
      await page.getByRole('button', { name: 'Przypisz przelew T-E2E-0001' }).click();
      await page.getByLabel('Znajdź klienta').fill('Wiśniewska');
      await page.getByRole('radio', { name: /Wiśniewska/ }).check();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Przypisz', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Przelew 150,00\s+zł przypisano: Ewa Wiśniewska\./ })
        .waitFor();
      await page.getByText('Wszystkie przelewy są przypisane.').waitFor();
      const transfers = await db
        .selectFrom('payments')
        .select(['amount_grosze', 'channel'])
        .where('customer_id', '=', holder.customer.id)
        .execute();
      expect(transfers).toEqual([{ amount_grosze: 15_000, channel: 'transfer' }]);

      // The audit log shows every change above, made by this operator.
      await page
        .getByRole('navigation', { name: 'Panel obsługi' })
        .getByRole('link', { name: 'Dziennik zdarzeń' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Dziennik zdarzeń' }).waitFor();
      const log = page.getByRole('table', { name: 'Dziennik zdarzeń' });
      await log.waitFor();
      const actions = await log.locator('tbody th').allInnerTexts();
      for (const action of [
        'meter.replaced',
        'readings.imported',
        'billing_run.started',
        'bank_statement_item.assigned',
      ])
        expect(actions).toContain(action);
      const replacedRow = log.getByRole('row').filter({ hasText: 'meter.replaced' });
      expect(await replacedRow.innerText()).toContain('Olga Operatorka');
      await expectAccessible(page);

      // Searching narrows the log to one kind of change.
      await page.getByLabel('Czynność').fill('meter.');
      await page.getByRole('button', { name: 'Szukaj' }).click();
      await page.waitForURL(/action=meter\./);
      // The unfiltered rows stay on screen until the filtered answer arrives: wait for it, not for any count.
      const filteredActions = () => log.locator('tbody th').allInnerTexts();
      await expect
        .poll(async () => (await filteredActions()).every((action) => action.startsWith('meter.')), {
          timeout: 30_000,
        })
        .toBe(true);
      expect((await filteredActions()).length).toBeGreaterThan(0);
      const csvLink = page.getByRole('link', { name: 'Pobierz wyniki jako CSV' });
      expect(await csvLink.getAttribute('href')).toBe('/api/v1/staff/audit?action=meter.&format=csv');
    },
  );

  it("turns off a customer's two-step sign-in after a confirmation, for a lost phone", async () => {
    const db = browser.database.db;
    const { customer } = await createContractHolder(db, { first_name: 'Irena', last_name: 'Kowalczyk' });
    const login = await createCustomerLogin(db, {
      customerIds: [customer.id],
      email: 'irena@example.pl',
      totpSecret: newTotpSecret(),
    });
    const operator = await createStaffUser(db, { role: 'operator' });
    const page = await browser.newPage();
    await signIn(page, operator);
    await page.goto(`/admin/klienci/${customer.id}`);
    const logins = page.getByRole('table', { name: 'Konta w iBOK' });
    await logins.getByRole('button', { name: 'Wyłącz logowanie dwuetapowe konta irena@example.pl' }).click();
    const confirm = page.getByRole('button', { name: 'Tak, wyłącz logowanie dwuetapowe' });
    await expect
      .poll(async () => (await focusedElement(page))?.text)
      .toBe('Tak, wyłącz logowanie dwuetapowe');
    await expectAccessible(page);
    await confirm.click();
    await page
      .getByRole('status')
      .getByText('Logowanie dwuetapowe konta irena@example.pl zostało wyłączone.')
      .waitFor();
    await expect.poll(() => logins.locator('tbody tr td').nth(2).innerText()).toBe('nie');
    const stored = await db
      .selectFrom('customer_logins')
      .select('totp_secret')
      .where('id', '=', login.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).toBeNull();
  });

  it('shows read-only staff no change buttons, and the server refuses their changes', async () => {
    const db = browser.database.db;
    const holder = await billedCustomer(db);
    const reader = await createStaffUser(db, { role: 'read_only', fullName: 'Rafał Przeglądający' });
    const page = await browser.newPage();
    await signIn(page, reader);

    await page.goto(`/admin/klienci/${holder.customer.id}`);
    await page.getByRole('heading', { level: 1, name: /Wiśniewska/ }).waitFor();
    // The data is there …
    await page.getByRole('rowheader', { name: OLD_SERIAL, exact: true }).waitFor();
    // … but no action that would change it.
    expect(await page.getByRole('button', { name: /Wymień wodomierz/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Drukuj pismo aktywacyjne/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Korekta faktury/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Zapisz wpłatę' }).count()).toBe(0);
    await expectAccessible(page);

    await page.goto('/admin/odczyty');
    await page.getByRole('heading', { level: 2, name: /Odczyty do weryfikacji/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Importuj odczyty' }).count()).toBe(0);

    await page.goto('/admin/rozliczenia');
    await page.getByRole('heading', { level: 2, name: 'Rozliczenia okresów' }).waitFor();
    expect(await page.getByRole('button', { name: 'Uruchom rozliczenie' }).count()).toBe(0);

    // The server refuses a change sent with this session anyway.
    const refused = await page.request.post(`/api/v1/staff/meters/${holder.meter.id}/replace`, {
      headers: { 'X-CSRF-Token': await csrfToken(page) },
      data: {
        date: '2026-11-20',
        finalReadingM3: '61,000',
        newMeter: {
          serialNumber: NEW_SERIAL,
          installReadingM3: '0',
          registerDigits: 5,
          legalizationYear: 2026,
        },
      },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const meter = await db
      .selectFrom('meters')
      .select('removed_on')
      .where('id', '=', holder.meter.id)
      .executeTakeFirstOrThrow();
    expect(meter.removed_on).toBeNull();
  });

  it(
    'reviews a reading, corrects an invoice, takes a cash payment and refunds credit, prints an activation letter, and shows tariffs, reports and the outbox',
    { timeout: 240_000 },
    async () => {
      const db = browser.database.db;
      const customer = await createPortalCustomer(db, {
        customer: { first_name: 'Ewa', last_name: 'Wiśniewska' },
      });
      await billMonths(browser.database, ['2026-09', '2026-10']);
      const latest = await db
        .selectFrom('readings')
        .select(['value_litres'])
        .where('meter_id', '=', customer.mainMeterId)
        .orderBy('read_on', 'desc')
        .executeTakeFirstOrThrow();
      const pending = await db
        .insertInto('readings')
        .values({
          meter_id: customer.mainMeterId,
          read_on: '2026-11-15',
          value_litres: latest.value_litres + 2_000,
          source: 'customer',
          status: 'pending',
          status_reason: 'Odczyt klienta do weryfikacji',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const before = await db
        .selectFrom('customers')
        .select('activation_code_hash')
        .where('id', '=', customer.customerId)
        .executeTakeFirstOrThrow();
      const operator = await createStaffUser(db, { role: 'operator' });
      const page = await browser.newPage();
      await signIn(page, operator);

      // The review queue: the customer's reading is accepted.
      await page.goto('/admin/odczyty');
      const row = page.getByRole('row').filter({ hasText: customer.mainMeterSerial });
      await row.waitFor();
      await expectAccessible(page);
      await row.getByRole('button', { name: 'Przyjmij' }).click();
      await page.getByRole('status').filter({ hasText: 'Odczyt przyjęty.' }).waitFor();
      await page.getByText('Nie ma odczytów do weryfikacji.').waitFor();
      const accepted = await db
        .selectFrom('readings')
        .select('status')
        .where('id', '=', pending.id)
        .executeTakeFirstOrThrow();
      expect(accepted.status).toBe('accepted');

      // Customer 360: a correction of the latest invoice, cancelling it.
      await page.goto(`/admin/klienci/${customer.customerId}`);
      await page.getByRole('heading', { level: 1, name: /Wiśniewska/ }).waitFor();
      const invoice = await db
        .selectFrom('invoices')
        .select(['id', 'number', 'gross_grosze'])
        .where('customer_id', '=', customer.customerId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await page.getByRole('button', { name: `Korekta faktury ${invoice.number}` }).click();
      await page.getByLabel('Przyczyna korekty').fill('Błędnie przyjęty odczyt');
      await page.getByRole('radio', { name: /anuluj fakturę/ }).check();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Wystaw korektę' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Wystawiono korektę KOR\// })
        .waitFor();
      const corrections = await db
        .selectFrom('invoices')
        .select(['gross_grosze', 'correction_reason'])
        .where('kind', '=', 'correction')
        .where('customer_id', '=', customer.customerId)
        .execute();
      expect(corrections).toEqual([
        { gross_grosze: -invoice.gross_grosze, correction_reason: 'Błędnie przyjęty odczyt' },
      ]);
      expect(await page.getByRole('status').first().innerText()).toContain(
        formatMoney(-invoice.gross_grosze),
      );

      // Cash desk: more than is owed, so the rest stays as credit …
      await page.getByLabel('Kwota (zł)').first().fill('1000,00');
      await page.getByLabel('Numer dowodu KP').fill('KP/123/2026');
      await page.getByRole('button', { name: 'Zapisz wpłatę' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Zapisano wpłatę 1\s000,00\s+zł\./ })
        .waitFor();
      const cash = await db
        .selectFrom('payments')
        .select(['amount_grosze'])
        .where('customer_id', '=', customer.customerId)
        .where('channel', '=', 'cash_desk')
        .execute();
      expect(cash).toEqual([{ amount_grosze: 100_000 }]);
      await page.getByRole('cell', { name: 'kasa', exact: true }).waitFor();

      // … and part of that credit is refunded to the customer's account.
      await page.getByText(/Nadpłata do zwrotu: [1-9]/).waitFor();
      await page.getByLabel('Kwota (zł)').nth(1).fill('20,00');
      await page.getByLabel('Numer rachunku (26 cyfr)').fill('61 1090 1014 0000 0712 1981 2874');
      await page.getByLabel('Powód zwrotu').fill('Nadpłata po korekcie');
      await page.getByRole('button', { name: 'Zapisz zwrot' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Zapisano zwrot 20,00\s+zł\./ })
        .waitFor();
      const refunds = await db
        .selectFrom('payments')
        .select(['amount_grosze'])
        .where('customer_id', '=', customer.customerId)
        .where('channel', '=', 'refund')
        .execute();
      expect(refunds).toEqual([{ amount_grosze: -2_000 }]);

      // Activation letter: a new code (stored only hashed) and its PDF to download.
      await page.getByRole('button', { name: 'Drukuj pismo aktywacyjne (nowy kod)' }).click();
      const letter = page.getByRole('link', { name: 'Pobierz pismo aktywacyjne (PDF)' });
      await letter.waitFor();
      expect(await letter.getAttribute('href')).toMatch(/^blob:/);
      const after = await db
        .selectFrom('customers')
        .select('activation_code_hash')
        .where('id', '=', customer.customerId)
        .executeTakeFirstOrThrow();
      expect(after.activation_code_hash).not.toBe(before.activation_code_hash);
      await expectAccessible(page);

      // Tariffs, reports, e-invoice outbox.
      await page.goto('/admin/taryfy');
      await page.getByRole('heading', { level: 1, name: 'Taryfy' }).waitFor();
      const household = page.getByRole('row').filter({ hasText: 'household' });
      expect(await household.innerText()).toContain(formatMoney(582));
      await expectAccessible(page);

      await page.goto('/admin/raporty?raport=billing-periods');
      const periods = page.getByRole('table', { name: 'Okresy rozliczeniowe' });
      await periods.getByRole('cell', { name: '2026-10', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: /Pobierz CSV/ }).getAttribute('href')).toBe(
        '/api/v1/staff/reports/billing-periods?format=csv',
      );
      await expectAccessible(page);

      await page.goto('/admin/e-faktury');
      await page.getByRole('heading', { level: 1, name: 'E-faktury: wysyłka' }).waitFor();
      await page.getByLabel('Status').waitFor();
      await expectAccessible(page);
    },
  );
});
