/**
 * Streets of Włocławek, a mid-size Polish city, for demo addresses. The postal code of each street and the
 * kind of buildings on it are plausible, not authoritative: demo data must look real, not be real.
 */

export const CITY = 'Włocławek';

/** houses: single-family homes (gardens); blocks: apartment buildings; mixed: both, plus shops and firms. */
export type StreetKind = 'houses' | 'blocks' | 'mixed';

export interface Street {
  name: string;
  postalCode: string;
  kind: StreetKind;
  /** Highest building number in use. */
  buildings: number;
}

const STREET_TABLE = `
  ul. Toruńska         | mixed  | 180
  ul. Kaliska          | blocks | 120
  ul. Kilińskiego      | blocks | 40
  ul. Szpitalna        | mixed  | 60
  ul. Chopina          | blocks | 50
  ul. Wyszyńskiego     | blocks | 30
  ul. Okrzei           | mixed  | 120
  ul. Żabia            | houses | 60
  ul. Planty           | blocks | 40
  ul. Ogniowa          | houses | 50
  ul. Kapitulna        | mixed  | 40
  ul. Łęgska           | houses | 90
  ul. Wienieckiej      | houses | 40
  ul. Kruszyńska       | houses | 80
  ul. Brzeska          | mixed  | 100
  ul. Płocka           | mixed  | 160
  ul. Promienna        | houses | 70
  ul. Kościuszki       | mixed  | 30
  ul. 3 Maja           | mixed  | 50
  ul. Cyganka          | blocks | 40
  ul. Starodębska      | houses | 90
  ul. Wronia           | houses | 70
  ul. Celulozowa       | mixed  | 50
  ul. Papieżka         | houses | 60
  ul. Chocimska        | blocks | 40
  ul. Zbiegniewska     | mixed  | 90
  ul. Barska           | blocks | 30
  ul. Kolejowa         | mixed  | 50
  ul. Mielęcińska      | houses | 80
  ul. Dziewińska       | houses | 70
  ul. Ostrowska        | houses | 50
  ul. Piekarska        | blocks | 30
  ul. Żytnia           | houses | 40
  ul. Leśna            | houses | 60
  ul. Długa            | mixed  | 60
  ul. Szkolna          | houses | 30
  ul. Słoneczna        | houses | 50
  ul. Kujawska         | blocks | 60
  ul. Wojska Polskiego | blocks | 50
  al. Jana Pawła II    | blocks | 140
`;

/** Postal codes of the city run 87-800..87-820; each street gets one, spread by its position in the table. */
export const streets: readonly Street[] = STREET_TABLE.trim()
  .split('\n')
  .map((line, index) => {
    const [name = '', kind = '', buildings = ''] = line.split('|').map((cell) => cell.trim());
    return {
      name,
      postalCode: `87-8${String((index * 7) % 21).padStart(2, '0')}`,
      kind: kind as StreetKind,
      buildings: Number(buildings),
    };
  });

const businessTypes = [
  'Piekarnia',
  'Cukiernia',
  'Apteka',
  'Restauracja',
  'Zakład Fryzjerski',
  'Warsztat Samochodowy',
  'Myjnia Samochodowa',
  'Pralnia',
  'Hotel',
  'Przychodnia',
  'Sklep Spożywczy',
  'Kwiaciarnia',
  'Kawiarnia',
  'Zakład Stolarski',
  'Przedszkole Niepubliczne',
  'Gabinet Stomatologiczny',
] as const;

const businessNames = [
  'Kujawianka',
  'Nad Wisłą',
  'Pod Lipami',
  'Złoty Kłos',
  'Słoneczko',
  'Perła',
  'Zdrowie',
  'Stokrotka',
  'Kotwica',
  'Mewa',
  'Pod Kasztanem',
  'Vistula',
  'Relax',
  'Familia',
] as const;

const legalForms = ['Sp. z o.o.', 's.c.', 'Sp. j.', 'Sp. k.'] as const;

/** "Piekarnia Złoty Kłos Sp. z o.o.", or a sole trader's "Apteka Perła Anna Nowak". */
export function companyName(
  pick: <T>(items: readonly T[]) => T,
  soleTrader: { firstName: string; lastName: string } | null,
): string {
  const base = `${pick(businessTypes)} „${pick(businessNames)}”`;
  return soleTrader
    ? `${base} ${soleTrader.firstName} ${soleTrader.lastName}`
    : `${base} ${pick(legalForms)}`;
}
