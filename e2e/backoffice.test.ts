import { expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser } from './support/browser.ts';

describeInBrowser('back office: staff login page', (browser) => {
  it('loads the staff sign-in form in Polish and passes the WCAG 2.1 AA checks', async () => {
    const page = await browser.newPage();
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Logowanie do panelu obsługi' }).waitFor();
    expect(await page.title()).toBe('Logowanie pracownika – iBOK');
    await page.getByLabel('Adres e-mail').waitFor();
    await page.getByLabel('Hasło').waitFor();
    await expectAccessible(page);
  });
});
