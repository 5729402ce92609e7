import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createInvoice } from '../tests/support/factories.ts';
import {
  billMonths,
  createPayment,
  createPortalCustomer,
  type PortalCustomer,
} from '../tests/support/portal-fixtures.ts';
import { formatDate, formatMoney } from '../web/shared/format.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser, type BrowserSuite } from './support/browser.ts';

/** "2026-11-25" in Poland, shifted by `days`: the app's "today" is the real date. */
function polishDay(days = 0): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(date);
}

/** "1 234,56 zł" as the portal writes it: no-break spaces between thousands and before "zł". */
const moneyPattern = /^−?\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0zł$/;

interface MoneyFixture {
  customer: PortalCustomer;
  /** Issued 2026-10-05, paid in full by a transfer on 2026-10-15. */
  paid: { id: number; number: string; gross: number };
  /** Issued 2026-11-05, due 2026-11-19: overdue. */
  overdue: { id: number; number: string; gross: number };
  /** Issued three days ago, due in eleven days: the next due date. */
  upcoming: { id: number; number: string; gross: number; dueDate: string };
}

async function moneyFixture(browser: BrowserSuite): Promise<MoneyFixture> {
  const db = browser.database.db;
  const customer = await createPortalCustomer(db, { customer: { first_name: 'Zofia' } });
  await billMonths(browser.database, ['2026-09', '2026-10']);
  const billed = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'gross_grosze'])
    .where('customer_id', '=', customer.customerId)
    .orderBy('issue_date')
    .execute();
  expect(billed).toHaveLength(2);
  const [first, second] = billed as [(typeof billed)[0], (typeof billed)[0]];
  await createPayment(db, {
    customerId: customer.customerId,
    amountGrosze: first.gross_grosze,
    receivedOn: '2026-10-15',
    allocations: [{ invoiceId: first.id, amountGrosze: first.gross_grosze }],
  });
  const dueDate = polishDay(11);
  const upcoming = await createInvoice(db, {
    customerId: customer.customerId,
    servicePointId: customer.servicePointId,
    number: 'FV/2026/11/900001',
    issue_date: polishDay(-3),
    sale_date: polishDay(-3),
    due_date: dueDate,
    net_grosze: 120_000,
    vat_grosze: 9_600,
  });
  return {
    customer,
    paid: { id: first.id, number: first.number, gross: first.gross_grosze },
    overdue: { id: second.id, number: second.number, gross: second.gross_grosze },
    upcoming: { id: upcoming.id, number: upcoming.number, gross: upcoming.gross_grosze, dueDate },
  };
}

async function signIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Adres e-mail').fill(login.email);
  await page.getByLabel('Hasło').fill(login.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
}

/**
 * The test server's PUBLIC_URL is http://localhost:3000, so the sandbox checkout and the way back point there;
 * the browser is sent on to the app's real address.
 */
async function followPublicUrl(page: Page, baseUrl: string): Promise<void> {
  await page.context().route(/^http:\/\/localhost:3000\//, (route) =>
    route.fulfill({
      status: 302,
      headers: { location: route.request().url().replace('http://localhost:3000', baseUrl) },
    }),
  );
}

const texts = (page: Page, testId: string) => page.getByTestId(testId).allInnerTexts();

