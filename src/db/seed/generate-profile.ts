import { addDays, compareDates, dateFromParts, type CalendarDate } from '../../domain/dates.ts';
import { BUSINESS_MONTH_FACTORS, HOUSEHOLD_MONTH_FACTORS, type UsageProfile } from './consumption.ts';
import { randomDay, type HistoryWindow } from './history.ts';
import { activationCode, customerNumber, nipFor, peselFor } from './identifiers.ts';
import { CITY, companyName, streets, type Street, type StreetKind } from './places.ts';
import {
  asciiSlug,
  femaleFirstNames,
  maleFirstNames,
  masculineSurnames,
  surnameForm,
} from './polish-names.ts';
import type { Random } from './random.ts';

/**
 * 0: the demo login's household (main meter valid, garden sub-meter due this year);
 * 1: a household that has not registered yet (its activation code is printed by the seed);
 * 2: a company; 3: a household whose main meter's legalization has expired;
 * 4: a household whose main meter was replaced during the history.
 */
export const SHOWCASE = { demoLogin: 0, activation: 1, company: 2, expired: 3, replaced: 4 } as const;
const SHOWCASE_COUNT = 5;

export const DEMO_CUSTOMER_EMAIL = 'demo@example.com';

export interface Address {
  street: string;
  building: string;
  apartment: string | null;
  postalCode: string;
  city: string;
}

/** Who the customer is and how the account is set up. */
export interface CustomerProfile {
  index: number;
  customerNumber: string;
  kind: 'person' | 'company';
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  pesel: string | null;
  nip: string | null;
  email: string | null;
  language: 'pl' | 'en';
  activationCode: string | null;
  customerGroup: 'household' | 'other';
  cycleMonths: number;
  services: 'water' | 'water_and_sewage';
  readingSource: 'staff' | 'amr';
}

/** Where the water is supplied, since when, and how much is used there. */
export interface CustomerPlace {
  pointAddress: Address;
  /** The customer's own address: usually the point's, sometimes elsewhere in the city. */
  customerAddress: Address;
  connectedOn: CalendarDate;
  signedOn: CalendarDate;
  usage: UsageProfile;
  /** When a garden sub-meter was first fitted; null without one. */
  gardenMeterFrom: CalendarDate | null;
}

const streetsByKind = (kinds: StreetKind[]): Street[] =>
  streets.filter((street) => kinds.includes(street.kind));
const HOUSE_STREETS = streetsByKind(['houses', 'mixed']);
const BLOCK_STREETS = streetsByKind(['blocks', 'mixed']);
const BUSINESS_STREETS = streetsByKind(['mixed']);
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export function customerProfile(random: Random, randomSeed: number, index: number): CustomerProfile {
  const showcase = index < SHOWCASE_COUNT;
  const company = index === SHOWCASE.company || (!showcase && random.chance(0.08));
  const number = customerNumber(randomSeed, index);
  const base = {
    index,
    customerNumber: number,
    language: random.chance(0.01) && !showcase ? ('en' as const) : ('pl' as const),
    activationCode:
      index === SHOWCASE.activation || (index !== SHOWCASE.demoLogin && random.chance(0.05))
        ? activationCode(random)
        : null,
    services: showcase || random.chance(0.88) ? ('water_and_sewage' as const) : ('water' as const),
    readingSource: random.chance(0.12) ? ('amr' as const) : ('staff' as const),
  };
  if (company) {
    const soleTrader = random.chance(0.4) ? personName(random) : null;
    return {
      ...base,
      kind: 'company',
      firstName: null,
      lastName: null,
      companyName: companyName((items) => random.pick(items), soleTrader),
      pesel: null,
      nip: nipFor(randomSeed, index),
      email: random.chance(0.8) ? `faktury.${number}@${random.pick(EMAIL_DOMAINS)}` : null,
      customerGroup: 'other',
      cycleMonths: 1,
    };
  }
  const { firstName, lastName, sex } = personName(random);
  const email =
    index === SHOWCASE.demoLogin
      ? DEMO_CUSTOMER_EMAIL
      : random.chance(0.45)
        ? `${asciiSlug(`${firstName} ${lastName}`)}.${number.slice(-3)}@${random.pick(EMAIL_DOMAINS)}`
        : null;
  return {
    ...base,
    kind: 'person',
    firstName,
    lastName,
    companyName: null,
    pesel: peselFor(random, randomSeed, index, sex),
    nip: null,
    email,
    customerGroup: 'household',
    cycleMonths: showcase || random.chance(0.9) ? 2 : 1,
  };
}

