import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser, focusedElement } from './support/browser.ts';

const polishHeading = 'Zaloguj się do e-Biura Obsługi Klienta';
const englishHeading = 'Sign in to the Customer Self-Service Office';
const firstScreenBudgetBytes = 200 * 1024;

describeInBrowser('customer portal: landing page', (browser) => {
  it('loads in Polish and passes the WCAG 2.1 AA checks', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.title()).toBe('Logowanie – iBOK');
    await page.getByLabel('Adres e-mail').waitFor();
    await page.getByLabel('Hasło').waitFor();
    expect(await page.getByRole('button', { name: 'Polski' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page);
  });

  it('ties the error messages to their fields and moves focus to the first one', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();

    const email = page.getByLabel('Adres e-mail');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await email.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Podaj adres e-mail.');
    expect((await focusedElement(page))?.id).toBe(await email.getAttribute('id'));

    await email.fill('jan.kowalski');
    await page.getByLabel('Hasło').fill('tajne-hasło');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByText('Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.').waitFor();
    expect(await page.getByLabel('Hasło').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page);
  });

  it('switches to English, sets the lang attribute and remembers the choice', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByRole('heading', { level: 1, name: englishHeading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Sign in – iBOK');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('E-mail address').waitFor();
    await expectAccessible(page);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: englishHeading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('offers a skip link as the first stop of the keyboard', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Przejdź do treści' });
    expect(await focusedElement(page)).toMatchObject({ tag: 'a', text: 'Przejdź do treści' });
    const box = await skipLink.boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect((await focusedElement(page))?.id).toBe('main');
  });

  it('fits a phone screen without sideways scrolling, with 44 px touch targets', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    const widths = await page.evaluate<{ scroll: number; viewport: number }>(
      '({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })',
    );
    expect(widths.viewport).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);

    const form = page.locator('form');
    const formBox = await form.boundingBox();
    expect(formBox && formBox.x >= 0 && formBox.x + formBox.width <= 390).toBe(true);
    const controls = page.locator('form input, form button, header button');
    expect(await controls.count()).toBeGreaterThanOrEqual(5);
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      const name = `${(await control.getAttribute('name')) ?? ''} ${(await control.textContent()) ?? ''}`;
      expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(44);
    }
    await expectAccessible(page);
  });

  it(`loads the first screen with less than ${firstScreenBudgetBytes / 1024} KB of gzipped JavaScript`, async () => {
    const page = await browser.newPage();
    const scripts: Promise<{ url: string; gzipped: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(response.body().then((body) => ({ url: response.url(), gzipped: gzipSync(body).length })));
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, script) => sum + script.gzipped, 0);
    console.log(
      `[e2e] first screen JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${loaded.length} files` +
        ` (budget ${firstScreenBudgetBytes / 1024} KB)`,
    );
    expect(loaded.length).toBeGreaterThan(0);
    // The pages behind a login are not part of the first screen.
    expect(
      loaded.map((script) => script.url).filter((url) => /AccountPage|BackofficePage/.test(url)),
    ).toEqual([]);
    expect(total).toBeLessThan(firstScreenBudgetBytes);
  });

  it('sends a visitor without a session from the account page back to the login', async () => {
    const page = await browser.newPage();
    await page.goto('/konto');
    await page.getByRole('heading', { level: 1, name: polishHeading }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows a page-not-found message for an unknown address', async () => {
    const page = await browser.newPage();
    await page.goto('/nie-ma-takiej-strony');
    await page.getByRole('heading', { level: 1, name: 'Nie znaleziono strony' }).waitFor();
    await expectAccessible(page);
  });
});
