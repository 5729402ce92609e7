import { addDays, dateFromParts, type CalendarDate } from '../../domain/dates.ts';
import { completeNip, generatePesel, type Sex } from '../../domain/identifiers.ts';
import { mix32, permuteIndex, type Random } from './random.ts';

/**
 * Identifiers of demo customers. Uniqueness comes from keyed permutations of the customer's position
 * (permuteIndex), not from retrying random draws: numbers look random yet never collide.
 */

/** 8-digit customer numbers: 10000000 + a permutation of 0..89 999 999. */
const CUSTOMER_NUMBER_SPACE = 90_000_000;
export const MAX_SEED_CUSTOMERS = 1_000_000;

export function customerNumber(randomSeed: number, index: number): string {
  return String(10_000_000 + permuteIndex(index, CUSTOMER_NUMBER_SPACE, mix32(randomSeed ^ 0x5eed)));
}

const PESEL_SERIALS = 5000;
/** Birth days are spread in residue classes of this modulus, which keeps PESELs unique up to 64·5000 people. */
const BIRTH_DAY_CLASSES = 64;
const OLDEST_BIRTH_DATE = dateFromParts(1940, 1, 1);
/** People born 1940–2005: adults who sign water contracts. */
const BIRTH_DAY_SPAN = 24_000;

/**
 * A valid PESEL, unique among the first 320 000 customers: the serial is a permutation of index mod 5000
 * and the birth day's residue modulo 64 is (index div 5000) mod 64, so two customers with the same serial
 * differ in birth day.
 */
export function peselFor(random: Random, randomSeed: number, index: number, sex: Sex): string {
  const dayClass = Math.floor(index / PESEL_SERIALS) % BIRTH_DAY_CLASSES;
  const day =
    random.integer(0, Math.floor(BIRTH_DAY_SPAN / BIRTH_DAY_CLASSES) - 1) * BIRTH_DAY_CLASSES + dayClass;
  const birthDate: CalendarDate = addDays(OLDEST_BIRTH_DATE, day);
  const serial = permuteIndex(index % PESEL_SERIALS, PESEL_SERIALS, mix32(randomSeed ^ 0x9e5e));
  return generatePesel(birthDate, serial, sex);
}

/** Prefixes of the Włocławek tax office; the second is used when the first gives no valid check digit. */
const NIP_PREFIXES = ['888', '889'] as const;
const NIP_BODY_SPACE = 1_000_000;

/** A valid NIP, unique per customer index below one million. */
export function nipFor(randomSeed: number, index: number): string {
  const body = String(permuteIndex(index, NIP_BODY_SPACE, mix32(randomSeed ^ 0x0ca1))).padStart(6, '0');
  for (const prefix of NIP_PREFIXES) {
    const nip = completeNip(prefix + body);
    if (nip !== null) return nip;
  }
  // The two prefixes differ by 7 in the weighted sum (weight 7 on the third digit), so one always works.
  throw new Error(`no valid NIP for body ${body}`);
}

/** Letters and digits that cannot be misread on a printed letter (no I, O, 0, 1). */
const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** "ABCD-EFGH-JKLM": printed on a letter; the customer types it to register in the portal. */
export function activationCode(random: Random): string {
  const groups: string[] = [];
  for (let group = 0; group < 3; group += 1) {
    let text = '';
    for (let letter = 0; letter < 4; letter += 1) text += ACTIVATION_ALPHABET[random.integer(0, 31)];
    groups.push(text);
  }
  return groups.join('-');
}
