import { formatCubicMetres, formatDate, formatMoneyDecimal, type Grosze } from '../../domain/index.ts';
import type {
  DocumentLine,
  DocumentReading,
  DocumentVatRow,
  InvoiceDocument,
} from '../../modules/invoices/document.ts';
import { element, serializeXml, type XmlChild, type XmlElement } from './xml.ts';

/**
 * The structured invoice of the national e-invoice system (KSeF), schema FA(3) 1-0E of the Ministry of Finance
 * (namespace http://crd.gov.pl/wzor/2025/06/25/13775/). Built from the same InvoiceDocument as the PDF, so both
 * always carry the same figures. Texts are in Polish: the structured invoice is the legal original.
 */

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';

export class Fa3Error extends Error {}

export interface Fa3Options {
  /** DataWytworzeniaFa: when the XML was produced. Defaults to now. */
  createdAt?: Date;
  /** SystemInfo: the name of the issuing program. */
  systemInfo?: string;
}

/** Sums per rate go to fixed fields: P_13_1 for the basic rate (23% or 22%), P_13_2 for 8% or 7%, and so on. */
const RATE_FIELDS: Record<number, { suffix: '1' | '2' | '3' | '4' | '6_1'; code: string }> = {
  2300: { suffix: '1', code: '23' },
  2200: { suffix: '1', code: '22' },
  800: { suffix: '2', code: '8' },
  700: { suffix: '2', code: '7' },
  500: { suffix: '3', code: '5' },
  400: { suffix: '4', code: '4' },
  300: { suffix: '4', code: '3' },
  // 0% on a domestic supply ("0 KR"); P_13_6_1 has no tax field of its own.
  0: { suffix: '6_1', code: '0 KR' },
};
const FIELD_ORDER = ['1', '2', '3', '4', '6_1'] as const;

const UNITS: Record<DocumentLine['unit'], string> = { m3: 'm3', month: 'mies.' };
const METER_KINDS: Record<DocumentReading['meterKind'], string> = {
  main: 'główny',
  sub: 'podlicznik',
  sewage: 'ścieków',
};
/** FormaPlatnosci 6: bank transfer. */
const BANK_TRANSFER = '6';
/** TZnakowy, the schema's ordinary text field, holds at most 256 characters. */
const TEXT_LIMIT = 256;

