import { describe, expect, it } from 'vitest';
import { amountInWordsPl, numberInWordsPl } from './amount-in-words.ts';
import { grosze } from './money.ts';

describe('amountInWordsPl', () => {
  it.each([
    [12345, 'sto dwadzieścia trzy złote 45/100'],
    [0, 'zero złotych 00/100'],
    [5, 'zero złotych 05/100'],
    [100, 'jeden złoty 00/100'],
    [200, 'dwa złote 00/100'],
    [400, 'cztery złote 00/100'],
    [500, 'pięć złotych 00/100'],
    [1100, 'jedenaście złotych 00/100'],
    [1200, 'dwanaście złotych 00/100'],
    [1400, 'czternaście złotych 00/100'],
    [2100, 'dwadzieścia jeden złotych 00/100'],
    [2200, 'dwadzieścia dwa złote 00/100'],
    [2499, 'dwadzieścia cztery złote 99/100'],
    [2500, 'dwadzieścia pięć złotych 00/100'],
    [10100, 'sto jeden złotych 00/100'],
    [11200, 'sto dwanaście złotych 00/100'],
    [11300, 'sto trzynaście złotych 00/100'],
    [12200, 'sto dwadzieścia dwa złote 00/100'],
    [100000, 'tysiąc złotych 00/100'],
    [100100, 'tysiąc jeden złotych 00/100'],
    [100200, 'tysiąc dwa złote 00/100'],
    [200000, 'dwa tysiące złotych 00/100'],
    [500000, 'pięć tysięcy złotych 00/100'],
    [1200000, 'dwanaście tysięcy złotych 00/100'],
    [2200000, 'dwadzieścia dwa tysiące złotych 00/100'],
    [10100000, 'sto jeden tysięcy złotych 00/100'],
    [
      99999999,
      'dziewięćset dziewięćdziesiąt dziewięć tysięcy dziewięćset dziewięćdziesiąt dziewięć złotych 99/100',
    ],
    [100000000, 'milion złotych 00/100'],
    [200000000, 'dwa miliony złotych 00/100'],
    [500000000, 'pięć milionów złotych 00/100'],
    [123456789, 'milion dwieście trzydzieści cztery tysiące pięćset sześćdziesiąt siedem złotych 89/100'],
    [100000100, 'milion jeden złotych 00/100'],
    [200100000, 'dwa miliony tysiąc złotych 00/100'],
    [1300, 'trzynaście złotych 00/100'],
    [-1200, 'minus dwanaście złotych 00/100'],
    [4000, 'czterdzieści złotych 00/100'],
    [90000, 'dziewięćset złotych 00/100'],
    [21400, 'dwieście czternaście złotych 00/100'],
    [300000000000, 'trzy miliardy złotych 00/100'],
  ])('%i gr', (value, expected) => {
    expect(amountInWordsPl(grosze(value))).toBe(expected);
  });

  it('spells the largest safe amounts and rejects the rest', () => {
    expect(numberInWordsPl(1_000_000_000_000)).toBe('bilion');
    expect(() => numberInWordsPl(-1)).toThrow();
    expect(() => amountInWordsPl(1.5 as never)).toThrow();
  });
});
