/** Turns a customer into the precomputed features every comparison reads. */
import { parseHouseNumber, normaliseCity, normalisePostalCode, normaliseStreet } from './address.ts';
import { parseBirthDate } from './birthDate.ts';
import { canonicalEmail } from './email.ts';
import { normaliseFirstName, normaliseLastName } from './names.ts';
import { nicknameGroups } from './nicknames.ts';
import { cologneKey, dutchKey, metaphoneKeys } from './phonetic.ts';
import { normalisePhone } from './phone.ts';
import { blankToNull } from './text.ts';
import type { MatchRecord, NameKeys, PrepareOptions, PreparedRecord } from './types.ts';

export function nameKeys(folded: string): NameKeys {
  const [dm, dmAlt] = metaphoneKeys(folded);
  return [dm, dmAlt, cologneKey(folded), dutchKey(folded)];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function prepareRecord(record: MatchRecord, options: PrepareOptions = {}): PreparedRecord {
  const first = normaliseFirstName(blankToNull(record.firstName));
  const last = normaliseLastName(blankToNull(record.lastName));
  const country = blankToNull(record.country) ?? options.defaultCountry ?? null;

  const emails = [];
  for (const raw of [record.email, ...(record.extraEmails ?? [])]) {
    const e = canonicalEmail(blankToNull(raw));
    if (e !== null) emails.push(e);
  }
  const phones = [];
  for (const raw of [record.mobile, record.landline, record.phone2, ...(record.extraPhones ?? [])]) {
    const p = normalisePhone(blankToNull(raw), country);
    if (p !== null) phones.push(p);
  }
  const birth = parseBirthDate(blankToNull(record.birthDate));
  const house = parseHouseNumber(blankToNull(record.houseNumber));
  const gender = record.gender === null || (record.gender as string) === '' ? null : record.gender;

  return {
    id: record.id,
    firstName: first?.full ?? null,
    firstToken: first?.first ?? null,
    firstInitialOnly: first?.initialOnly ?? false,
    firstKeys: first === null || first.initialOnly ? null : nameKeys(first.first),
    nicknames: first === null ? [] : unique(first.tokens.concat(first.full)).flatMap(nicknameGroups),
    lastName: last?.full ?? null,
    lastCore: last?.core ?? null,
    lastKeys: last === null ? null : nameKeys(last.full),
    emails: unique(emails.map((e) => e.address)),
    emailLocals: unique(emails.map((e) => e.local)),
    phones: unique(phones),
    birthDigits: birth?.digits ?? null,
    birthYear: birth?.year ?? 0,
    street: normaliseStreet(blankToNull(record.street)),
    houseNumber: house?.number ?? null,
    houseBox: house?.box ?? '',
    postalCode: normalisePostalCode(blankToNull(record.postalCode)),
    city: normaliseCity(blankToNull(record.city)),
    gender,
  };
}