function personName(random: Random): { firstName: string; lastName: string; sex: 'female' | 'male' } {
  const sex = random.chance(0.5) ? 'female' : 'male';
  const firstName = random.pickSkewed(sex === 'female' ? femaleFirstNames : maleFirstNames);
  return { firstName, lastName: surnameForm(random.pickSkewed(masculineSurnames), sex), sex };
}

function address(random: Random, from: readonly Street[], apartment: boolean): Address {
  const street = random.pick(from);
  const suffix = random.chance(0.06) ? random.pick(['A', 'B', 'C']) : '';
  return {
    street: street.name,
    building: `${random.integer(1, street.buildings)}${suffix}`,
    apartment: apartment ? String(random.integer(1, 72)) : null,
    postalCode: street.postalCode,
    city: CITY,
  };
}

/** The earliest connection of the demo network. */
const OLDEST_CONNECTION = dateFromParts(1985, 1, 1);

export function customerPlace(
  random: Random,
  index: number,
  profile: CustomerProfile,
  opening: CalendarDate,
  window: HistoryWindow,
  weatherSeed: number,
): CustomerPlace {
  const company = profile.kind === 'company';
  const house = !company && (index === SHOWCASE.demoLogin || random.chance(0.6));
  const pointAddress = address(
    random,
    company ? BUSINESS_STREETS : house ? HOUSE_STREETS : BLOCK_STREETS,
    !company && !house,
  );
  const livesElsewhere = !company && index >= SHOWCASE_COUNT && random.chance(0.04);
  const customerAddress = livesElsewhere ? address(random, BLOCK_STREETS, true) : pointAddress;

  // A few points were connected during the history; they start with a new meter at zero.
  const latestNewConnection = addDays(window.lastReadingDate, -90);
  const connectedOn =
    index >= SHOWCASE_COUNT && random.chance(0.04) && compareDates(opening, latestNewConnection) < 0
      ? randomDay(random, addDays(opening, 1), latestNewConnection)
      : randomDay(random, OLDEST_CONNECTION, addDays(opening, -400));

  const persons = random.weighted([
    [1, 25],
    [2, 30],
    [3, 20],
    [4, 17],
    [5, 8],
  ]);
  const baseLitresPerDay = company
    ? Math.round(Math.exp(Math.log(300) + random.fraction() * Math.log(12_000 / 300)))
    : persons * random.integer(90, 130);
  // About a fifth of the houses have a garden sub-meter, to deduct watering from sewage (so only with sewage).
  const gardenMeter =
    house && profile.services === 'water_and_sewage' && (index === SHOWCASE.demoLogin || random.chance(0.23));
  const watersGarden = gardenMeter || (house && random.chance(0.5));
  const latestGardenMeter = addDays(window.lastReadingDate, -60);
  const gardenMeterFrom = !gardenMeter
    ? null
    : index === SHOWCASE.demoLogin
      ? connectedOn
      : compareDates(connectedOn, latestGardenMeter) < 0
        ? randomDay(random, connectedOn, latestGardenMeter)
        : null;
  return {
    pointAddress,
    customerAddress,
    connectedOn,
    signedOn: addDays(connectedOn, -random.integer(0, 21)),
    usage: {
      baseLitresPerDay,
      monthFactors: company ? BUSINESS_MONTH_FACTORS : HOUSEHOLD_MONTH_FACTORS,
      gardenLitresPerDay: watersGarden ? random.integer(120, 450) : 0,
      weatherSeed,
    },
    gardenMeterFrom,
  };
}
