import { expect, it } from 'vitest';
import { DEFAULT_PASSWORD } from '../tests/support/factories.ts';
import { createPortalCustomer } from '../tests/support/portal-fixtures.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser, focusedElement } from './support/browser.ts';

describeInBrowser(
  'customer portal: account settings',
  (browser) => {
    it('changes the sign-in e-mail from the profile through the link sent to the new address', async () => {
      const customer = await createPortalCustomer(browser.database.db);
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
      await page.goto('/');
      await page.getByLabel('Adres e-mail').fill(customer.login.email);
      await page.getByLabel('Hasło', { exact: true }).fill(customer.login.password);
      await page.getByRole('button', { name: 'Zaloguj się' }).click();
      await page.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
      await page.goto('/konto/profil');
      await page.getByRole('button', { name: 'Zmień adres e-mail logowania' }).click();
      const form = page.getByRole('form', { name: 'Nowy adres e-mail logowania' });
      // Opened in place, the form takes the focus.
      const newEmailId = await form.getByRole('textbox', { name: 'Nowy adres e-mail' }).getAttribute('id');
      await expect.poll(async () => (await focusedElement(page))?.id).toBe(newEmailId);
      await form.getByLabel('Nowy adres e-mail').fill('nowy.adres@example.pl');
      await form.getByLabel('Obecne hasło').fill('to nie jest hasło');
      await form.getByRole('button', { name: 'Wyślij link na nowy adres' }).click();
      await form.getByText('Nieprawidłowe hasło.').waitFor();
      expect(await form.getByLabel('Obecne hasło').getAttribute('aria-invalid')).toBe('true');
      const passwordId = await form.getByLabel('Obecne hasło').getAttribute('id');
      await expect.poll(async () => (await focusedElement(page))?.id).toBe(passwordId);
      await expectAccessible(page);

      const before = browser.mailbox.messages.length;
      await form.getByLabel('Obecne hasło').fill(DEFAULT_PASSWORD);
      await form.getByRole('button', { name: 'Wyślij link na nowy adres' }).click();
      await form.getByRole('status').getByText('Wysłaliśmy link na adres nowy.adres@example.pl').waitFor();
      const notice = await browser.mailbox.waitFor(customer.login.email, { after: before });
      expect(notice.subject).toBe('Prośba o zmianę adresu e-mail w iBOK');
      const message = await browser.mailbox.waitFor('nowy.adres@example.pl', { after: before });
      const link = new URL(/https?:\/\/\S+\/change-email\?token=[A-Za-z0-9_%-]+/.exec(message.text)![0]);

      // Opened on the same phone: the page confirms, and the profile shows the new address.
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByRole('heading', { level: 1, name: 'Zmiana adresu e-mail' }).waitFor();
      await page.getByText('Adres e-mail został zmieniony.').waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Przejdź do profilu' }).click();
      await page.getByText('Zalogowano jako nowy.adres@example.pl').waitFor();
      const stored = await browser.database.db
        .selectFrom('customer_logins')
        .select('email')
        .where('id', '=', customer.login.id)
        .executeTakeFirstOrThrow();
      expect(stored.email).toBe('nowy.adres@example.pl');
    });
  },
  { smtp: true },
);
