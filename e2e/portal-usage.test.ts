import { readFile } from 'node:fs/promises';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { MailMessage } from '../src/adapters/mail/index.ts';
import { openSecret } from '../src/modules/auth/sealed-secret.ts';
import { testConfig } from '../tests/support/app.ts';
import {
  createContractHolder,
  createTermsVersion,
  DEFAULT_ACTIVATION_CODE,
  DEFAULT_PASSWORD,
} from '../tests/support/factories.ts';
import {
  addServicePoint,
  createMeter,
  createPortalCustomer,
  monthEndReadings,
} from '../tests/support/portal-fixtures.ts';
import { formatCubicMetres } from '../web/shared/format.ts';
import type { ConsumptionAnswer, MetersAnswer } from '../web/portal/usage/types.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser, focusedElement } from './support/browser.ts';
import { lastDayOf, monthBefore } from './support/dates.ts';

const LITRES_PER_MONTH = 4500;
/** Month-end readings from 30 months ago to last month: enough for a year and the year before it. */
const mainReadings = () => monthEndReadings(monthBefore(30), monthBefore(1), LITRES_PER_MONTH);

async function signIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Adres e-mail').fill(login.email);
  await page.getByLabel('Hasło', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByText(`Zalogowano jako ${login.email}`).waitFor();
}

/** The text of the elements an input's aria-describedby points at. */
async function descriptionOf(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' ');
}

