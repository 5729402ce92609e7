import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { invalidCredentials } from '../src/modules/auth/messages.ts';
import { newTotpSecret } from '../src/modules/auth/totp.ts';
import {
  createContractHolder,
  createCustomerLogin,
  createStaffUser,
  createTermsVersion,
} from '../tests/support/factories.ts';
import { expectAccessible } from './support/accessibility.ts';
import { describeInBrowser, focusedElement } from './support/browser.ts';

async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Adres e-mail').fill(email);
  await page.getByLabel('Hasło').fill(password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

describeInBrowser('signing in', (browser) => {
  it('opens the account page a signed-out customer asked for after sign-in, and no address outside the account', async () => {
    const { customer } = await createContractHolder(browser.database.db);
    const login = await createCustomerLogin(browser.database.db, { customerIds: [customer.id] });
    const page = await browser.newPage();
    // A link from an e-mail, opened without a session.
    await page.goto('/konto/odczyty?meterId=1');
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/konto/odczyty?meterId=1');
    await fillSignInForm(page, login.email, login.password);
    await page.getByRole('heading', { level: 1, name: 'Odczyty wodomierzy' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/konto/odczyty?meterId=1');

    // Another site's address in ?next= is not followed.
    const other = await browser.newPage();
    await other.goto('/?next=' + encodeURIComponent('//example.com/konto'));
    await fillSignInForm(other, login.email, login.password);
    await other.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
    expect(new URL(other.url()).origin).toBe(browser.baseUrl);
    expect(new URL(other.url()).pathname).toBe('/konto');
  });

  it('lets a customer sign in, see the account page, stay signed in on reload and sign out', async () => {
    const { customer } = await createContractHolder(browser.database.db, { first_name: 'Zofia' });
    const login = await createCustomerLogin(browser.database.db, { customerIds: [customer.id] });
    const page = await browser.newPage();
    const sessionChecks: string[] = [];
    const summaries: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/auth/session')) sessionChecks.push(request.url());
      if (request.url().endsWith('/api/v1/me/summary')) summaries.push(request.url());
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Zaloguj się' }).waitFor();
    // Nobody is signed in (no hint cookie), so no session check is sent that could only answer 401.
    expect(sessionChecks).toEqual([]);
    await fillSignInForm(page, login.email, login.password);

    await page.getByRole('heading', { level: 1, name: 'Moje konto' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/konto');
    await page.getByText(`Zalogowano jako ${login.email}`).waitFor();
    await page.getByText(`numer ${customer.customer_number}`).waitFor();
    await expectAccessible(page);

    summaries.length = 0;
    await page.reload();
    await page.getByText(`Zalogowano jako ${login.email}`).waitFor();
    await page.getByText(`numer ${customer.customer_number}`).waitFor();
    // Signed in, a new page load asks the server, which alone decides.
    expect(sessionChecks.length).toBeGreaterThan(0);
    // The route asks for the dashboard's figures early; the page then uses that answer, not a second one.
    expect(summaries).toHaveLength(1);

    await page.getByRole('button', { name: 'Wyloguj się' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).waitFor();
    await page.goto('/konto');
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się do e-Biura Obsługi Klienta' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('ibok_signed_in');
  });

  it("shows the server's message for a wrong password and moves focus to it", async () => {
    const login = await createCustomerLogin(browser.database.db);
    const page = await browser.newPage();
    await page.goto('/');
    await fillSignInForm(page, login.email, 'not-the-password');

    const alert = page.getByRole('alert');
    await alert.getByText(invalidCredentials.pl).waitFor();
    expect(await alert.getByText('Nie udało się zalogować').count()).toBe(1);
    expect((await focusedElement(page))?.text).toContain(invalidCredentials.pl);
    expect(new URL(page.url()).pathname).toBe('/');
    await expectAccessible(page);
  });

  it('asks a customer with two-step sign-in for the authenticator code', async () => {
    const totpSecret = newTotpSecret();
    const login = await createCustomerLogin(browser.database.db, { totpSecret });
    const page = await browser.newPage();
    await page.goto('/');
    await fillSignInForm(page, login.email, login.password);

    const codeField = page.getByLabel('Kod z aplikacji uwierzytelniającej');
    await codeField.waitFor();
    expect((await focusedElement(page))?.id).toBe(await codeField.getAttribute('id'));
    await expectAccessible(page);
    await codeField.fill(await generate({ secret: totpSecret }));
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByText(`Zalogowano jako ${login.email}`).waitFor();
  });

  it('shows new terms of service on the account page until the customer accepts them', async () => {
    const terms = await createTermsVersion(browser.database.db, { title_pl: 'Regulamin iBOK 2026' });
    const login = await createCustomerLogin(browser.database.db);
    const page = await browser.newPage();
    await page.goto('/');
    await fillSignInForm(page, login.email, login.password);

    const notice = page.getByRole('region', { name: 'Nowy regulamin' });
    await notice.getByText(`(wersja ${terms.version})`).waitFor();
    await notice.getByText('Regulamin iBOK 2026').click();
    await notice.getByText('§ 1. Postanowienia ogólne.').waitFor();
    await expectAccessible(page);
    await notice.getByRole('button', { name: 'Akceptuję regulamin' }).click();
    await notice.waitFor({ state: 'detached' });

    const accepted = await browser.database.db
      .selectFrom('terms_acceptances')
      .select('terms_version_id')
      .where('customer_login_id', '=', login.id)
      .execute();
    expect(accepted.map((row) => row.terms_version_id)).toEqual([terms.id]);
  });

  it('lets a staff member sign in to the back office with the authenticator code and sign out', async () => {
    const totpSecret = newTotpSecret();
    const staff = await createStaffUser(browser.database.db, { fullName: 'Anna Nowak', totpSecret });
    const page = await browser.newPage();
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Logowanie do panelu obsługi' }).waitFor();
    await fillSignInForm(page, staff.email, staff.password);

    const codeField = page.getByLabel('Kod z aplikacji uwierzytelniającej');
    await codeField.fill(await generate({ secret: totpSecret }));
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    // Signed in, the back office opens on the customer search, naming who is signed in and in which role.
    await page.getByRole('heading', { level: 1, name: 'Klienci' }).waitFor();
    await page.getByText('Anna Nowak (operator)').waitFor();
    expect(await page.title()).toBe('Klienci – iBOK');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Wyloguj się' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logowanie do panelu obsługi' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logowanie do panelu obsługi' }).waitFor();
  });
});
