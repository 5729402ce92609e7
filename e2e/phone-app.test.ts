import { expect, it } from 'vitest';
import { createPortalCustomer } from '../tests/support/portal-fixtures.ts';
import { describeInBrowser } from './support/browser.ts';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  lang: string;
  icons: { src: string; sizes: string; purpose?: string }[];
  shortcuts: { name: string; url: string }[];
}

describeInBrowser('installable phone app', (browser) => {
  it('links a manifest with the icons an install needs, and shortcuts that open the mobile set', async () => {
    const customer = await createPortalCustomer(browser.database.db);
    const page = await browser.newPage({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = (await response.json()) as Manifest;
    expect(manifest).toMatchObject({ short_name: 'iBOK', start_url: '/', display: 'standalone', lang: 'pl' });
    // Android needs 192 and 512 px icons and a maskable one; iOS takes the apple-touch-icon.
    for (const size of ['192x192', '512x512']) {
      expect(manifest.icons.some((icon) => icon.sizes === size && icon.purpose !== 'maskable')).toBe(true);
    }
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const image = await page.request.get(icon.src);
      expect(image.headers()['content-type'], icon.src).toBe('image/png');
    }
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await page.request.get(touchIcon!)).status()).toBe(200);

    // Each shortcut opens its page for a signed-in customer.
    await page.getByLabel('Adres e-mail').fill(customer.login.email);
    await page.getByLabel('Hasło', { exact: true }).fill(customer.login.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
    const headings: Record<string, string> = {
      '/konto/platnosci/nowa': 'Zapłać online',
      '/konto/platnosci': 'Płatności',
      '/konto/zuzycie': 'Analiza zużycia wody',
      '/konto/odczyty': 'Odczyty wodomierzy',
    };
    expect(manifest.shortcuts.map((shortcut) => shortcut.url)).toEqual(Object.keys(headings));
    for (const shortcut of manifest.shortcuts) {
      await page.goto(shortcut.url);
      await page.getByRole('heading', { level: 1, name: headings[shortcut.url] }).waitFor();
    }
  });
});
