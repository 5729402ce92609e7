/**
 * Demo versions of the two documents a customer accepts: the terms of the iBOK portal and the terms of
 * electronic invoices. Paragraphs are separated by blank lines. The wording is a sample for demonstrations;
 * a utility publishes its own documents as new versions.
 */
export interface TermsSeed {
  document: 'ibok' | 'e_invoice';
  version: string;
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
}

const paragraphs = (...texts: string[]): string => texts.join('\n\n');

export const termsSeeds: readonly TermsSeed[] = [
  {
    document: 'ibok',
    version: '1.0',
    titlePl: 'Regulamin Internetowego Biura Obsługi Klienta (iBOK)',
    titleEn: 'Terms of the Internet Customer Service Office (iBOK)',
    bodyPl: paragraphs(
      '§ 1. Regulamin określa zasady korzystania z Internetowego Biura Obsługi Klienta (iBOK) prowadzonego przez przedsiębiorstwo wodociągowo-kanalizacyjne, zwane dalej Przedsiębiorstwem.',
      '§ 2. Z iBOK może korzystać odbiorca usług, który zawarł z Przedsiębiorstwem umowę o zaopatrzenie w wodę lub odprowadzanie ścieków, zaakceptował niniejszy regulamin i dokonał rejestracji przy użyciu kodu aktywacyjnego przekazanego przez Przedsiębiorstwo.',
      '§ 3. iBOK umożliwia w szczególności: wgląd w bieżące rozliczenia, historię odczytów wodomierzy i wystawionych faktur, pobieranie faktur w formacie PDF, analizę zużycia wody, płatność elektroniczną wybranych faktur oraz sprawdzenie terminu ważności cechy legalizacyjnej wodomierza głównego i podlicznika.',
      '§ 4. Użytkownik jest obowiązany chronić swoje hasło i nie udostępniać go osobom trzecim. Przedsiębiorstwo nigdy nie prosi o podanie hasła w wiadomości e-mail ani telefonicznie.',
      '§ 5. Przedsiębiorstwo przetwarza dane osobowe użytkowników zgodnie z przepisami o ochronie danych osobowych, wyłącznie w celu realizacji umowy i świadczenia usług drogą elektroniczną.',
      '§ 6. Reklamacje dotyczące działania iBOK można składać pisemnie, w Biurze Obsługi Klienta lub przez formularz w iBOK. Przedsiębiorstwo rozpatruje reklamację w terminie 14 dni.',
    ),
    bodyEn: paragraphs(
      '§ 1. These terms govern the use of the Internet Customer Service Office (iBOK) run by the water and sewage company (the Company).',
      '§ 2. iBOK may be used by a customer who has a contract with the Company for water supply or sewage disposal, has accepted these terms and has registered with the activation code provided by the Company.',
      '§ 3. iBOK lets the customer in particular: view current settlements, the history of meter readings and of issued invoices, download invoices as PDF, analyse water consumption, pay selected invoices online and check the legalization expiry of the main water meter and of the sub-meter.',
      '§ 4. Users must keep their password secret and must not share it. The Company never asks for a password by e-mail or by phone.',
      '§ 5. The Company processes personal data of users in accordance with data protection law, solely to perform the contract and to provide services electronically.',
      '§ 6. Complaints about iBOK may be submitted in writing, at the Customer Service Office or with the form in iBOK. The Company handles a complaint within 14 days.',
    ),
  },
  {
    document: 'e_invoice',
    version: '1.0',
    titlePl: 'Regulamin przesyłania faktur w formie elektronicznej (e-Faktura)',
    titleEn: 'Terms of electronic invoicing (e-Invoice)',
    bodyPl: paragraphs(
      '§ 1. Na podstawie art. 106n ustawy o podatku od towarów i usług odbiorca akceptuje otrzymywanie faktur, faktur korygujących oraz duplikatów faktur w formie elektronicznej.',
      '§ 2. Faktury elektroniczne są wysyłane na adres e-mail wskazany przez odbiorcę w oświadczeniu o akceptacji i są dostępne w iBOK. Faktura elektroniczna ma taką samą moc prawną jak faktura papierowa.',
      '§ 3. Odbiorca jest obowiązany niezwłocznie informować Przedsiębiorstwo o zmianie adresu e-mail. Do czasu zmiany faktury wysłane na dotychczasowy adres uważa się za doręczone.',
      '§ 4. Odbiorca może w każdej chwili wycofać akceptację. Od następnego okresu rozliczeniowego Przedsiębiorstwo wystawia wtedy faktury w formie papierowej.',
    ),
    bodyEn: paragraphs(
      '§ 1. Under Article 106n of the Polish VAT Act the customer accepts receiving invoices, correcting invoices and duplicates in electronic form.',
      '§ 2. Electronic invoices are sent to the e-mail address given by the customer in the statement of acceptance and are available in iBOK. An electronic invoice has the same legal value as a paper one.',
      '§ 3. The customer must inform the Company promptly of a change of the e-mail address. Until then, invoices sent to the previous address are deemed delivered.',
      '§ 4. The customer may withdraw the acceptance at any time. From the next billing period the Company then issues paper invoices.',
    ),
  },
];
