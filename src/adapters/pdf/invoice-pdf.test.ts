import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { sampleCompanyInvoice, sampleCorrection, sampleInvoice } from './sample-documents.ts';
import { sharedFontCount } from './shared-fonts.ts';

/**
 * The PDFs are read back as text with pdftotext (Debian: poppler-utils), so the assertions are about what a
 * reader sees: every element of VAT act art. 106e (and 106j for corrections), with Polish letters intact.
 */
const pdftotextAvailable = spawnSync('pdftotext', ['-v']).error === undefined;
const inContinuousIntegration = process.env['CI'] === 'true';

if (!pdftotextAvailable && !inContinuousIntegration) {
  console.warn(
    '[tests] invoice PDF text checks SKIPPED: pdftotext is missing (apt-get install -y poppler-utils)',
  );
}

/** The text of a PDF with its layout kept as lines, runs of spaces (also no-break) collapsed to one. */
async function textOf(pdf: Promise<Buffer>): Promise<string> {
  const output = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: await pdf });
  return output
    .toString('utf8')
    .replace(/[ \u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

describe('invoice PDF', () => {
  it('can be checked: pdftotext is installed', () => {
    if (inContinuousIntegration) {
      expect(pdftotextAvailable, 'pdftotext is required in CI: apt-get install -y poppler-utils').toBe(true);
    }
  });

  it('is an A4 PDF', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
  });

  it('parses its fonts once per process (the speed-up relies on pdfmake internals a new version may change)', async () => {
    await renderInvoicePdf(sampleInvoice());
    // Regular and Medium (bold) are used by every invoice.
    expect(sharedFontCount()).toBeGreaterThanOrEqual(2);
  });

  describe.skipIf(!pdftotextAvailable)('read back as text', () => {
    it('carries every art. 106e element of an invoice, with the right figures', async () => {
      const text = await textOf(renderInvoicePdf(sampleInvoice()));
      const expected = [
        'Faktura VAT nr FV/2026/11/000123',
        'Data wystawienia: 02.12.2026',
        'Data sprzedaży: 30.11.2026',
        'Okres rozliczeniowy: 01.11.2026 – 30.11.2026',
        // seller, with NIP; buyer
        'Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji Sp. z o.o. Łucja Żółkiewska-Gęś',
        'ul. Toruńska 146 ul. Świętego Ducha 12/4',
        '87-800 Włocławek 87-800 Włocławek',
        'NIP: 8880001258 Numer klienta: 123456',
        'Miejsce dostarczania wody i odbioru ścieków: ul. Świętego Ducha 12/4, 87-800 Włocławek',
        // readings in m³ with three decimals; the estimate is marked
        'WM-2021-0042 (główny) 31.10.2026: 1 234,567 30.11.2026: 1 246,912 szacunkowy 12,345',
        'POD-7781 (podlicznik) 31.10.2026: 45,000 30.11.2026: 47,500 2,500',
        // lines: name, unit, quantity, unit net price, net value, VAT rate
        'Lp. Nazwa towaru lub usługi J.m. Ilość Cena jedn. netto Wartość netto Stawka VAT',
        '1 Dostarczanie wody (szac.) m³ 12,345 5,82 71,85 8%',
        '2 Odprowadzanie ścieków (szac.) m³ 12,345 6,99 86,29 8%',
        '3 Opłata abonamentowa mies. 1 4,31 4,31 8%',
        // net and VAT per rate, total
        '8% 162,45 13,00 175,45',
        'Razem 162,45 13,00 175,45',
        'Do zapłaty: 175,45 zł',
        'Słownie: sto siedemdziesiąt pięć złotych 45/100',
        'Termin płatności: 16.12.2026',
        'Numer rachunku do wpłat: 61 1020 5011 0000 0000 0012 3456',
        'E-FAKTURA',
        'Podlicznik POD-7781 utracił ważność legalizacji: ilość ścieków nie została pomniejszona.',
      ];
      for (const line of expected) expect(text).toContain(line);
      for (const letter of ['ą', 'ę', 'ł', 'ś', 'ż', 'ó', 'Ł', 'Ż', 'ć', 'ń']) expect(text).toContain(letter);
      expect(text).not.toContain('Numer KSeF');
    });

    it('shows the buyer NIP and the KSeF number of a company invoice, and no e-invoice mark on paper', async () => {
      const text = await textOf(renderInvoicePdf(sampleCompanyInvoice()));
      expect(text).toContain('Numer KSeF: 8880001258-20261202-0A1B2C3D4E5F-9A');
      expect(text).toContain('Piekarnia „Złoty Kłos” Sp. z o.o. & Wspólnicy');
      expect(text).toContain('NIP: 8880001258 NIP: 5210001238');
      expect(text).not.toContain('E-FAKTURA');
    });

    it('carries every art. 106j element of a correcting invoice: before, after and difference', async () => {
      const text = await textOf(renderInvoicePdf(sampleCorrection()));
      const expected = [
        'Faktura korygująca nr KOR/2026/12/000007',
        'do faktury nr FV/2026/11/000123 z dnia 02.12.2026',
        'Numer KSeF faktury korygowanej: 8880001258-20261202-0A1B2C3D4E5F-9A',
        'Data wystawienia: 20.12.2026',
        'Przyczyna korekty: Rozliczenie zużycia szacunkowego według rzeczywistego odczytu wodomierza',
        'Przed korektą',
        '1 Dostarczanie wody (szac.) m³ 12,345 5,82 71,85 8%',
        'Razem 162,45 13,00 175,45',
        'Po korekcie',
        '1 Dostarczanie wody m³ 10,000 5,82 58,20 8%',
        '2 Odprowadzanie ścieków m³ 10,000 6,99 69,90 8%',
        'Razem 132,41 10,59 143,00',
        'Różnica (korekta)',
        '1 Dostarczanie wody m³ -2,345 5,82 -13,65 8%',
        '2 Odprowadzanie ścieków m³ -2,345 6,99 -16,39 8%',
        '8% -30,04 -2,41 -32,45',
        'Do zwrotu: 32,45 zł',
        'Słownie: trzydzieści dwa złote 45/100',
      ];
      for (const line of expected) expect(text).toContain(line);
      // The order of the three tables matters to the reader.
      expect(text.indexOf('Przed korektą')).toBeLessThan(text.indexOf('Po korekcie'));
      expect(text.indexOf('Po korekcie')).toBeLessThan(text.indexOf('Różnica (korekta)'));
    });

    it('prints English labels for an English-speaking customer', async () => {
      const text = await textOf(renderInvoicePdf(sampleInvoice({ language: 'en', delivery: 'paper' })));
      for (const line of [
        'VAT invoice no. FV/2026/11/000123',
        'Issue date: 02.12.2026',
        '1 Water supply (est.) m³ 12.345 5.82 71.85 8%',
        'Amount due: PLN 175.45',
        'Payment due: 16.12.2026',
      ]) {
        expect(text).toContain(line);
      }
    });

    it('renders documents concurrently without mixing their texts (fonts and caches are shared)', async () => {
      // Names with letters beyond the usual set (Cyrillic, ligatures) change the embedded font subset.
      const names = [
        'Jan Kowalski',
        'Жанна Ковальська',
        'Office Affiliate Fluff',
        'Zażółć Gęślą Jaźń',
        'Ęą Łódź',
      ];
      const pdfs = await Promise.all(
        names.map((name, index) =>
          renderInvoicePdf(sampleInvoice({ buyer: { name, addressLines: [`ul. Polna ${index + 1}`] } })),
        ),
      );
      for (const [index, name] of names.entries()) {
        const text = await textOf(Promise.resolve(pdfs[index]!));
        expect(text).toContain(name);
        expect(text).toContain(`ul. Polna ${index + 1}`);
        expect(text).toContain('Do zapłaty: 175,45 zł');
      }
    });
  });
});
