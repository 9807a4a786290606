/**
 * Turns a customer into the precomputed features every comparison reads. Names, streets and towns
 * repeat across a file (a few hundred given names, tens of thousands of surnames), so a batch keeps
 * what it already worked out per distinct written value in a `PrepareCache`; the result does not
 * depend on whether a cache is used.
 */
import {
  normaliseCity,
  normalisePostalCode,
  normaliseStreet,
  parseHouseNumber,
  postalDistrict,
} from './address.ts';
import { parseBirthDate } from './birthDate.ts';
import { canonicalEmail, comparableLocal, localIsOnlyName } from './email.ts';
import { normaliseFirstName, normaliseLastName } from './names.ts';
import type { NormalisedFirstName, NormalisedLastName } from './names.ts';
import { nicknameGroups } from './nicknames.ts';
import { cologneKey, dutchKey, metaphoneKeys } from './phonetic.ts';
import { readPhone } from './phone.ts';
import { blankToNull, foldUmlautSpelling } from './text.ts';
import type { MatchRecord, NameKeys, PrepareOptions, PreparedRecord } from './types.ts';

export function nameKeys(folded: string): NameKeys {
  const [dm, dmAlt] = metaphoneKeys(folded);
  return [dm, dmAlt, cologneKey(folded), dutchKey(folded)];
}

interface FirstFeatures {
  name: NormalisedFirstName;
  keys: NameKeys | null;
  nicknames: number[];
}

interface LastFeatures {
  name: NormalisedLastName;
  keys: NameKeys;
}

/** Per-batch memory of names and places already normalised (plain Maps, dropped with the batch). */
export interface PrepareCache {
  first: Map<string, FirstFeatures | null>;
  last: Map<string, LastFeatures | null>;
  street: Map<string, string | null>;
  city: Map<string, string | null>;
}

export function createPrepareCache(): PrepareCache {
  return { first: new Map(), last: new Map(), street: new Map(), city: new Map() };
}

function memo<T>(map: Map<string, T> | undefined, key: string, compute: (key: string) => T): T {
  if (map === undefined) return compute(key);
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as T;
  const value = compute(key);
  map.set(key, value);
  return value;
}

function firstFeatures(raw: string): FirstFeatures | null {
  const name = normaliseFirstName(raw);
  if (name === null) return null;
  return {
    name,
    keys: name.initialOnly ? null : nameKeys(name.first),
    nicknames: [...new Set([...name.tokens, name.full].flatMap(nicknameGroups))],
  };
}

function lastFeatures(raw: string): LastFeatures | null {
  const name = normaliseLastName(raw);
  return name === null ? null : { name, keys: nameKeys(name.full) };
}

/**
 * Shared empty lists: most records have no second e-mail, no landline, no nickname group, and a
 * million empty arrays would cost a whole-file scan some 150 MB. Never mutated.
 */
const NONE: string[] = [];
const NO_FLAGS: boolean[] = [];
const NO_GROUPS: number[] = [];

/** The folded name pieces an e-mail name may be made of. */
function nameParts(first: FirstFeatures | null, last: LastFeatures | null): string[] {
  const parts: string[] = [];
  if (first !== null) parts.push(...first.name.tokens, first.name.full);
  if (last !== null) parts.push(last.name.full, last.name.core);
  return parts;
}

export function prepareRecord(record: MatchRecord, options: PrepareOptions = {}): PreparedRecord {
  const cache = options.cache;
  const rawFirst = blankToNull(record.firstName);
  const rawLast = blankToNull(record.lastName);
  const first = rawFirst === null ? null : memo(cache?.first, rawFirst, firstFeatures);
  const last = rawLast === null ? null : memo(cache?.last, rawLast, lastFeatures);
  const country = blankToNull(record.country) ?? options.defaultCountry ?? null;

  let emails: string[] = NONE;
  let locals: string[] = NONE;
  let named: boolean[] = NO_FLAGS;
  const addEmail = (raw: string | null | undefined): void => {
    const e = canonicalEmail(blankToNull(raw));
    if (e === null || emails.includes(e.address)) return;
    if (emails === NONE) {
      emails = [];
      locals = [];
      named = [];
    }
    const local = comparableLocal(e.local);
    emails.push(e.address);
    locals.push(local);
    named.push(localIsOnlyName(foldUmlautSpelling(local.replace(/\d+/g, '')), nameParts(first, last)));
  };
  addEmail(record.email);
  if (record.extraEmails !== undefined) for (const raw of record.extraEmails) addEmail(raw);

  let phones: string[] = NONE;
  let fixedPhones: string[] = NONE;
  const addPhone = (raw: string | null | undefined): void => {
    const p = readPhone(blankToNull(raw), country);
    if (p === null || phones.includes(p.e164)) return;
    if (phones === NONE) phones = [];
    phones.push(p.e164);
    if (p.fixed) {
      if (fixedPhones === NONE) fixedPhones = [];
      fixedPhones.push(p.e164);
    }
  };
  addPhone(record.mobile);
  addPhone(record.landline);
  addPhone(record.phone2);
  if (record.extraPhones !== undefined) for (const raw of record.extraPhones) addPhone(raw);
  const birth = parseBirthDate(blankToNull(record.birthDate));
  const house = parseHouseNumber(blankToNull(record.houseNumber));
  const rawStreet = blankToNull(record.street);
  const rawCity = blankToNull(record.city);
  const postalCode = normalisePostalCode(blankToNull(record.postalCode));
  const gender = record.gender === null || (record.gender as string) === '' ? null : record.gender;
  const generation = Math.max(first?.name.generation ?? 0, last?.name.generation ?? 0) as 0 | 1 | 2;

  return {
    id: record.id,
    firstName: first?.name.full ?? null,
    firstToken: first?.name.first ?? null,
    firstInitialOnly: first?.name.initialOnly ?? false,
    firstKeys: first?.keys ?? null,
    nicknames: first?.nicknames ?? NO_GROUPS,
    lastName: last?.name.full ?? null,
    lastCore: last?.name.core ?? null,
    lastInitialOnly: last?.name.initialOnly ?? false,
    lastKeys: last?.keys ?? null,
    generation,
    emails,
    emailLocals: locals,
    emailNamed: named,
    phones,
    fixedPhones,
    birthDigits: birth?.digits ?? null,
    birthYear: birth?.year ?? 0,
    street: rawStreet === null ? null : memo(cache?.street, rawStreet, normaliseStreet),
    houseNumber: house?.number ?? null,
    houseBox: house?.box ?? '',
    postalCode,
    postalDistrict: postalDistrict(postalCode),
    city: rawCity === null ? null : memo(cache?.city, rawCity, normaliseCity),
    gender,
  };
}

/** Prepare a whole batch with one shared cache. */
export function prepareRecords(
  records: readonly MatchRecord[],
  options: Omit<PrepareOptions, 'cache'> = {},
): PreparedRecord[] {
  const withCache: PrepareOptions = { ...options, cache: createPrepareCache() };
  const out = new Array<PreparedRecord>(records.length);
  for (let i = 0; i < records.length; i++) out[i] = prepareRecord(records[i] as MatchRecord, withCache);
  return out;
}
