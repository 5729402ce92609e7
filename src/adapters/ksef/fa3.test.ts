import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grosze } from '../../domain/index.ts';
import { sampleCompanyInvoice, sampleCorrection, sampleInvoice } from '../pdf/sample-documents.ts';
import { buildFa3Xml, Fa3Error } from './fa3.ts';
import { escapeAttribute, escapeText } from './xml.ts';

// The official FA(3) schema lives beside the repository (../shared/reference/ksef), with its one remote import
// pointed at a local copy (FA3-offline.xsd), so validation needs no network.
const repositoryRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const schemaFolder = path.resolve(repositoryRoot, '../shared/reference/ksef');
const schemaFile = path.join(schemaFolder, 'FA3-offline.xsd');
const createdAt = new Date('2026-12-02T08:30:00.000Z');

let validator: XsdValidator;
let schema: XmlDocument;

beforeAll(() => {
  if (!existsSync(schemaFile)) throw new Error(`FA(3) schema not found at ${schemaFile}`);
  xmlRegisterFsInputProviders();
  schema = XmlDocument.fromBuffer(readFileSync(schemaFile), { url: schemaFile });
  validator = XsdValidator.fromDoc(schema);
});

afterAll(() => {
  validator.dispose();
  schema.dispose();
});

/** Null when the document is valid, else the validator's messages. */
function validationErrors(xml: string): string | null {
  const document = XmlDocument.fromString(xml);
  try {
    validator.validate(document);
    return null;
  } catch (error) {
    const details = (error as { details?: { message: string; line?: number }[] }).details;
    return (
      details?.map((detail) => `line ${detail.line ?? '?'}: ${detail.message.trim()}`).join('\n') ??
      String(error)
    );
  } finally {
    document.dispose();
  }
}

