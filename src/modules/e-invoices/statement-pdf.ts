import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../adapters/pdf/printer.ts';
import type { Config } from '../../config.ts';
import type { CustomerSummary } from './consent-store.ts';

/**
 * The printable "Oświadczenie odbiorcy o akceptacji stosowania faktur elektronicznych (eFaktur)", filled in
 * with the customer's data, for customers who prefer to sign on paper. It is a Polish legal statement, so it
 * is printed in Polish whatever the portal language.
 */

export const STATEMENT_TITLE =
  'Oświadczenie odbiorcy o akceptacji stosowania faktur elektronicznych (eFaktur)';

export interface StatementInput {
  /** Null for the blank form anyone may download: every field is then a line to write on. */
  customer: CustomerSummary | null;
  /** Pre-filled when known; otherwise a line to write on. */
  email: string | null;
  termsVersion: string | null;
  seller: Config['seller'];
}

const DOTS = '.'.repeat(70);

function field(label: string, value: string | null): Content {
  return {
    columns: [
      { text: label, width: 150, color: '#444444' },
      { text: value ?? DOTS, bold: value !== null },
    ],
    margin: [0, 3, 0, 3],
  };
}

export function statementDefinition(input: StatementInput): TDocumentDefinitions {
  const { customer, seller } = input;
  const sellerAddress = `${seller.street}, ${seller.postalCode} ${seller.city}`;
  const terms = input.termsVersion
    ? `Regulaminem przesyłania faktur w formie elektronicznej (wersja ${input.termsVersion})`
    : 'Regulaminem przesyłania faktur w formie elektronicznej';
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: 'pl-PL',
    info: { title: STATEMENT_TITLE, author: seller.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content: [
      { text: `${seller.city}, dnia ${'.'.repeat(30)}`, alignment: 'right' },
      {
        stack: [
          { text: 'Adresat:', color: '#444444' },
          { text: seller.name, bold: true },
          sellerAddress,
          `NIP: ${seller.nip}`,
        ],
        margin: [260, 16, 0, 0],
      },
      { text: STATEMENT_TITLE, fontSize: 14, bold: true, alignment: 'center', margin: [0, 24, 0, 16] },
      { text: 'Dane odbiorcy faktur', bold: true, margin: [0, 0, 0, 4] },
      ...(customer
        ? [
            field(customer.nip ? 'Nazwa odbiorcy:' : 'Imię i nazwisko:', customer.name),
            field('Numer klienta:', customer.customerNumber),
            field('Adres:', customer.addressLines.join(', ')),
            ...(customer.nip ? [field('NIP:', customer.nip)] : []),
          ]
        : [
            field('Imię i nazwisko / nazwa:', null),
            field('Numer klienta:', null),
            field('Adres:', null),
            field('NIP (firmy):', null),
          ]),
      field('Adres e-mail do e-faktur:', input.email),
      {
        text: [
          'Na podstawie art. 106n ust. 1 ustawy z dnia 11 marca 2004 r. o podatku od towarów i usług oświadczam, że ',
          { text: 'akceptuję przesyłanie', bold: true },
          ` przez ${seller.name} faktur, faktur korygujących oraz duplikatów tych faktur w formie elektronicznej `,
          '(e-faktur, plik PDF) na wskazany powyżej adres e-mail.',
        ],
        margin: [0, 16, 0, 8],
        alignment: 'justify',
      },
      {
        text: `Oświadczam, że zapoznałem/zapoznałam się z ${terms} i akceptuję jego postanowienia.`,
        margin: [0, 0, 0, 8],
        alignment: 'justify',
      },
      { text: 'Przyjmuję do wiadomości, że:', margin: [0, 0, 0, 4] },
      {
        ul: [
          'faktury wystawione po przyjęciu tego oświadczenia będą przesyłane wyłącznie w formie elektronicznej, bez wersji papierowej;',
          'akceptację mogę w każdej chwili wycofać w Internetowym Biurze Obsługi Klienta (iBOK) lub pisemnie; faktury wystawione po wycofaniu zostaną przesłane w formie papierowej;',
          'o zmianie adresu e-mail powinienem/powinnam niezwłocznie powiadomić sprzedawcę.',
        ],
        alignment: 'justify',
      },
      {
        columns: [
          { text: '' },
          {
            stack: [
              { text: '.'.repeat(60), alignment: 'center' },
              {
                text: 'czytelny podpis odbiorcy lub osoby upoważnionej',
                fontSize: 8,
                alignment: 'center',
                color: '#444444',
              },
            ],
            width: 260,
          },
        ],
        margin: [0, 48, 0, 0],
      },
      {
        text: `Wypełnione i podpisane oświadczenie należy złożyć w siedzibie sprzedawcy (${seller.name}, ${sellerAddress}) lub przesłać tam pocztą. Akceptację można też wyrazić bez podpisu na papierze, w iBOK.`,
        fontSize: 8,
        color: '#444444',
        margin: [0, 48, 0, 0],
      },
    ],
  };
}

export function renderStatementPdf(input: StatementInput): Promise<Buffer> {
  return renderPdf(statementDefinition(input));
}
