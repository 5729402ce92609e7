import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { pdfText } from '../src/modules/e-invoices/test-support.ts';
import {
  createContractHolder,
  createTermsVersion,
  DEFAULT_ACTIVATION_CODE,
  DEFAULT_PASSWORD,
} from '../tests/support/factories.ts';
import { billMonths, createMeter, monthEndReadings } from '../tests/support/portal-fixtures.ts';
import { formatCubicMetres, formatDate, formatMoney } from '../web/shared/format.ts';
import type { ConsumptionAnswer } from '../web/portal/usage/types.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowserOnEachDatabase, type BrowserSuite } from './support/browser.ts';
import { lastDayOf, monthBefore } from './support/dates.ts';

/**
 * A new customer's whole first visit, as the announcement promises it: register with the activation code from
 * a letter, confirm the e-mail from the message that really arrives over SMTP, sign in, see the balance, open an
 * invoice and download its PDF, look at consumption over a chosen range, send a self-reading, sign out. Once on
 * a desktop screen and once on a phone, with axe on every page on the way; on PGlite and on PostgreSQL.
 */

const LITRES_PER_MONTH = 4500;

/** A contract holder without a login yet: a main meter read at month ends, the last two months billed. */
async function newCustomer(browser: BrowserSuite) {
  const db = browser.database.db;
  const terms = await createTermsVersion(db, { title_pl: 'Regulamin iBOK 2026' });
  const { customer, servicePoint } = await createContractHolder(db, { first_name: 'Halina' });
  const readings = monthEndReadings(monthBefore(26), monthBefore(1), LITRES_PER_MONTH);
  const { meter } = await createMeter(db, servicePoint.id, { readings });
  await billMonths(browser.database, [monthBefore(2), monthBefore(1)]);
  const invoices = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'gross_grosze'])
    .where('customer_id', '=', customer.id)
    .orderBy('issue_date', 'desc')
    .execute();
  expect(invoices).toHaveLength(2);
  return { terms, customer, meter, lastReading: readings.at(-1)!, invoices };
}

const viewports = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
] as const;

