import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeStatement, parseStatement, StatementFormatError } from './index.ts';

const sample = (name: string) =>
  readFileSync(new URL(`../../../../shared/reference/mt940/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function formatError(run: () => unknown): StatementFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementFormatError) return error;
    throw error;
  }
  throw new Error('expected a StatementFormatError');
}

describe('MT940 on the mBank samples', () => {
  it('reads the statement: account, three credits with references, payer account and name, title', () => {
    const statement = parseStatement(sample('mbank-mt940.sta'));
    expect(statement).toMatchObject({
      format: 'mt940',
      accountNumber: '29114010810000267002001002',
      statementReference: 'ST170119CYC/1',
      warnings: [],
    });
    expect(
      statement.transactions.map((item) => [item.line, item.reference, item.bookedOn, item.amountGrosze]),
    ).toEqual([
      [6, 'MB170119012058', '2017-01-19', 1],
      [12, 'MB170119012085', '2017-01-19', 1],
      [18, 'MB170119012121', '2017-01-19', 1],
    ]);
    expect(statement.transactions[0]).toMatchObject({
      currency: 'PLN',
      counterpartyAccount: '56114010810000267002001001',
      counterpartyName: 'JAN NOWAK UL. NIJAKA 1 M 2 31-234 KRAKOW',
      title: 'PRZELEW SRODKOW',
    });
    expect(statement.transactions[0]!.details).toContain('911-TRANSAKCJA IPH');
  });

  it('reads the MT942 interim report with the same transaction references as the statement', () => {
    const interim = parseStatement(sample('mbank-mt942.sta'));
    const final = parseStatement(sample('mbank-mt940.sta'));
    expect(interim.transactions.map((item) => item.reference)).toEqual(
      final.transactions.map((item) => item.reference),
    );
    expect(interim.transactions.every((item) => item.currency === 'PLN' && item.amountGrosze === 1)).toBe(
      true,
    );
  });

  it('joins wrapped lines of the free text, drops an all-zero payer account and warns about balances that do not add up', () => {
    const statement = parseStatement(sample('mbank-with_newline_in_tnr.sta'));
    expect(statement.transactions.map((item) => [item.reference, item.amountGrosze])).toEqual([
      ['MB170201323000', 4500],
      ['MB170201327968', 4400],
    ]);
    expect(statement.transactions[0]).toMatchObject({
      title: '_FAKTURA VAT NR FVD-0000/02/2017 A AAAAA AAAAAA UL. AAAAAAAAAAA 220/22',
      counterpartyAccount: null,
      counterpartyName: 'AAAAAA AAAAAA UL.AAAAAAAAAAA 27 M.32 31-000 AAAAAA',
    });
    expect(statement.warnings).toEqual([
      'line 19: the closing balance differs from the opening balance plus the transactions',
    ]);
  });
});

describe('MT940 with PKO-style ~ sub-fields', () => {
  it('reads title from ~20–~29 (wrapped inside a number), payer from ~38 or ~30+~31, name from ~32–~33, and debits as negative', () => {
    const statement = parseStatement(fixture('pko-style.sta'));
    expect(statement.accountNumber).toBe('71102050110000009602030100');
    expect(statement.warnings).toEqual([]);
    const [first, second, third, debit] = statement.transactions;
    expect(first).toMatchObject({
      reference: 'PKO2611200000101',
      bookedOn: '2026-11-20',
      amountGrosze: 6972,
      title: 'Oplata za wode listopad',
      counterpartyAccount: '50109010140000000012345678',
      counterpartyName: 'ANNA NOWAK UL. KALISKA 1 WLOCLAWEK',
    });
    expect(first!.details).toContain('~6313102050110000000010000001');
    expect(second).toMatchObject({
      amountGrosze: 14_044,
      title: 'Zaplata faktur FV/2026/11/000002 oraz FV 2026/11/000003',
      counterpartyAccount: '89109010140000000087654321',
    });
    expect(third).toMatchObject({
      amountGrosze: 1000,
      title: 'Darowizna',
      counterpartyName: 'OSOBA NIEZNANA',
    });
    expect(debit).toMatchObject({ amountGrosze: -2500, title: 'Oplata za prowadzenie rachunku' });
  });

  it('reads a Windows-1250 file', () => {
    const text =
      ':20:X\n:25:/PL71102050110000009602030100\n:60F:C261119PLN0,00\n:61:261120C5,00NTRFNONREF//R1\n:86:020~20Opłata za wodę\n:62F:C261120PLN5,00\n';
    const bytes = Uint8Array.from(
      [...text].map((character) => ({ ł: 0xb3, ę: 0xea })[character] ?? character.charCodeAt(0)),
    );
    expect(parseStatement(decodeStatement(bytes)).transactions[0]?.title).toBe('Opłata za wodę');
  });
});

describe('malformed MT940', () => {
  const valid = fixture('pko-style.sta');

  it('names the line of a broken statement line, an impossible date and a broken balance', () => {
    expect(formatError(() => parseStatement(valid.replace('CN140,44NTRF', 'CNabc,44NTRF'))).line).toBe(10);
    const date = formatError(() =>
      parseStatement(valid.replace(':61:2611201120CN10,00', ':61:2613201120CN10,00')),
    );
    expect(date).toMatchObject({
      line: 12,
      reason: expect.stringMatching(/impossible value date/) as unknown,
    });
    expect(
      formatError(() => parseStatement(valid.replace(':60F:C261119PLN1000,00', ':60F:C261119PLN1000.00')))
        .line,
    ).toBe(5);
  });

  it('refuses a transaction before the account, text before the first field, and a repeated reference', () => {
    expect(formatError(() => parseStatement(':20:X\n:61:261120C5,00NTRFNONREF//R1\n:25:1\n')).reason).toMatch(
      /before the account/,
    );
    expect(
      formatError(() => parseStatement('hello\n:20:X\n:25:/1\n:61:261120C5,00NTRFNONREF//R1\n')).line,
    ).toBe(1);
    const repeated = valid.replace('//PKO2611200000103', '//PKO2611200000101');
    expect(formatError(() => parseStatement(repeated))).toMatchObject({
      line: 12,
      reason: 'transaction reference PKO2611200000101 repeats the one on line 6',
    });
  });
});

describe('CSV statements', () => {
  const header =
    'id_transakcji;data_ksiegowania;kwota;waluta;rachunek_wirtualny;rachunek_nadawcy;nadawca;tytul';

  it('reads quoted fields with separators and line breaks, Polish dates and negative debits', () => {
    const content = `\uFEFF${header}\r\nT1;2026-11-20;69,72;PLN;13 1020 5011 0000 0000 1000 0001;;"Nowak; Anna";"Faktura\r\nFV/2026/11/000001"\r\nT2;21.11.2026;-5.00;pln;;;Bank;"Opłata ""miesięczna"""\r\n`;
    const statement = parseStatement(content);
    expect(statement.format).toBe('csv');
    expect(statement.transactions).toMatchObject([
      {
        line: 2,
        reference: 'T1',
        bookedOn: '2026-11-20',
        amountGrosze: 6972,
        creditedAccount: '13102050110000000010000001',
        counterpartyName: 'Nowak; Anna',
        title: 'Faktura FV/2026/11/000001',
      },
      {
        line: 4,
        reference: 'T2',
        bookedOn: '2026-11-21',
        amountGrosze: -500,
        currency: 'PLN',
        title: 'Opłata "miesięczna"',
      },
    ]);
  });

  it('names the line and reason of a bad amount, date, currency, field count, missing column and repeated id', () => {
    const row = (cells: string) => parseStatement(`${header}\nT1;2026-11-20;1,00;PLN;;;;ok\n${cells}\n`);
    expect(formatError(() => row('T2;2026-11-20;1 234,00;PLN;;;;x'))).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/kwota/) as unknown,
    });
    expect(formatError(() => row('T2;2026-02-30;1,00;PLN;;;;x'))).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/data_ksiegowania/) as unknown,
    });
    expect(formatError(() => row('T2;2026-11-20;1,00;złote;;;;x'))).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/waluta/) as unknown,
    });
    expect(formatError(() => row('T2;2026-11-20;1,00;PLN;;;x'))).toMatchObject({
      line: 3,
      reason: 'expected 8 fields like the header, found 7',
    });
    expect(formatError(() => row('T1;2026-11-21;2,00;PLN;;;;x'))).toMatchObject({
      line: 3,
      reason: 'transaction reference T1 repeats the one on line 2',
    });
    expect(formatError(() => row('T2;2026-11-20;1,00;PLN;123;;;x'))).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/rachunek_wirtualny/) as unknown,
    });
    expect(formatError(() => parseStatement('data;kwota\n2026-11-20;1,00\n'))).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/id_transakcji/) as unknown,
    });
    expect(formatError(() => parseStatement(`${header}\nT1;2026-11-20;1,00;PLN;;;;"open\n`))).toMatchObject({
      line: 2,
    });
  });
});
