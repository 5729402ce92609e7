import { describe, expect, it } from 'vitest';
import { cubicMetres, toCsv, zlote } from './csv.ts';

describe('CSV for Polish Excel', () => {
  it('starts with a BOM, separates by semicolons, ends lines with CRLF and quotes when needed', () => {
    const csv = toCsv(
      ['Opis', 'Kwota [zł]'],
      [
        ['Woda; ścieki', zlote(-6766)],
        ['Powiedział "tak"', null],
      ],
    );
    expect(csv).toBe('\uFEFFOpis;Kwota [zł]\r\n"Woda; ścieki";-67,66\r\n"Powiedział ""tak""";\r\n');
  });

  it('neutralizes text that a spreadsheet would run as a formula, but not our numbers', () => {
    const csv = toCsv(['a', 'b', 'c'], [['=HYPERLINK("x")', '-12,34', '@SUM(A1)']]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")";-12,34;'@SUM(A1)`);
  });

  it('writes volumes and money with a decimal comma', () => {
    expect([cubicMetres(153_000), cubicMetres(5), cubicMetres(-1250)]).toEqual([
      '153,000',
      '0,005',
      '-1,250',
    ]);
    expect([zlote(123_456), zlote(5), zlote(0)]).toEqual(['1234,56', '0,05', '0,00']);
  });
});
