import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { errorOf } from '../../../tests/support/http.ts';
import { createTermsVersion } from '../../../tests/support/factories.ts';
import { pdfText } from '../e-invoices/test-support.ts';

describeEachDatabase('terms as PDF', (context) => {
  let app: App;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
  });
  afterEach(async () => {
    await app.close();
  });

  async function publish() {
    const { db } = context.database;
    await createTermsVersion(db, {
      version: '2024.1',
      effective_from: '2024-01-01',
      title_pl: 'Regulamin iBOK',
      body_pl: '§ 1. Stara treść.\n§ 2. Druga stara jednostka.',
    });
    await createTermsVersion(db, {
      version: '2026.1',
      effective_from: '2026-06-01',
      title_pl: 'Regulamin iBOK',
      body_pl: '§ 1. Nowa treść regulaminu.\n\n§ 2. Usługa jest bezpłatna.',
      body_en: '§ 1. New wording of the terms.',
    });
    await createTermsVersion(db, {
      version: '2027.1',
      effective_from: '2027-01-01',
      body_pl: '§ 1. Zapowiedź.',
    });
    await createTermsVersion(db, {
      document: 'e_invoice',
      version: 'EF-2025.1',
      effective_from: '2025-01-01',
      title_pl: 'Regulamin e-faktur',
      body_pl: '§ 1. Faktury wysyłamy e-mailem.',
    });
  }

  it('serves the terms in force, an earlier or announced version by name, and the e-invoice terms', async () => {
    await publish();
    const current = await app.inject({ url: '/api/v1/terms/ibok.pdf' });
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-type']).toBe('application/pdf');
    expect(current.headers['content-disposition']).toBe('attachment; filename="regulamin-ibok-2026.1.pdf"');
    const text = pdfText(current.rawPayload);
    expect(text).toContain('Regulamin iBOK');
    expect(text).toContain('Wersja 2026.1, obowiązuje od 01.06.2026');
    expect(text).toContain('§ 1. Nowa treść regulaminu.');
    expect(text).toContain('§ 2. Usługa jest bezpłatna.');
    expect(text).toContain('Regulamin iBOK · 2026.1 · 1/1');
    expect(text).not.toContain('Stara treść');

    const earlier = pdfText((await app.inject({ url: '/api/v1/terms/ibok.pdf?version=2024.1' })).rawPayload);
    expect(earlier).toContain('§ 2. Druga stara jednostka.');
    const announced = pdfText(
      (await app.inject({ url: '/api/v1/terms/ibok.pdf?version=2027.1' })).rawPayload,
    );
    expect(announced).toContain('obowiązuje od 01.01.2027');

    const english = await app.inject({ url: '/api/v1/terms/ibok.pdf', headers: { 'accept-language': 'en' } });
    expect(pdfText(english.rawPayload)).toContain('Version 2026.1, in force from 01.06.2026');
    expect(pdfText(english.rawPayload)).toContain('New wording of the terms.');

    const eInvoice = await app.inject({ url: '/api/v1/terms/e-invoice.pdf' });
    expect(eInvoice.headers['content-disposition']).toBe(
      'attachment; filename="regulamin-e-faktur-EF-2025.1.pdf"',
    );
    expect(pdfText(eInvoice.rawPayload)).toContain('§ 1. Faktury wysyłamy e-mailem.');
  });

  it('answers 404 for a version that does not exist, or a document of another kind', async () => {
    await publish();
    const missing = await app.inject({ url: '/api/v1/terms/ibok.pdf?version=1999.9' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).message).toBe('Nie ma regulaminu w wersji 1999.9.');
    // The e-invoice version is not an iBOK version.
    expect((await app.inject({ url: '/api/v1/terms/ibok.pdf?version=EF-2025.1' })).statusCode).toBe(404);
  });

  it('answers 404 before any terms are published', async () => {
    const none = await app.inject({ url: '/api/v1/terms/ibok.pdf' });
    expect(none.statusCode).toBe(404);
    expect(errorOf(none).message).toBe('Regulamin nie został jeszcze opublikowany.');
  });
});