describeInBrowser('portal usage pages', (browser) => {
  it('shows monthly consumption matching the API for a chosen range, and downloads it as CSV', async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.getByRole('link', { name: 'Zużycie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analiza zużycia wody' }).waitFor();
    // The default period: the last 12 months (plus the current one), one row per month.
    await page.locator('table.usage-table tbody tr').first().waitFor();
    expect(await page.locator('table.usage-table tbody tr').count()).toBe(12);

    const from = `${monthBefore(6)}-01`;
    const to = lastDayOf(monthBefore(2));
    // Dates are typed as they are printed, dd.mm.rrrr; a day that does not exist is named as the problem.
    const fromField = page.getByRole('textbox', { name: 'Od dnia' });
    await fromField.fill('31.02.2026');
    await fromField.blur();
    await page.getByText('Wpisz istniejącą datę w formacie dd.mm.rrrr').waitFor();
    expect(await fromField.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    // A phone's decimal key types commas; they are read as the dots they stand for.
    await fromField.fill(from.split('-').reverse().join(','));
    await page.getByRole('textbox', { name: 'Do dnia' }).fill(to.split('-').reverse().join('.'));
    await page.getByRole('button', { name: 'Od dnia: wybierz z kalendarza' }).waitFor();
    await page.getByRole('button', { name: 'Pokaż', exact: true }).click();
    await page.getByRole('table', { name: /Zużycie miesięczne od/ }).waitFor();
    await page.waitForURL((url) => url.searchParams.get('from') === from);
    const table = page.getByRole('table', {
      name: `Zużycie miesięczne od ${from.split('-').reverse().join('.')} do ${to.split('-').reverse().join('.')}`,
    });
    await table.waitFor();

    const answer = (await (
      await page.request.get(`/api/v1/me/consumption?from=${from}&to=${to}`)
    ).json()) as ConsumptionAnswer;
    expect(answer.months.map((month) => month.month)).toEqual(
      [4, 3, 2, 1, 0].map((back) => monthBefore(back + 2)),
    );
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    for (const [index, month] of answer.months.entries()) {
      const cells = await rows.nth(index).locator('td').allInnerTexts();
      expect(cells.slice(0, 4)).toEqual([
        formatCubicMetres(month.waterLitres),
        formatCubicMetres(month.sewageLitres),
        formatCubicMetres(month.subMeterLitres),
        formatCubicMetres(month.previousYear.waterLitres),
      ]);
      // Whole months between month-end readings: exactly the monthly volume, a year earlier too.
      expect(month.waterLitres).toBe(LITRES_PER_MONTH);
    }
    expect(await table.locator('tfoot td').first().innerText()).toBe(formatCubicMetres(5 * LITRES_PER_MONTH));
    await page.getByText(`Woda w tym samym okresie rok wcześniej`).waitFor();
    // The chart is drawn (echarts loaded lazily) and hidden from assistive technology, which reads the table.
    await page.locator('.usage-chart canvas').first().waitFor();
    expect(await page.locator('.usage-chart').getAttribute('aria-label')).toContain(
      formatCubicMetres(5 * LITRES_PER_MONTH),
    );
    await expectAccessible(page);

    const csvLink = page.getByRole('link', { name: 'Pobierz dane (CSV)' });
    const href = await csvLink.getAttribute('href');
    expect(href).toBe(`/api/v1/me/consumption.csv?from=${from}&to=${to}`);
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const content = await readFile(await download.path(), 'utf8');
    expect(content).toContain(';');
    expect(content).toContain('4,500');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toContain('text/csv');
  });

  it('lets a customer with two service points look at one of them', async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const second = await addServicePoint(browser.database.db, customer.customerId);
    await createMeter(browser.database.db, second.id, {
      readings: monthEndReadings(monthBefore(30), monthBefore(1), 1000),
    });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    const from = `${monthBefore(3)}-01`;
    const to = lastDayOf(monthBefore(2));
    await page.goto(`/konto/zuzycie?from=${from}&to=${to}`);
    const waterOfRows = async () => {
      await page.locator('table.usage-table tbody tr').first().waitFor();
      const rows = page.locator('table.usage-table tbody tr');
      return Promise.all([0, 1].map((index) => rows.nth(index).locator('td').first().innerText()));
    };
    // Both points together first.
    expect(await waterOfRows()).toEqual([formatCubicMetres(5500), formatCubicMetres(5500)]);

    const meters = (await (await page.request.get('/api/v1/me/meters')).json()) as MetersAnswer;
    const first = meters.meters.find((meter) => meter.servicePointId === customer.servicePointId)!;
    await page
      .getByLabel('Punkt poboru')
      .selectOption({ label: `${first.servicePointAddress} (${first.servicePointCode})` });
    await page.getByRole('button', { name: 'Pokaż', exact: true }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('servicePointId') === String(customer.servicePointId),
    );
    await page.getByText(`Podsumowanie:`).waitFor();
    await expect.poll(waterOfRows).toEqual([formatCubicMetres(4500), formatCubicMetres(4500)]);
    await expectAccessible(page);
  });

  it('refuses a self-reading below the last one next to the field, and shows a valid one as pending', async () => {
    const readings = mainReadings();
    const customer = await createPortalCustomer(browser.database.db, { main: { readings } });
    const [lastDate, lastLitres] = readings.at(-1)!;
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.goto('/konto/odczyty');
    await page.getByRole('heading', { level: 1, name: 'Odczyty wodomierzy' }).waitFor();
    const history = page.getByRole('table', {
      name: `Historia odczytów wodomierza ${customer.mainMeterSerial}, od najnowszego`,
    });
    const newest = history.locator('tbody tr').first();
    expect(await newest.locator('th').innerText()).toBe(lastDate.split('-').reverse().join('.'));
    expect(await newest.locator('td').first().innerText()).toBe(formatCubicMetres(lastLitres));
    expect(await newest.innerText()).toContain('zaakceptowany');
    await expectAccessible(page);

    const below = formatCubicMetres(lastLitres - 1000).replace(/\s*m³$/, '');
    await page.getByLabel('Stan wodomierza w m³').fill(below);
    await page.getByRole('button', { name: 'Wyślij odczyt' }).click();
    const valueField = page.getByLabel('Stan wodomierza w m³');
    await page.getByText('Stan wodomierza nie może być niższy niż ostatni przyjęty odczyt').waitFor();
    expect(await valueField.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'Stan wodomierza w m³')).toContain(
      `nie może być niższy niż ostatni przyjęty odczyt: ${formatCubicMetres(lastLitres)}`,
    );
    const valueFieldId = await valueField.getAttribute('id');
    await expect.poll(async () => (await focusedElement(page))?.id).toBe(valueFieldId);
    await expectAccessible(page);

    const valid = formatCubicMetres(lastLitres + 2345).replace(/\s*m³$/, '');
    await valueField.fill(valid);
    await page.getByRole('button', { name: 'Wyślij odczyt' }).click();
    await page
      .getByRole('status')
      .getByText(`Odczyt ${formatCubicMetres(lastLitres + 2345)} z dnia`)
      .waitFor();
    await history.getByText('oczekuje na akceptację').waitFor();
    const pendingRow = history.locator('tbody tr').first();
    expect(await pendingRow.locator('td').first().innerText()).toBe(formatCubicMetres(lastLitres + 2345));
    expect(await pendingRow.innerText()).toContain('samoodczyt');
    expect(await valueField.getAttribute('aria-invalid')).toBeNull();
    const stored = await browser.database.db
      .selectFrom('readings')
      .select(['value_litres', 'status', 'source'])
      .where('meter_id', '=', customer.mainMeterId)
      .where('source', '=', 'customer')
      .execute();
    expect(stored).toEqual([{ value_litres: lastLitres + 2345, status: 'pending', source: 'customer' }]);
    await expectAccessible(page);
  });

  it("shows each meter's legalization status in words and what an expired sub-meter means", async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const { meter: sub } = await createMeter(browser.database.db, customer.servicePointId, {
      kind: 'sub',
      legalizationYear: 2019,
      legalizationExpiresOn: '2024-12-31',
    });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.goto('/konto/wodomierze');
    await page.getByRole('heading', { level: 1, name: 'Wodomierze i legalizacja' }).waitFor();

    const api = (await (await page.request.get('/api/v1/me/meters')).json()) as MetersAnswer;
    const expired = api.meters.find((meter) => meter.id === sub.id)!;
    expect(expired.legalizationStatus).toBe('expired');
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: `Wodomierz ${sub.serial_number}` }),
    });
    await card.getByText('31.12.2024', { exact: true }).waitFor();
    await card.getByText('podlicznik', { exact: true }).waitFor();
    expect(await card.locator('.usage-badge').innerText()).toContain('wygasła');
    await card.getByText(expired.meaning.text.pl).waitFor();
    const main = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: `Wodomierz ${customer.mainMeterSerial}` }),
    });
    expect(await main.locator('.usage-badge').innerText()).toBe('ważna');
    await expectAccessible(page);
  });

  it('shows a removed meter for its history without a legalization warning', async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const { meter: old } = await createMeter(browser.database.db, customer.servicePointId, {
      installedOn: '2019-05-01',
      legalizationExpiresOn: '2024-12-31',
      removedOn: '2023-12-31',
      removalReadingLitres: 150_000,
    });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.goto('/konto/wodomierze');
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: `Wodomierz ${old.serial_number}` }),
    });
    await card.getByText('zdemontowany 31.12.2023').waitFor();
    // Its legalization ran out after it was taken off: that is no longer the customer's concern.
    expect(await card.locator('.usage-badge').innerText()).toBe('nie dotyczy – wodomierz zdemontowany');
    expect(await page.locator('.usage-badge--expired').count()).toBe(0);
    await expectAccessible(page);
  });

  it('accepts e-invoices and withdraws them; the history lists both', async () => {
    const terms = await createTermsVersion(browser.database.db, {
      document: 'e_invoice',
      title_pl: 'Regulamin e-faktury',
      body_pl: '§ 1. Faktury wysyłamy e-mailem.',
    });
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.goto('/konto/e-faktura');
    await page.getByRole('heading', { level: 1, name: 'e-Faktura' }).waitFor();
    await page.getByText('e-Faktura wyłączona: faktury wysyłamy pocztą.').waitFor();
    await page.getByText('Nie ma jeszcze żadnych zgód.').waitFor();
    await page.getByText(`Regulamin e-faktury (wersja ${terms.version})`, { exact: true }).click();
    await page.getByText('§ 1. Faktury wysyłamy e-mailem.').waitFor();
    const statement = page.getByRole('link', { name: /Oświadczenie o akceptacji e-faktur/ });
    const statementAnswer = await page.request.get((await statement.getAttribute('href'))!);
    expect(statementAnswer.status()).toBe(200);
    expect(statementAnswer.headers()['content-type']).toContain('application/pdf');
    await expectAccessible(page);

    // Without ticking the terms: the error sits at the checkbox.
    await page.getByRole('button', { name: 'Włącz e-Fakturę' }).click();
    await page.getByText('Zaakceptuj regulamin e-faktury.').waitFor();
    await page.getByLabel('Adres e-mail do faktur').fill('faktury@example.pl');
    await page
      .getByLabel(`Przeczytałem(-am) i akceptuję regulamin e-faktury (wersja ${terms.version}).`)
      .check();
    await page.getByRole('button', { name: 'Włącz e-Fakturę' }).click();
    await page
      .getByRole('status')
      .getByText('Zgoda zapisana. Faktury wyślemy na faktury@example.pl.')
      .waitFor();
    await page.getByText('e-Faktura włączona: faktury wysyłamy na faktury@example.pl.').waitFor();
    const historyTable = page.getByRole('table', { name: 'Historia zgód, od najnowszej' });
    await historyTable.getByText('zgoda udzielona').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Wycofaj zgodę (wróć do faktur papierowych)' }).click();
    await page.getByRole('status').getByText('Zgoda wycofana. Kolejne faktury wyślemy pocztą.').waitFor();
    await page.getByText('e-Faktura wyłączona: faktury wysyłamy pocztą.').waitFor();
    await historyTable.getByText('zgoda wycofana').waitFor();
    const rows = await historyTable.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('zgoda wycofana');
    expect(rows[1]).toContain('zgoda udzielona');
    expect(rows[1]).toContain('faktury@example.pl');

    const consents = await browser.database.db
      .selectFrom('e_invoice_consents')
      .select(['action', 'email', 'terms_version_id'])
      .where('customer_id', '=', customer.customerId)
      .orderBy('id')
      .execute();
    expect(consents).toEqual([
      { action: 'granted', email: 'faktury@example.pl', terms_version_id: terms.id },
      expect.objectContaining({ action: 'withdrawn' }),
    ]);
    await expectAccessible(page);
  });

  it('saves notification preferences and lists the own sessions on the profile', async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, customer.login);
    await page.goto('/konto/profil');
    await page.getByRole('heading', { level: 1, name: 'Mój profil' }).waitFor();
    await page
      .getByRole('table', { name: 'Otwarte sesje Twojego konta' })
      .getByText('To urządzenie')
      .waitFor();
    expect(
      await page.getByRole('link', { name: 'Pobierz wszystkie swoje dane (JSON)' }).getAttribute('href'),
    ).toBe('/api/v1/me/export.json');
    await expectAccessible(page);

    const group = page.getByRole('group', { name: 'Przypomnienie o terminie płatności' }).first();
    const email = group.getByLabel('E-mail');
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.getByRole('button', { name: 'Zapisz powiadomienia' }).click();
    await page.getByRole('status').getByText('Zapisano ustawienia powiadomień.').waitFor();
    const profile = (await (await page.request.get('/api/v1/me/profile')).json()) as {
      customers: { notificationPreferences: Record<string, { email: boolean }> }[];
    };
    const switchedOff = Object.entries(profile.customers[0]!.notificationPreferences)
      .filter(([, channels]) => !channels.email)
      .map(([kind]) => kind);
    expect(switchedOff).toEqual(['payment_due']);

    await page.goto('/konto/powiadomienia');
    await page.getByRole('heading', { level: 1, name: 'Powiadomienia' }).waitFor();
    expect(
      await page
        .getByRole('group', { name: 'Przypomnienie o terminie płatności' })
        .first()
        .getByLabel('E-mail')
        .isChecked(),
    ).toBe(false);
    await expectAccessible(page);
  });

  it('ends another session of the login and turns on two-step sign-in from the profile', async () => {
    const customer = await createPortalCustomer(browser.database.db, { main: { readings: mainReadings() } });
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(phone, customer.login);
    const page = await browser.newPage();
    await signIn(page, customer.login);
    await page.goto('/konto/profil');
    const sessions = page.getByRole('table', { name: 'Otwarte sesje Twojego konta' });
    await sessions.getByText('To urządzenie').waitFor();
    expect(await sessions.locator('tbody tr').count()).toBe(2);
    // The device in words people recognise, not the raw User-Agent header.
    await sessions.getByText('Chrome, Linux').first().waitFor();
    expect(await sessions.getByText('Mozilla/5.0').count()).toBe(0);
    await sessions.getByRole('button', { name: /^Wyloguj sesję rozpoczętą/ }).click();
    await page.getByRole('status').getByText('Sesja została zakończona.').waitFor();
    await expect.poll(() => sessions.locator('tbody tr').count()).toBe(1);
    await phone.goto('/konto/zuzycie');
    await phone.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).waitFor();

    await page.getByRole('button', { name: 'Włącz logowanie dwuetapowe' }).click();
    const secret = await page.locator('code.usage-secret').innerText();
    // The QR code is drawn: the image decoded (an SVG from data:, which the Content-Security-Policy allows).
    const qrCode = page.getByRole('img', { name: /^Kod QR do zeskanowania aplikacją uwierzytelniającą/ });
    await expect
      .poll(() => qrCode.evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await qrCode.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await expectAccessible(page);
    await page.getByLabel('Kod z aplikacji (6 cyfr)').fill('000000');
    await page.getByRole('button', { name: 'Potwierdź i włącz' }).click();
    await expect
      .poll(() => page.getByLabel('Kod z aplikacji (6 cyfr)').getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByLabel('Kod z aplikacji (6 cyfr)').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Potwierdź i włącz' }).click();
    await page.getByRole('status').getByText('Logowanie dwuetapowe zostało włączone.').waitFor();
    await page.getByText('Logowanie dwuetapowe jest włączone').waitFor();
    const login = await browser.database.db
      .selectFrom('customer_logins')
      .select('totp_secret')
      .where('id', '=', customer.login.id)
      .executeTakeFirstOrThrow();
    // Stored sealed: the database holds no usable secret, only what the server's key opens.
    expect(login.totp_secret).toMatch(/^sealed:v1:/);
    expect(login.totp_secret).not.toContain(secret);
    expect(openSecret(testConfig().encryptionKey, login.totp_secret!)).toBe(secret);
    await expectAccessible(page);
  });

  it('registers with the customer number and activation code, verifies the e-mail from the link, then signs in', async () => {
    const terms = await createTermsVersion(browser.database.db, { title_pl: 'Regulamin iBOK 2026' });
    const { customer } = await createContractHolder(browser.database.db);
    const sent: MailMessage[] = [];
    const mail = browser.app.dependencies.mail;
    const originalSend = mail.send.bind(mail);
    mail.send = (message) => {
      sent.push(message);
      return Promise.resolve({ messageId: `<test-${sent.length}@example.pl>` });
    };
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto('/');
      await page.getByRole('link', { name: 'Nie masz konta? Zarejestruj się' }).click();
      await page.getByRole('heading', { level: 1, name: 'Załóż konto w iBOK' }).waitFor();
      await page.getByText(`Akceptuję regulamin iBOK (wersja ${terms.version}).`).waitFor();
      await expectAccessible(page);

      // A password that is too short is caught next to the field before anything is sent.
      const email = 'nowy.klient@example.pl';
      await page.getByLabel('Numer klienta').fill(customer.customer_number);
      await page.getByLabel('Kod aktywacyjny').fill(DEFAULT_ACTIVATION_CODE.toLowerCase());
      await page.getByLabel('Adres e-mail').fill(email);
      await page.getByLabel('Hasło', { exact: true }).fill('krótkie');
      await page.getByLabel('Powtórz hasło').fill('krótkie');
      await page.getByRole('button', { name: 'Załóż konto' }).click();
      await expect
        .poll(() => descriptionOf(page, 'Hasło'))
        .toContain('Hasło musi mieć co najmniej 12 znaków.');
      await expectAccessible(page);

      await page.getByLabel('Hasło', { exact: true }).fill(DEFAULT_PASSWORD);
      await page.getByLabel('Powtórz hasło').fill(DEFAULT_PASSWORD);
      await page.getByLabel(`Akceptuję regulamin iBOK (wersja ${terms.version}).`).check();
      await page.getByRole('button', { name: 'Załóż konto' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sprawdź skrzynkę e-mail' }).waitFor();
      await page.getByText('Wysłaliśmy wiadomość na podany adres e-mail.').waitFor();
      await expectAccessible(page);

      await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(1);
      const message = sent[0]!;
      expect(message.to).toBe(email);
      expect(message.subject).toBe('Potwierdź adres e-mail w iBOK');
      const link = new URL(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(message.text)![0]);

      await page.goto(`${link.pathname}${link.search}`);
      await page.getByRole('heading', { level: 1, name: 'Potwierdzenie adresu e-mail' }).waitFor();
      await page.getByText('Adres e-mail został potwierdzony. Możesz się zalogować.').waitFor();
      await expectAccessible(page);
      const verified = await browser.database.db
        .selectFrom('customer_logins')
        .select('email_verified_at')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      expect(verified.email_verified_at).not.toBeNull();

      // The link works once.
      const again = await browser.newPage();
      await again.goto(`${link.pathname}${link.search}`);
      await again.getByRole('alert').waitFor();
      expect(await again.getByText('Adres e-mail został potwierdzony.').count()).toBe(0);

      await page.getByRole('link', { name: 'Przejdź do logowania' }).click();
      await signIn(page, { email, password: DEFAULT_PASSWORD });
      expect(new URL(page.url()).pathname).toBe('/konto');
    } finally {
      mail.send = originalSend;
    }
  });

  it('asks for a password-reset link, shows the terms and how to order e-invoices, and sends /login to the sign-in page', async () => {
    await createTermsVersion(browser.database.db, { title_pl: 'Regulamin iBOK 2026' });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto('/');
    await page.getByRole('link', { name: 'Nie pamiętasz hasła?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nie pamiętasz hasła?' }).waitFor();
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await expect.poll(() => descriptionOf(page, 'Adres e-mail')).toContain('Podaj poprawny adres e-mail');
    await page.getByLabel('Adres e-mail').fill('ktos@example.pl');
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await page.getByRole('status').getByText('Jeśli ten adres ma konto w iBOK').waitFor();
    await expectAccessible(page);

    await page.goto('/reset-password?token=not-a-real-token-000000000000000000000000000');
    await page.getByRole('heading', { level: 1, name: 'Ustaw nowe hasło' }).waitFor();
    // The browser checks length and repetition at once; the server then refuses a link that is not real.
    await page.getByLabel('Nowe hasło').fill('krótkie');
    await page.getByLabel('Powtórz hasło').fill('inne');
    await page.getByRole('button', { name: 'Zapisz nowe hasło' }).click();
    await expect.poll(() => descriptionOf(page, 'Nowe hasło')).toContain('co najmniej 12 znaków');
    await expect.poll(() => descriptionOf(page, 'Powtórz hasło')).toContain('Hasła nie są takie same.');
    await expectAccessible(page);
    await page.getByLabel('Nowe hasło').fill('woda-z-kranu-jest-dobra');
    await page.getByLabel('Powtórz hasło').fill('woda-z-kranu-jest-dobra');
    await page.getByRole('button', { name: 'Zapisz nowe hasło' }).click();
    await page
      .getByRole('alert')
      .getByText(/nieprawidłowy|wygasł/)
      .waitFor();

    await page.goto('/regulamin');
    await page.getByRole('heading', { level: 1, name: 'Regulamin iBOK 2026' }).waitFor();
    await page.getByText('§ 1. Postanowienia ogólne.').waitFor();
    await expectAccessible(page);
    // The terms as a PDF to keep, named after the version.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Pobierz regulamin (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^regulamin-ibok-.+\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // e-Faktura without an account: the terms and the blank statement, from a link on the sign-in page.
    await page.goto('/');
    await page.getByRole('link', { name: 'e-Faktura: jak zamówić' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'e-Faktura: faktury e-mailem zamiast pocztą' })
      .waitFor();
    await expectAccessible(page);
    const [statement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Pobierz oświadczenie (PDF)' }).click(),
    ]);
    expect(statement.suggestedFilename()).toBe('oswiadczenie-e-faktura.pdf');
    expect((await readFile(await statement.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
