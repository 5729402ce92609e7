/**
 * Common Polish given names and surnames for demo customers, roughly in order of frequency (the generator
 * favours the start of each list). Surnames are stored in the masculine form; adjectival surnames take
 * the feminine ending for women (Kowalski → Kowalska), the others do not change (Nowak → Nowak).
 */

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

export const femaleFirstNames: readonly string[] = words(`
  Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena Joanna Zofia Aleksandra
  Monika Teresa Danuta Natalia Julia Karolina Marta Beata Dorota Halina Janina Jadwiga Alicja Grażyna Iwona
  Paulina Justyna Bożena Urszula Renata Hanna Sylwia Agata Wiesława Łucja Jolanta Zuzanna Weronika Wiktoria
  Dominika Emilia Izabela Bogumiła
`);

export const maleFirstNames: readonly string[] = words(`
  Piotr Krzysztof Andrzej Tomasz Paweł Jan Michał Marcin Stanisław Jakub Adam Marek Łukasz Grzegorz Mateusz
  Wojciech Mariusz Dariusz Zbigniew Jerzy Ryszard Tadeusz Kamil Maciej Janusz Robert Rafał Kazimierz Jacek
  Józef Sławomir Dawid Henryk Przemysław Szymon Bartosz Sebastian Artur Leszek Zdzisław Bogdan Wiesław
  Antoni Filip Kacper Ignacy
`);

export const masculineSurnames: readonly string[] = words(`
  Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski
  Kozłowski Jankowski Mazur Kwiatkowski Wojciechowski Krawczyk Kaczmarek Piotrowski Grabowski Zając
  Pawłowski Michalski Król Nowakowski Wieczorek Wróbel Jabłoński Adamczyk Majewski Dudek Nowicki Olszewski
  Stępień Jaworski Malinowski Pawlak Górski Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk
  Ostrowski Tomaszewski Pietrzak Marciniak Wróblewski Zalewski Jakubowski Jasiński Zawadzki Sadowski Bąk
  Chmielewski Włodarczyk Borkowski Czarnecki Sawicki Sokołowski Urbański Kubiak Maciejewski Szczepański
  Kucharski Wilk Kalinowski Lis Mazurek Wysocki Adamski Kaźmierczak Wasilewski Sobczak Czerwiński
  Andrzejewski Cieślak Głowacki Zakrzewski Kołodziej Sikorski Krajewski Gajewski Szymczak Szulc Baranowski
  Laskowski Brzeziński Makowski Ziółkowski Przybylski Domański Nowacki Borowski Błaszczyk Chojnacki
  Ciesielski Mróz Szczepaniak Wesołowski Górecki Krupa Kaczmarczyk Leśniak Kowalewski Kujawski Brzozowski
  Radomski Lipiński Żak Dobrowolski Osiński
`);

/** Adjectival endings and their feminine forms; the longest ending is tried first. */
const FEMININE_ENDINGS: ReadonlyArray<readonly [masculine: string, feminine: string]> = [
  ['dzki', 'dzka'],
  ['cki', 'cka'],
  ['ski', 'ska'],
];

export function surnameForm(masculine: string, sex: 'female' | 'male'): string {
  if (sex === 'male') return masculine;
  for (const [ending, feminine] of FEMININE_ENDINGS) {
    if (masculine.endsWith(ending)) return masculine.slice(0, -ending.length) + feminine;
  }
  return masculine;
}

const ASCII_LETTERS: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ąćęłńóśźż'].map((letter, index) => [letter, 'acelnoszz'[index] ?? letter]),
);

/** "Łucja Żak" → "lucja.zak": e-mail local parts and slugs without diacritics. */
export function asciiSlug(text: string, separator = '.'): string {
  return text
    .toLowerCase()
    .replace(/[ąćęłńóśźż]/g, (letter) => ASCII_LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}