export function buildFa3Xml(document: InvoiceDocument, options: Fa3Options = {}): string {
  const createdAt = (options.createdAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const root = element(
    'Faktura',
    [
      element('Naglowek', [
        element('KodFormularza', 'FA', { kodSystemowy: 'FA (3)', wersjaSchemy: '1-0E' }),
        element('WariantFormularza', '3'),
        element('DataWytworzeniaFa', createdAt),
        element('SystemInfo', text(options.systemInfo ?? 'iBOK Wodociągi', 'SystemInfo')),
      ]),
      seller(document),
      buyer(document),
      invoiceBody(document),
      footer(document),
    ],
    { xmlns: FA3_NAMESPACE },
  );
  return serializeXml(root);
}

function seller(document: InvoiceDocument): XmlElement {
  const { seller } = document;
  return element('Podmiot1', [
    element('DaneIdentyfikacyjne', [
      element('NIP', seller.nip),
      element('Nazwa', text(seller.name, 'seller name', 512)),
    ]),
    element('Adres', [
      element('KodKraju', 'PL'),
      element('AdresL1', text(seller.street, 'seller street', 512)),
      element('AdresL2', text(`${seller.postalCode} ${seller.city}`, 'seller city', 512)),
    ]),
  ]);
}

/** A buyer without a NIP (a household) is marked BrakID: KSeF then does not deliver the invoice to anybody. */
function buyer(document: InvoiceDocument): XmlElement {
  const { buyer } = document;
  const [firstLine = buyer.name, ...otherLines] = buyer.addressLines;
  return element('Podmiot2', [
    element('DaneIdentyfikacyjne', [
      buyer.nip ? element('NIP', buyer.nip) : element('BrakID', '1'),
      element('Nazwa', text(buyer.name, 'buyer name', 512)),
    ]),
    element('Adres', [
      element('KodKraju', 'PL'),
      element('AdresL1', text(firstLine, 'buyer address', 512)),
      otherLines.length > 0 && element('AdresL2', text(otherLines.join(', '), 'buyer address', 512)),
    ]),
    // JST / GV 2: the buyer is not a subordinate unit of local government nor a member of a VAT group.
    element('JST', '2'),
    element('GV', '2'),
  ]);
}

function invoiceBody(document: InvoiceDocument): XmlElement {
  const correction = document.correction;
  if (document.kind === 'correction' && !correction)
    throw new Fa3Error(`correction ${document.number} has no correction details`);
  return element('Fa', [
    element('KodWaluty', 'PLN'),
    element('P_1', document.issueDate),
    element('P_1M', text(document.seller.city, 'place of issue')),
    element('P_2', text(document.number, 'invoice number')),
    // Water and sewage are billed for periods (VAT act art. 19a ust. 3), so the period replaces the supply date.
    element('OkresFa', [element('P_6_Od', document.periodFrom), element('P_6_Do', document.periodTo)]),
    ...rateSums(document.vatSummary),
    element('P_15', decimal(document.totals.gross)),
    annotations(),
    element('RodzajFaktury', correction ? 'KOR' : 'VAT'),
    ...(correction
      ? [
          element('PrzyczynaKorekty', text(correction.reason, 'correction reason')),
          element('DaneFaKorygowanej', [
            element('DataWystFaKorygowanej', correction.correctedIssueDate),
            element('NrFaKorygowanej', text(correction.correctedNumber, 'corrected invoice number')),
            ...(correction.correctedKsefNumber
              ? [element('NrKSeF', '1'), element('NrKSeFFaKorygowanej', correction.correctedKsefNumber)]
              : [element('NrKSeFN', '1')]),
          ]),
        ]
      : []),
    ...additionalDescriptions(document),
    ...invoiceRows(document),
    payment(document),
  ]);
}

function rateSums(summary: DocumentVatRow[]): XmlElement[] {
  const sums = new Map<string, { net: number; vat: number }>();
  for (const row of summary) {
    const field = RATE_FIELDS[row.vatRateBasisPoints];
    if (!field) throw new Fa3Error(`VAT rate ${row.vatRateBasisPoints / 100}% has no field in FA(3)`);
    const sum = sums.get(field.suffix) ?? { net: 0, vat: 0 };
    sums.set(field.suffix, { net: sum.net + row.netGrosze, vat: sum.vat + row.vatGrosze });
  }
  const fields: XmlElement[] = [];
  for (const suffix of FIELD_ORDER) {
    const sum = sums.get(suffix);
    if (!sum) continue;
    fields.push(element(`P_13_${suffix}`, decimal(sum.net as Grosze)));
    if (suffix !== '6_1') fields.push(element(`P_14_${suffix}`, decimal(sum.vat as Grosze)));
  }
  return fields;
}

/** The annotations every FA(3) invoice states; "2" / "1" on a N-field: the case does not apply. */
function annotations(): XmlElement {
  return element('Adnotacje', [
    element('P_16', '2'), // not cash accounting
    element('P_17', '2'), // not self-billing
    element('P_18', '2'), // not reverse charge
    element('P_18A', '2'), // split payment is not required: water and sewage are not in annex 15
    element('Zwolnienie', [element('P_19N', '1')]),
    element('NoweSrodkiTransportu', [element('P_22N', '1')]),
    element('P_23', '2'),
    element('PMarzy', [element('P_PMarzyN', '1')]),
  ]);
}

/** The place of supply and the meter readings, as key-value descriptions a buyer's system can show. */
function additionalDescriptions(document: InvoiceDocument): XmlElement[] {
  const pairs: [string, string][] = [
    ['Miejsce dostarczania wody i odbioru ścieków', document.servicePointAddress],
  ];
  for (const reading of document.readings) {
    const current =
      reading.currentLitres === null
        ? 'brak odczytu'
        : `${formatCubicMetres(reading.currentLitres, 'pl')}${reading.estimated ? ' (szacunkowy)' : ''}`;
    const consumption =
      reading.consumptionLitres === null
        ? ''
        : `, zużycie ${formatCubicMetres(reading.consumptionLitres, 'pl')}`;
    pairs.push([
      `Wodomierz ${reading.meterSerial} (${METER_KINDS[reading.meterKind]})`,
      `${formatDate(reading.previousDate, 'pl')}: ${formatCubicMetres(reading.previousLitres, 'pl')}; ${formatDate(reading.currentDate, 'pl')}: ${current}${consumption}`,
    ]);
  }
  return pairs.map(([key, value]) =>
    element('DodatkowyOpis', [
      element('Klucz', text(key, 'description key')),
      element('Wartosc', text(value, 'description value')),
    ]),
  );
}

/**
 * Invoice rows. A correction lists the rows before it (StanPrzed = 1) and after it as separate, separately
 * numbered rows: the "before and after" method of art. 106j that the schema describes.
 */
function invoiceRows(document: InvoiceDocument): XmlElement[] {
  const correction = document.correction;
  const rows: { line: DocumentLine; before: boolean }[] = correction
    ? [
        ...correction.linesBefore.map((line) => ({ line, before: true })),
        ...correction.linesAfter.map((line) => ({ line, before: false })),
      ]
    : document.lines.map((line) => ({ line, before: false }));
  return rows.map(({ line, before }, index) => {
    const rate = RATE_FIELDS[line.vatRateBasisPoints];
    if (!rate) throw new Fa3Error(`VAT rate ${line.vatRateBasisPoints / 100}% has no field in FA(3)`);
    const children: XmlChild[] = [
      element('NrWierszaFa', String(index + 1)),
      element('P_7', text(line.estimated ? `${line.name.pl} (szacunkowe)` : line.name.pl, 'line name', 512)),
      element('P_8A', UNITS[line.unit]),
      element('P_8B', fixedPoint(line.quantityThousandths, 3)),
      element('P_9A', decimal(line.unitPriceGrosze)),
      element('P_11', decimal(line.netGrosze)),
      element('P_12', rate.code),
      before && element('StanPrzed', '1'),
    ];
    return element('FaWiersz', children);
  });
}

/** Payment terms, when there is anything to pay (a correction lowering the amount has nothing due). */
function payment(document: InvoiceDocument): XmlChild {
  if (document.totals.gross <= 0) return null;
  return element('Platnosc', [
    element('TerminPlatnosci', [element('Termin', document.dueDate)]),
    element('FormaPlatnosci', BANK_TRANSFER),
    element('RachunekBankowy', [element('NrRB', document.seller.bankAccount)]),
  ]);
}

function footer(document: InvoiceDocument): XmlChild {
  if (document.notes.length === 0) return null;
  const notes = document.notes.join('\n');
  if (notes.length > 3500)
    throw new Fa3Error(`notes of invoice ${document.number} exceed the 3500 characters of the footer`);
  return element('Stopka', [element('Informacje', [element('StopkaFaktury', notes)])]);
}

function decimal(value: Grosze): string {
  return formatMoneyDecimal(value);
}

/** An integer of thousandths as a plain decimal without trailing zeros: 12345 → "12.345", 1000 → "1". */
function fixedPoint(value: number, places: 3): string {
  const divisor = 10 ** places;
  const absolute = Math.abs(value);
  const fraction = String(absolute % divisor)
    .padStart(places, '0')
    .replace(/0+$/, '');
  const sign = value < 0 ? '-' : '';
  return `${sign}${Math.floor(absolute / divisor)}${fraction ? `.${fraction}` : ''}`;
}

/** Schema text fields are tokens of limited length: whitespace collapses, and too long a text is an error. */
function text(value: string, field: string, limit = TEXT_LIMIT): string {
  const collapsed = value.replace(/\s+/g, ' ').trim();
  if (collapsed === '') throw new Fa3Error(`${field} is empty`);
  if (collapsed.length > limit) throw new Fa3Error(`${field} is longer than ${limit} characters`);
  return collapsed;
}