function field(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

describe('KSeF FA(3) XML', () => {
  it('builds a valid invoice for a household (no NIP: BrakID)', () => {
    const xml = buildFa3Xml(sampleInvoice(), { createdAt });
    expect(validationErrors(xml)).toBeNull();
    expect(xml).toContain('<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/">');
    expect(xml).toContain('<KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>');
    expect(field(xml, 'DataWytworzeniaFa')).toEqual(['2026-12-02T08:30:00Z']);
    expect(field(xml, 'BrakID')).toEqual(['1']);
    expect(field(xml, 'Nazwa')).toEqual([
      'Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji Sp. z o.o.',
      'Łucja Żółkiewska-Gęś',
    ]);
    expect(field(xml, 'P_1')).toEqual(['2026-12-02']);
    expect(field(xml, 'P_2')).toEqual(['FV/2026/11/000123']);
    expect(field(xml, 'P_6_Od')).toEqual(['2026-11-01']);
    expect(field(xml, 'P_6_Do')).toEqual(['2026-11-30']);
    // 8% goes to the first reduced rate fields.
    expect(field(xml, 'P_13_2')).toEqual(['162.45']);
    expect(field(xml, 'P_14_2')).toEqual(['13.00']);
    expect(field(xml, 'P_13_1')).toEqual([]);
    expect(field(xml, 'P_15')).toEqual(['175.45']);
    expect(field(xml, 'RodzajFaktury')).toEqual(['VAT']);
    expect(field(xml, 'P_7')).toEqual([
      'Dostarczanie wody (szacunkowe)',
      'Odprowadzanie ścieków (szacunkowe)',
      'Opłata abonamentowa',
    ]);
    expect(field(xml, 'P_8A')).toEqual(['m3', 'm3', 'mies.']);
    expect(field(xml, 'P_8B')).toEqual(['12.345', '12.345', '1']);
    expect(field(xml, 'P_9A')).toEqual(['5.82', '6.99', '4.31']);
    expect(field(xml, 'P_11')).toEqual(['71.85', '86.29', '4.31']);
    expect(field(xml, 'P_12')).toEqual(['8', '8', '8']);
    expect(field(xml, 'Termin')).toEqual(['2026-12-16']);
    expect(field(xml, 'NrRB')).toEqual(['61102050110000000000123456']);
    expect(field(xml, 'StopkaFaktury')[0]).toContain('Podlicznik POD-7781');
    expect(xml).toContain('<Klucz>Wodomierz WM-2021-0042 (główny)</Klucz>');
  });

  it('builds a valid invoice for a company, with its NIP and an escaped name', () => {
    const xml = buildFa3Xml(sampleCompanyInvoice(), { createdAt });
    expect(validationErrors(xml)).toBeNull();
    expect(field(xml, 'NIP')).toEqual(['8880001258', '5210001238']);
    expect(field(xml, 'BrakID')).toEqual([]);
    expect(xml).toContain('<Nazwa>Piekarnia „Złoty Kłos” Sp. z o.o. &amp; Wspólnicy</Nazwa>');
    expect(field(xml, 'AdresL1')).toEqual(['ul. Toruńska 146', 'ul. Łęgska 20']);
    expect(field(xml, 'AdresL2')).toEqual(['87-800 Włocławek', '87-800 Włocławek']);
  });

  it('builds a valid correcting invoice: KOR, corrected invoice, reason, rows before and after, differences', () => {
    const xml = buildFa3Xml(sampleCorrection(), { createdAt });
    expect(validationErrors(xml)).toBeNull();
    expect(field(xml, 'RodzajFaktury')).toEqual(['KOR']);
    expect(field(xml, 'PrzyczynaKorekty')).toEqual([
      'Rozliczenie zużycia szacunkowego według rzeczywistego odczytu wodomierza',
    ]);
    expect(field(xml, 'NrFaKorygowanej')).toEqual(['FV/2026/11/000123']);
    expect(field(xml, 'DataWystFaKorygowanej')).toEqual(['2026-12-02']);
    expect(field(xml, 'NrKSeF')).toEqual(['1']);
    expect(field(xml, 'NrKSeFFaKorygowanej')).toEqual(['8880001258-20261202-0A1B2C3D4E5F-9A']);
    expect(field(xml, 'P_13_2')).toEqual(['-30.04']);
    expect(field(xml, 'P_14_2')).toEqual(['-2.41']);
    expect(field(xml, 'P_15')).toEqual(['-32.45']);
    expect(field(xml, 'NrWierszaFa')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(field(xml, 'StanPrzed')).toHaveLength(3);
    expect(field(xml, 'P_8B')).toEqual(['12.345', '12.345', '1', '10', '10', '1']);
    expect(field(xml, 'P_11')).toEqual(['71.85', '86.29', '4.31', '58.20', '69.90', '4.31']);
    // Nothing is due on a correction that lowers the amount.
    expect(xml).not.toContain('<Platnosc>');
  });

  it('marks a corrected invoice issued outside KSeF with NrKSeFN', () => {
    const document = sampleCorrection();
    const { correctedKsefNumber: _dropped, ...correction } = document.correction!;
    const xml = buildFa3Xml({ ...document, correction }, { createdAt });
    expect(validationErrors(xml)).toBeNull();
    expect(field(xml, 'NrKSeFN')).toEqual(['1']);
    expect(field(xml, 'NrKSeFFaKorygowanej')).toEqual([]);
  });

  it('the validator rejects an invoice without its number (P_2) and one with a wrong amount', () => {
    const valid = buildFa3Xml(sampleInvoice(), { createdAt });
    const withoutNumber = valid.replace(/\s*<P_2>[^<]*<\/P_2>/, '');
    expect(withoutNumber).not.toContain('<P_2>');
    expect(validationErrors(withoutNumber)).toMatch(/P_2/);
    expect(validationErrors(valid.replace('<P_15>175.45</P_15>', '<P_15>175,45</P_15>'))).toMatch(/P_15/);
  });

  it('refuses what FA(3) cannot express instead of writing an invalid document', () => {
    const document = sampleInvoice();
    const unknownRate = {
      ...document,
      vatSummary: [{ ...document.vatSummary[0]!, vatRateBasisPoints: 1200 }],
    };
    expect(() => buildFa3Xml(unknownRate)).toThrow(Fa3Error);
    expect(() => buildFa3Xml({ ...document, number: ' ' })).toThrow(/invoice number is empty/);
    expect(() =>
      buildFa3Xml(
        sampleCorrection({ correction: { ...sampleCorrection().correction!, reason: 'x'.repeat(257) } }),
      ),
    ).toThrow(/correction reason is longer than 256/);
  });

  it('puts an invoice at 0% into P_13_6_1 with rate "0 KR"', () => {
    const document = sampleInvoice();
    const zero = {
      ...document,
      lines: document.lines.map((line) => ({ ...line, vatRateBasisPoints: 0 })),
      vatSummary: [
        { vatRateBasisPoints: 0, netGrosze: grosze(16245), vatGrosze: grosze(0), grossGrosze: grosze(16245) },
      ],
      totals: { net: grosze(16245), vat: grosze(0), gross: grosze(16245) },
    };
    const xml = buildFa3Xml(zero, { createdAt });
    expect(validationErrors(xml)).toBeNull();
    expect(field(xml, 'P_13_6_1')).toEqual(['162.45']);
    expect(field(xml, 'P_12')).toEqual(['0 KR', '0 KR', '0 KR']);
  });
});

describe('XML escaping', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeText('bell\u0007 tab\t')).toBe('bell tab\t');
    expect(escapeAttribute('say "hi"\n')).toBe('say &quot;hi&quot;&#10;');
  });

  it('keeps a hostile buyer name inside its element', () => {
    const name = '</Nazwa><P_15>0</P_15><!-- & "x"';
    const xml = buildFa3Xml(
      sampleCompanyInvoice({ buyer: { name, addressLines: ['ul. Długa 1'], nip: '5210001238' } }),
      { createdAt },
    );
    expect(validationErrors(xml)).toBeNull();
    expect(field(xml, 'P_15')).toEqual(['175.45']);
    expect(xml).toContain('<Nazwa>&lt;/Nazwa&gt;&lt;P_15&gt;0&lt;/P_15&gt;&lt;!-- &amp; "x"</Nazwa>');
  });
});
