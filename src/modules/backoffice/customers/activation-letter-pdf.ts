import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../../adapters/pdf/printer.ts';
import type { Config } from '../../../config.ts';
import { formatDate, type CalendarDate } from '../../../domain/index.ts';

export const LETTER_TITLE = 'Kod aktywacyjny do Internetowego Biura Obsługi Klienta (iBOK)';

export interface ActivationLetter {
  seller: Config['seller'];
  portalUrl: string;
  date: CalendarDate;
  customerNumber: string;
  recipientName: string;
  /** The lines of the postal address the letter goes to. */
  recipientAddress: string[];
  code: string;
}

/**
 * The letter with the activation code that lets a contract holder register in the portal. It is printed and
 * posted (or handed over at the desk), so it is in Polish; the code appears only here, never in a log or answer.
 */
export function activationLetterDefinition(letter: ActivationLetter): TDocumentDefinitions {
  const { seller } = letter;
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: 'pl-PL',
    info: { title: LETTER_TITLE, author: seller.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.3 },
    content: [
      {
        columns: [
          {
            stack: [
              { text: seller.name, bold: true },
              seller.street,
              `${seller.postalCode} ${seller.city}`,
              `NIP: ${seller.nip}`,
            ],
            width: '*',
          },
          { text: `${seller.city}, ${formatDate(letter.date, 'pl')}`, alignment: 'right', width: 160 },
        ],
      },
      {
        stack: [{ text: letter.recipientName, bold: true }, ...letter.recipientAddress],
        margin: [280, 36, 0, 0],
      },
      { text: LETTER_TITLE, fontSize: 14, bold: true, margin: [0, 36, 0, 14] },
      { text: 'Szanowni Państwo,', margin: [0, 0, 0, 8] },
      {
        text:
          'przesyłamy kod aktywacyjny, dzięki któremu założą Państwo konto w Internetowym Biurze Obsługi Klienta. ' +
          'W iBOK można sprawdzić rozliczenia i salda, pobrać faktury, przekazać odczyt wodomierza, zapłacić online ' +
          'oraz włączyć otrzymywanie e-faktur.',
        margin: [0, 0, 0, 14],
      },
      {
        table: {
          widths: [150, '*'],
          body: [
            [
              { text: 'Numer klienta', color: '#444444' },
              { text: letter.customerNumber, bold: true, fontSize: 13 },
            ],
            [
              { text: 'Kod aktywacyjny', color: '#444444' },
              { text: letter.code, bold: true, fontSize: 13, characterSpacing: 1 },
            ],
          ],
        },
        layout: {
          hLineColor: () => '#999999',
          vLineColor: () => '#999999',
          paddingTop: () => 6,
          paddingBottom: () => 6,
        },
        margin: [0, 0, 0, 16],
      },
      { text: 'Jak założyć konto:', bold: true, margin: [0, 0, 0, 4] },
      {
        ol: [
          `Wejdź na stronę ${letter.portalUrl} i wybierz „Załóż konto”.`,
          'Podaj numer klienta i kod aktywacyjny z tego pisma (wielkość liter, spacje i myślniki nie mają znaczenia).',
          'Podaj adres e-mail i ustal hasło, a następnie potwierdź adres, klikając link z wiadomości, którą wyślemy.',
        ],
        margin: [0, 0, 0, 14],
      },
      {
        text:
          'Kod jest poufny: prosimy nie przekazywać go osobom trzecim. Wydanie nowego pisma z kodem unieważnia kod ' +
          'wydany wcześniej. W razie pytań zapraszamy do Biura Obsługi Klienta.',
        color: '#444444',
      },
      { text: 'Z poważaniem', margin: [0, 28, 0, 0] },
      { text: seller.name },
    ],
  };
}

export function renderActivationLetter(letter: ActivationLetter): Promise<Buffer> {
  return renderPdf(activationLetterDefinition(letter));
}
