import { DomainError } from './errors.ts';
import type { Grosze } from './money.ts';

/**
 * Amount in words as printed on Polish invoices ("słownie"): "sto dwadzieścia trzy złote 45/100".
 * Polish nouns after numerals take one of three forms: the singular for exactly 1, the nominative
 * plural when the number ends in 2–4 except 12–14, and the genitive plural otherwise (0, 5–21, 25…).
 */

const UNITS = ['', 'jeden', 'dwa', 'trzy', 'cztery', 'pięć', 'sześć', 'siedem', 'osiem', 'dziewięć'];
const TEENS = [
  'dziesięć',
  'jedenaście',
  'dwanaście',
  'trzynaście',
  'czternaście',
  'piętnaście',
  'szesnaście',
  'siedemnaście',
  'osiemnaście',
  'dziewiętnaście',
];
const TENS = [
  '',
  '',
  'dwadzieścia',
  'trzydzieści',
  'czterdzieści',
  'pięćdziesiąt',
  'sześćdziesiąt',
  'siedemdziesiąt',
  'osiemdziesiąt',
  'dziewięćdziesiąt',
];
const HUNDREDS = [
  '',
  'sto',
  'dwieście',
  'trzysta',
  'czterysta',
  'pięćset',
  'sześćset',
  'siedemset',
  'osiemset',
  'dziewięćset',
];

type NounForms = readonly [singular: string, fewPlural: string, manyPlural: string];

const ZLOTY: NounForms = ['złoty', 'złote', 'złotych'];
/** Scales from 10^3 upwards; the safe-integer range of grosze ends below 10^14 zł. */
const SCALES: readonly NounForms[] = [
  ['tysiąc', 'tysiące', 'tysięcy'],
  ['milion', 'miliony', 'milionów'],
  ['miliard', 'miliardy', 'miliardów'],
  ['bilion', 'biliony', 'bilionów'],
];

export function polishPluralForm(count: number, forms: NounForms): string {
  if (count === 1) return forms[0];
  const lastDigit = count % 10;
  const lastTwo = count % 100;
  if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) return forms[1];
  return forms[2];
}

function hundredsInWords(value: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  if (hundreds > 0) words.push(HUNDREDS[hundreds] ?? '');
  if (rest >= 10 && rest < 20) {
    words.push(TEENS[rest - 10] ?? '');
  } else {
    if (rest >= 20) words.push(TENS[Math.floor(rest / 10)] ?? '');
    if (rest % 10 > 0) words.push(UNITS[rest % 10] ?? '');
  }
  return words;
}

/** Cardinal number in Polish words; "tysiąc", "milion" alone (not "jeden tysiąc") as in ordinary usage. */
export function numberInWordsPl(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('invalid_number', `Expected a non-negative safe integer, got ${value}`);
  }
  if (value === 0) return 'zero';
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let index = groups.length - 1; index >= 0; index -= 1) {
    const group = groups[index] ?? 0;
    if (group === 0) continue;
    if (index === 0) {
      words.push(...hundredsInWords(group));
      continue;
    }
    const scale = SCALES[index - 1];
    if (!scale) throw new DomainError('number_too_large', `Number ${value} is too large to spell`);
    if (group !== 1) words.push(...hundredsInWords(group));
    words.push(polishPluralForm(group, scale));
  }
  return words.join(' ');
}

/** 12345 gr → "sto dwadzieścia trzy złote 45/100"; negative amounts (corrections) start with "minus". */
export function amountInWordsPl(amount: Grosze): string {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('invalid_money', `Amount must be an integer number of grosze, got ${amount}`);
  }
  const absolute = Math.abs(amount);
  const zlote = Math.floor(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  const sign = amount < 0 ? 'minus ' : '';
  return `${sign}${numberInWordsPl(zlote)} ${polishPluralForm(zlote, ZLOTY)} ${fraction}/100`;
}
