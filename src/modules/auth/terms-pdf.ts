import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { day } from '../../adapters/pdf/format.ts';
import { renderPdf } from '../../adapters/pdf/printer.ts';
import type { Config } from '../../config.ts';
import { calendarDate } from '../../domain/index.ts';
import type { Language } from '../../http/language.ts';
import type { TermsVersion } from './terms-store.ts';

/**
 * A terms document as a PDF to keep: the title, which version and from when it applies, who issued it, and the
 * text paragraph by paragraph. The version is in the file name and on every page, since the customer accepted
 * that exact version.
 */
export function termsPdfFileName(document: 'ibok' | 'e_invoice', version: string): string {
  const name = document === 'ibok' ? 'regulamin-ibok' : 'regulamin-e-faktur';
  return `${name}-${version.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`;
}

export function termsDefinition(
  terms: TermsVersion,
  language: Language,
  seller: Config['seller'],
): TDocumentDefinitions {
  const title = terms.title[language];
  // The dates of printed documents: dd.mm.rrrr in Polish, ISO in English (as on invoices).
  const effectiveFrom = calendarDate(terms.effectiveFrom);
  const effective =
    language === 'pl'
      ? `Wersja ${terms.version}, obowiązuje od ${day(effectiveFrom, language)}`
      : `Version ${terms.version}, in force from ${day(effectiveFrom, language)}`;
  const paragraphs = terms.body[language]
    .split(/\n\s*\n|\n(?=§|\d+\.\s)/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    language: language === 'pl' ? 'pl-PL' : 'en-GB',
    info: { title: `${title} (${terms.version})`, author: seller.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.3 },
    footer: (page: number, pages: number) => ({
      text: `${title} · ${terms.version} · ${page}/${pages}`,
      fontSize: 8,
      color: '#555555',
      alignment: 'center',
      margin: [56, 24, 56, 0],
    }),
    content: [
      { text: seller.name, color: '#444444' },
      {
        text: `${seller.street}, ${seller.postalCode} ${seller.city}`,
        color: '#444444',
        margin: [0, 0, 0, 20],
      },
      { text: title, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      { text: effective, color: '#444444', margin: [0, 0, 0, 16] },
      ...paragraphs.map((paragraph) => ({
        text: paragraph,
        margin: [0, 0, 0, 8] as [number, number, number, number],
      })),
    ],
  };
}

export function renderTermsPdf(
  terms: TermsVersion,
  language: Language,
  seller: Config['seller'],
): Promise<Buffer> {
  return renderPdf(termsDefinition(terms, language, seller));
}