/** Follows a link of the account menu, which is a sideways-scrolling bar on a phone. */
async function openFromMenu(page: Page, label: string, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu konta' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// On each database: registration, billing and the self-reading rules are transactions whose behaviour differs
// by engine.
describeInBrowserOnEachDatabase(
  'customer portal: first visit from registration to sign-out',
  (browser) => {
    for (const { name, ...screen } of viewports) {
      it(`registers, confirms the e-mail, pays attention to money and water, and signs out (${name})`, async () => {
        const { terms, customer, meter, lastReading, invoices } = await newCustomer(browser);
        const email = `halina.${name}@example.pl`;
        const page = await browser.newPage(screen);
        const mailsBefore = browser.mailbox.messages.length;

        // Registration: the customer number and the activation code from the letter, and the current terms.
        await page.goto('/');
        await expectAccessible(page);
        await page.getByRole('link', { name: 'Nie masz konta? Zarejestruj się' }).click();
        await page.getByRole('heading', { level: 1, name: 'Załóż konto w iBOK' }).waitFor();
        await page.getByLabel('Numer klienta').fill(customer.customer_number);
        await page.getByLabel('Kod aktywacyjny').fill(DEFAULT_ACTIVATION_CODE);
        await page.getByLabel('Adres e-mail').fill(email);
        await page.getByLabel('Hasło', { exact: true }).fill(DEFAULT_PASSWORD);
        await page.getByLabel('Powtórz hasło').fill(DEFAULT_PASSWORD);
        await page.getByLabel(`Akceptuję regulamin iBOK (wersja ${terms.version}).`).check();
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Załóż konto' }).click();
        await page.getByRole('heading', { level: 1, name: 'Sprawdź skrzynkę e-mail' }).waitFor();
        await expectAccessible(page);

        // The confirmation arrives over SMTP; its link confirms the address once.
        const message = await browser.mailbox.waitFor(email, { timeoutMs: 15_000, after: mailsBefore });
        expect(message.subject).toBe('Potwierdź adres e-mail w iBOK');
        const link = new URL(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(message.text)![0]);
        await page.goto(`${link.pathname}${link.search}`);
        await page.getByText('Adres e-mail został potwierdzony. Możesz się zalogować.').waitFor();
        await expectAccessible(page);

        // Sign-in lands on the dashboard with the balance of both unpaid invoices.
        await page.getByRole('link', { name: 'Przejdź do logowania' }).click();
        await page.getByLabel('Adres e-mail').fill(email);
        await page.getByLabel('Hasło', { exact: true }).fill(DEFAULT_PASSWORD);
        await page.getByRole('button', { name: 'Zaloguj się' }).click();
        await page.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
        const owed = invoices.reduce((sum, invoice) => sum + invoice.gross_grosze, 0);
        expect((await page.getByTestId('balance').innerText()).trim()).toBe(formatMoney(owed));
        await expectAccessible(page);

        // The newest invoice, its detail and its PDF, downloaded as a file and read back.
        const [newest] = invoices as [(typeof invoices)[0]];
        await openFromMenu(page, 'Faktury', 'Faktury');
        await expectAccessible(page);
        await page
          .getByRole('table', { name: 'Faktury i korekty, od najnowszych' })
          .getByRole('link', { name: newest.number })
          .click();
        await page.getByRole('heading', { level: 1, name: `Faktura ${newest.number}` }).waitFor();
        expect(await page.getByTestId('invoice-outstanding').innerText()).toBe(
          formatMoney(newest.gross_grosze),
        );
        await expectAccessible(page);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Pobierz PDF' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
        const pdf = await readFile(await download.path());
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = pdfText(pdf);
        expect(text).toContain(newest.number);
        expect(text).toContain(customer.customer_number);

        // Consumption over a range the customer chooses: three whole months.
        await openFromMenu(page, 'Zużycie', 'Analiza zużycia wody');
        const from = `${monthBefore(4)}-01`;
        const to = lastDayOf(monthBefore(2));
        await page.getByRole('textbox', { name: 'Od dnia' }).fill(formatDate(from));
        await page.getByRole('textbox', { name: 'Do dnia' }).fill(formatDate(to));
        await page.getByRole('button', { name: 'Pokaż', exact: true }).click();
        const table = page.getByRole('table', {
          name: `Zużycie miesięczne od ${formatDate(from)} do ${formatDate(to)}`,
        });
        await table.waitFor();
        const answer = (await (
          await page.request.get(`/api/v1/me/consumption?from=${from}&to=${to}`)
        ).json()) as ConsumptionAnswer;
        expect(answer.months.map((month) => month.waterLitres)).toEqual([4500, 4500, 4500]);
        expect(await table.locator('tbody tr').count()).toBe(3);
        expect(await table.locator('tfoot td').first().innerText()).toBe(
          formatCubicMetres(3 * LITRES_PER_MONTH),
        );
        await expectAccessible(page);

        // A self-reading above the last one, shown as waiting for acceptance.
        await openFromMenu(page, 'Odczyty', 'Odczyty wodomierzy');
        const value = lastReading[1] + 3210;
        await page.getByLabel('Stan wodomierza w m³').fill(formatCubicMetres(value).replace(/\s*m³$/, ''));
        await page.getByRole('button', { name: 'Wyślij odczyt' }).click();
        const history = page.getByRole('table', {
          name: `Historia odczytów wodomierza ${meter.serial_number}, od najnowszego`,
        });
        await history.getByText('oczekuje na akceptację').waitFor();
        expect(await history.locator('tbody tr').first().locator('td').first().innerText()).toBe(
          formatCubicMetres(value),
        );
        await expectAccessible(page);

        // Signing out ends the session on the server, not only in the page.
        await page.getByRole('button', { name: 'Wyloguj się' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' })
          .waitFor();
        expect((await page.request.get('/api/v1/me/summary')).status()).toBe(401);
        await page.goto('/konto');
        await page
          .getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' })
          .waitFor();
        expect(new URL(page.url()).pathname).toBe('/');
      });
    }
  },
  { smtp: true },
);
