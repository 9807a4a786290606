/**
 * The truth about one person: who they are, independent of how any record writes them down. Records
 * (render.ts) are views of a person; duplicates are several views of the same person.
 */
import { NAMES } from './names.ts';
import type { Region } from './names.ts';
import { makeLandline, makeMobile } from './phones.ts';
import type { Phone } from './phones.ts';
import { REGION_COUNTRY, STREETS, TOWNS } from './places.ts';
import type { Town } from './places.ts';
import type { Rng } from './random.ts';
import { makeEmail, pickProvider } from './emails.ts';
import type { Mailboxes } from './emails.ts';
import type { GenCountry, GenGender, GenLanguage } from './types.ts';

export interface Address {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

export interface Person {
  entityId: string;
  region: Region;
  country: 'BE' | 'NL' | 'DE';
  language: GenLanguage;
  gender: GenGender;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD; every person has one, records show it only sometimes. */
  birthDate: string;
  email: string | null;
  mobile: Phone | null;
  landline: Phone | null;
  phone2: Phone | null;
  address: Address;
  town: Town;
  vatNumber: string | null;
}

export function pickRegion(country: GenCountry, flandersOnly: boolean, rng: Rng): Region {
  switch (country) {
    case 'BE':
      return flandersOnly ? 'vl' : rng.chance(0.62) ? 'vl' : 'wa';
    case 'NL':
      return 'nl';
    case 'DE':
      return 'de';
    case 'mixed':
      return rng.weighted({ vl: 30, wa: 15, nl: 30, de: 25 });
  }
}

const REGION_LANGUAGE: Readonly<Record<Region, GenLanguage>> = { vl: 'nl', wa: 'fr', nl: 'nl', de: 'de' };

const pad2 = (n: number): string => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function randomDate(year: number, rng: Rng): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, DAYS_IN_MONTH[month - 1] ?? 28);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Salon customers are mostly adults between 18 and 70; children come in through households. */
export function adultBirthDate(nowYear: number, rng: Rng): string {
  const age = rng.chance(0.85) ? rng.int(18, 65) : rng.int(66, 88);
  return randomDate(nowYear - age, rng);
}

export function makeAddress(region: Region, town: Town, rng: Rng): Address {
  const n = rng.chance(0.7) ? rng.int(1, 60) : rng.int(61, 280);
  let houseNumber = String(n);
  const r = rng.next();
  if (region === 'vl' || region === 'wa') {
    if (r < 0.08) houseNumber += region === 'vl' ? ` bus ${rng.int(1, 12)}` : ` bte ${rng.int(1, 12)}`;
    else if (r < 0.13) houseNumber += rng.pick(['A', 'B']);
  } else if (region === 'nl') {
    if (r < 0.06) houseNumber += rng.pick(['-II', '-III', ' hs', '-1']);
    else if (r < 0.12) houseNumber += rng.pick(['a', 'b', 'A']);
  } else if (r < 0.07) houseNumber += rng.pick(['a', 'b']);
  let postalCode = rng.pick(town.postalCodes);
  if (region === 'nl')
    postalCode +=
      ' ' +
      rng.pick(['AB', 'BC', 'CD', 'EK', 'GH', 'JL', 'KM', 'LP', 'NR', 'PT', 'RV', 'TX', 'VZ', 'XA', 'ZB']);
  return { street: rng.pick(STREETS[region]), houseNumber, postalCode, city: town.city };
}

/** A Belgian VAT number with a valid mod-97 check, or a plausible NL/DE one. */
function makeVat(country: 'BE' | 'NL' | 'DE', rng: Rng): string {
  if (country === 'BE') {
    const base = rng.int(2000000, 9999999) * 10 + rng.int(0, 9);
    const check = 97 - (base % 97);
    const digits = `0${base}${pad2(check)}`;
    return `BE${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
  }
  if (country === 'NL') return `NL${rng.digits(9)}B0${rng.int(1, 3)}`;
  return `DE${rng.int(1, 9)}${rng.digits(8)}`;
}

export interface PersonContext {
  country: GenCountry;
  flandersOnly: boolean;
  nowYear: number;
  /** The file's mailboxes, so no address is given to two people (absent: addresses may repeat). */
  mailboxes?: Mailboxes;
}

/** A personal address for someone, unique in the file when the context keeps track of mailboxes. */
export function personalEmail(
  firstName: string,
  lastName: string,
  birthYear: number,
  region: Region,
  rng: Rng,
  mailboxes: Mailboxes | undefined,
): string {
  const email = makeEmail(firstName, lastName, birthYear, pickProvider(region, rng), rng);
  return mailboxes === undefined ? email : mailboxes.claim(email, rng);
}

export interface PersonSeed {
  region?: Region;
  gender?: GenGender;
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  town?: Town;
  address?: Address;
}

export function makePerson(entityId: string, ctx: PersonContext, rng: Rng, seed: PersonSeed = {}): Person {
  const region = seed.region ?? pickRegion(ctx.country, ctx.flandersOnly, rng);
  const names = NAMES[region];
  const gender: GenGender =
    seed.gender ?? (rng.chance(0.7) ? 'female' : rng.chance(0.96) ? 'male' : 'diverse');
  const list =
    gender === 'child'
      ? names.child
      : gender === 'male' || (gender === 'diverse' && rng.chance(0.5))
        ? names.male
        : names.female;
  const firstName = seed.firstName ?? list.pick(rng);
  const lastName = seed.lastName ?? names.surnames.pick(rng);
  const birthDate = seed.birthDate ?? adultBirthDate(ctx.nowYear, rng);
  const country = REGION_COUNTRY[region];
  const town = seed.town ?? rng.pick(TOWNS[region]);
  const adult = gender !== 'child';
  const age = ctx.nowYear - yearOf(birthDate);
  return {
    entityId,
    region,
    country,
    language: rng.chance(0.02) ? 'en' : REGION_LANGUAGE[region],
    gender,
    firstName,
    lastName,
    birthDate,
    email:
      adult && rng.chance(0.95)
        ? personalEmail(firstName, lastName, yearOf(birthDate), region, rng, ctx.mailboxes)
        : null,
    mobile: adult && rng.chance(0.965) ? makeMobile(country, rng) : null,
    landline: rng.chance(age > 55 ? 0.35 : 0.12) ? makeLandline(country, town.areaCode, rng) : null,
    phone2: adult && rng.chance(0.05) ? makeMobile(country, rng) : null,
    address: seed.address ?? makeAddress(region, town, rng),
    town,
    vatNumber: adult && rng.chance(0.02) ? makeVat(country, rng) : null,
  };
}