describeInBrowser('customer portal: money pages', (browser) => {
  it('shows the balance, the next due date and arrears on the dashboard, dated', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage();
    await signIn(page, fixture.customer.login);

    const balance = (await page.getByTestId('balance').innerText()).trim();
    expect(balance).toMatch(moneyPattern);
    expect(balance).toBe(formatMoney(fixture.overdue.gross + fixture.upcoming.gross));
    expect(balance).toContain('\u00a0'); // above 1 000 zł: grouped thousands
    const nextDue = await page.getByTestId('next-due').innerText();
    expect(nextDue).toContain(formatDate(fixture.upcoming.dueDate));
    expect(nextDue).toContain(formatMoney(fixture.upcoming.gross));
    expect(nextDue).toContain(fixture.upcoming.number);
    await page.getByText(`numer ${fixture.customer.customerNumber}`).waitFor();

    const arrears = page.getByRole('alert');
    await arrears.getByText('Uwaga: masz zaległe płatności').waitFor();
    expect(await arrears.innerText()).toContain(
      `Faktury po terminie: 1, razem ${formatMoney(fixture.overdue.gross)}`,
    );
    expect(await page.getByText(/^Stan na \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Zapłać', exact: true }).getAttribute('href')).toBe(
      '/konto/platnosci/nowa',
    );
    expect(await page.title()).toBe('Moje konto – iBOK');
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Menu konta' })
      .getByRole('link', { name: 'Faktury', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Faktury' }).waitFor();
    const list = page.getByRole('table', { name: 'Faktury i korekty, od najnowszych' });
    await list.getByRole('link', { name: fixture.upcoming.number }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(3);
    await expectAccessible(page);
    await page.getByLabel('Status faktury').selectOption('paid');
    await page.waitForURL(/status=paid/);
    await expect
      .poll(async () => list.locator('tbody th a').allInnerTexts(), { timeout: 10_000 })
      .toEqual([fixture.paid.number]);
    await list.getByText('Opłacona').waitFor();
  });

  it('lists settlements with the running balance, filters them and opens an invoice with its PDF', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage();
    await signIn(page, fixture.customer.login);
    await page
      .getByRole('navigation', { name: 'Menu konta' })
      .getByRole('link', { name: 'Rozliczenia' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Rozliczenia' }).waitFor();

    const table = page.getByRole('table', {
      name: `Rozliczenia konta numer ${fixture.customer.customerNumber}`,
    });
    await table.waitFor();
    const { paid, overdue, upcoming } = fixture;
    expect(await texts(page, 'running-balance')).toEqual(
      [paid.gross, 0, overdue.gross, overdue.gross + upcoming.gross].map(formatMoney),
    );
    const rows = table.locator('tbody tr');
    expect(await rows.nth(1).innerText()).toContain('Wpłata – Przelew');
    expect(await rows.nth(1).innerText()).toContain(formatMoney(-paid.gross));
    expect(await rows.nth(2).innerText()).toContain('Po terminie');
    expect(await table.locator('tfoot').innerText()).toContain(formatMoney(overdue.gross + upcoming.gross));
    await expectAccessible(page);

    await page.getByLabel('Status faktury').selectOption('overdue');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await page.waitForURL(/status=overdue/);
    await expect
      .poll(() => texts(page, 'running-balance'), { timeout: 10_000 })
      .toEqual([formatMoney(overdue.gross)]);

    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await page.getByRole('textbox', { name: 'Od dnia' }).fill('01.11.2026');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await page.waitForURL(/od=2026-11-01/);
    await table.getByRole('rowheader', { name: 'Saldo początkowe' }).waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="running-balance"]').length === 2,
    );
    expect(await texts(page, 'running-balance')).toEqual(
      [overdue.gross, overdue.gross + upcoming.gross].map(formatMoney),
    );

    await table.getByRole('link', { name: overdue.number }).click();
    await page.getByRole('heading', { level: 1, name: `Faktura ${overdue.number}` }).waitFor();
    await page.getByRole('table', { name: 'Pozycje faktury' }).waitFor();
    expect(
      await page.getByRole('table', { name: 'Pozycje faktury' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    await page.getByRole('table', { name: 'Podsumowanie VAT' }).getByText('8%').waitFor();
    await page.getByRole('table', { name: 'Odczyty użyte do rozliczenia' }).waitFor();
    expect(await page.getByTestId('invoice-outstanding').innerText()).toBe(formatMoney(overdue.gross));
    await expectAccessible(page);

    const pdfLink = page.getByRole('link', { name: 'Pobierz PDF' });
    const href = await pdfLink.getAttribute('href');
    expect(href).toBe(`/api/v1/me/invoices/${overdue.id}/pdf`);
    const pdf = await page.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The paid invoice offers no payment.
    await page.goto(`/konto/faktury/${paid.id}`);
    await page.getByRole('heading', { level: 1, name: `Faktura ${paid.number}` }).waitFor();
    expect(await page.getByRole('link', { name: 'Zapłać', exact: true }).count()).toBe(0);
    await page.getByText('Opłacona', { exact: false }).first().waitFor();
  });

  it('pays two chosen invoices through the sandbox provider: fee as its own line, one payment for a double click', async () => {
    const fixture = await moneyFixture(browser);
    const { overdue, upcoming } = fixture;
    const both = overdue.gross + upcoming.gross;
    const page = await browser.newPage();
    await followPublicUrl(page, browser.baseUrl);
    await signIn(page, fixture.customer.login);
    await page.goto(`/konto/faktury/${overdue.id}`);
    await page.getByRole('link', { name: 'Zapłać', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Zapłać online' }).waitFor();

    const chosen = page.getByRole('checkbox', { name: new RegExp(`Faktura ${overdue.number}`) });
    expect(await chosen.isChecked()).toBe(true);
    expect(
      await page
        .getByRole('checkbox', { name: new RegExp(`Faktura ${fixture.upcoming.number}`) })
        .isChecked(),
    ).toBe(false);
    const fee = page.getByTestId('pay-fee');
    await fee.waitFor();
    expect(await fee.innerText()).toMatch(/Opłata za płatność online\s+1,00\u00a0zł/);
    expect(await page.getByTestId('pay-total').innerText()).toContain(formatMoney(overdue.gross + 100));
    // The summary's caption is for screen readers only: it takes no room above the table's header.
    const summary = page.locator('table.summary-table');
    const [tableBox, headBox] = [await summary.boundingBox(), await summary.locator('thead').boundingBox()];
    expect(headBox!.y - tableBox!.y).toBeLessThanOrEqual(1);
    // The second invoice joins the payment; the fee stays one line of 1,00 zł.
    await page.getByRole('checkbox', { name: new RegExp(`Faktura ${upcoming.number}`) }).check();
    await page.getByRole('button', { name: `Zapłać ${formatMoney(both + 100)}` }).waitFor();
    expect(await page.getByTestId('pay-total').innerText()).toContain(formatMoney(both + 100));
    expect(await fee.innerText()).toMatch(/1,00\u00a0zł/);
    await expectAccessible(page);

    const confirm = page.getByRole('button', { name: `Zapłać ${formatMoney(both + 100)}` });
    await confirm.dblclick();
    await page.getByRole('heading', { level: 1, name: 'Płatność testowa' }).waitFor();
    const attempts = await browser.database.db
      .selectFrom('online_payments')
      .select(['id', 'status', 'fee_grosze', 'total_grosze'])
      .execute();
    expect(attempts.map(({ id: _id, ...attempt }) => attempt)).toEqual([
      { status: 'pending', fee_grosze: 100, total_grosze: both + 100 },
    ]);

    await page.getByRole('button', { name: /^Zapłać/ }).click();
    await page.waitForURL(new RegExp(`/konto/platnosci/${attempts[0]?.id}$`));
    await page.getByRole('heading', { level: 1, name: 'Stan płatności' }).waitFor();
    const outcome = page.getByRole('status').filter({ hasText: 'Płatność przyjęta' });
    await outcome.getByText('Opłacona').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Historia płatności' }).click();
    await page.getByRole('heading', { level: 1, name: 'Płatności' }).waitFor();
    const history = page.getByRole('table', { name: 'Historia wpłat, od najnowszych' });
    const newest = history.locator('tbody tr').first();
    await newest.getByText('Płatność online').waitFor();
    expect(await newest.innerText()).toContain(formatMoney(both));
    expect(await newest.innerText()).toContain('1,00\u00a0zł');
    await newest.getByRole('link', { name: overdue.number }).waitFor();
    await newest.getByRole('link', { name: upcoming.number }).waitFor();
    // Posted and allocated to exactly those two invoices.
    const allocations = await browser.database.db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', 'p.id', 'a.payment_id')
      .where('p.channel', '=', 'online')
      .select(['a.invoice_id', 'a.amount_grosze'])
      .orderBy('a.invoice_id')
      .execute();
    expect(allocations).toEqual(
      [
        { invoice_id: overdue.id, amount_grosze: overdue.gross },
        { invoice_id: upcoming.id, amount_grosze: upcoming.gross },
      ].sort((a, b) => a.invoice_id - b.invoice_id),
    );
    expect(await history.locator('tbody tr').count()).toBe(2);
    await expectAccessible(page);

    await newest.getByRole('link', { name: overdue.number }).click();
    await page.getByRole('heading', { level: 1, name: `Faktura ${overdue.number}` }).waitFor();
    expect(await page.getByTestId('invoice-outstanding').innerText()).toBe(formatMoney(0));
    await page
      .getByRole('table', { name: 'Wpłaty zaliczone na tę fakturę' })
      .getByText('Płatność online')
      .waitFor();
    expect(await page.getByRole('link', { name: 'Zapłać', exact: true }).count()).toBe(0);
  });

  it('polls a pending payment until the provider confirms it, and shows its invoice as in progress meanwhile', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage();
    await followPublicUrl(page, browser.baseUrl);
    await signIn(page, fixture.customer.login);
    await page.goto(`/konto/platnosci/nowa?faktura=${fixture.overdue.id}`);
    await page.getByRole('button', { name: /^Zapłać \d/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Płatność testowa' }).waitFor();
    const checkout = page.url();
    const [attempt] = await browser.database.db.selectFrom('online_payments').select('id').execute();

    // Back in the portal (e.g. the customer used the back button): the invoice cannot be chosen again.
    await page.goto('/konto/platnosci/nowa');
    const inProgress = page.getByRole('checkbox', { name: new RegExp(`Faktura ${fixture.overdue.number}`) });
    await inProgress.waitFor();
    expect(await inProgress.isDisabled()).toBe(true);
    await page.getByText('Płatność w toku').waitFor();
    await expectAccessible(page);

    await page.goto(`/konto/platnosci/${attempt?.id}`);
    await page.getByRole('status').getByText('W toku').waitFor();
    await page.getByText('Czekamy na potwierdzenie od operatora płatności.', { exact: false }).waitFor();
    await expectAccessible(page);

    // The customer pays in a second tab; the first one learns it by polling.
    const second = await page.context().newPage();
    await second.goto(checkout);
    await second.getByRole('button', { name: /^Zapłać/ }).click();
    await second.waitForURL(/\/konto\/platnosci\/\d+$/);
    await page.getByRole('status').getByText('Opłacona').waitFor({ timeout: 10_000 });
    await page.getByText('Płatność przyjęta', { exact: false }).waitFor();
  });

  it('shows a declined payment as failed and offers to pay again', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage();
    await followPublicUrl(page, browser.baseUrl);
    await signIn(page, fixture.customer.login);
    await page.goto(`/konto/platnosci/nowa?faktura=${fixture.overdue.id}`);
    await page.getByRole('button', { name: /^Zapłać \d/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Płatność testowa' }).waitFor();
    await page.getByRole('button', { name: 'Odrzuć płatność' }).click();
    await page.waitForURL(/\/konto\/platnosci\/\d+$/);
    await page.getByRole('status').getByText('Nieudana').waitFor();
    await page.getByText('Płatność nie powiodła się.', { exact: false }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Zapłać ponownie' }).click();
    const again = page.getByRole('checkbox', { name: new RegExp(`Faktura ${fixture.overdue.number}`) });
    await again.waitFor();
    expect(await again.isDisabled()).toBe(false);
    expect(await page.getByText('Płatność w toku').count()).toBe(0);
  });

  it('keeps showing a page from the offline cache, dated and marked offline', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage();
    await signIn(page, fixture.customer.login);
    // The service worker takes over the pages opened after it is installed.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const menu = page.getByRole('navigation', { name: 'Menu konta' });
    await menu.getByRole('link', { name: 'Płatności' }).click();
    const history = page.getByRole('table', { name: 'Historia wpłat, od najnowszych' });
    await history.getByText('Przelew').waitFor();
    const asOf = await page.getByText(/^Stan na /).innerText();
    await menu.getByRole('link', { name: 'Pulpit' }).click();
    await page.getByTestId('balance').waitFor();

    await page.context().setOffline(true);
    await menu.getByRole('link', { name: 'Płatności' }).click();
    await page.getByText('Brak połączenia – pokazujemy ostatnio pobrane dane.').waitFor();
    expect(await page.getByText(/^Stan na /).innerText()).toContain(asOf);
    expect(await history.locator('tbody tr').first().innerText()).toContain(formatMoney(fixture.paid.gross));

    // Opening the app again offline (a reload) still shows the last synced dashboard, not the sign-in form.
    await page.goto('/konto');
    await page.getByTestId('balance').waitFor();
    await page.getByText('Brak połączenia – pokazujemy ostatnio pobrane dane.').waitFor();
    expect(
      await page.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).count(),
    ).toBe(0);
    await page.context().setOffline(false);
  });

  it('keeps the pay action on a 375 px phone screen without sideways scrolling', async () => {
    const fixture = await moneyFixture(browser);
    const page = await browser.newPage({
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await signIn(page, fixture.customer.login);
    await page.getByTestId('balance').waitFor();
    const pay = page.getByRole('link', { name: 'Zapłać', exact: true });
    const box = await pay.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    const widths = await page.evaluate<{ scroll: number; viewport: number }>(
      '({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })',
    );
    expect(widths.viewport).toBe(375);
    expect(widths.scroll).toBeLessThanOrEqual(375);

    await page.goto('/konto/rozliczenia');
    await page.getByRole('heading', { level: 1, name: 'Rozliczenia' }).waitFor();
    await page.getByTestId('running-balance').first().waitFor();
    const settlementWidths = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(settlementWidths).toBeLessThanOrEqual(375);
    await expectAccessible(page);
  });
});
