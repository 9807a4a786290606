/**
 * Prepared records as one compact string and back, for handing a million of them between threads
 * (structured cloning of objects costs several microseconds a record; a string crosses for free and
 * splits back in well under one). Normalised values never hold the separators: names, towns and
 * streets are folded to letters and digits, keys to letters, e-mail addresses and phone numbers to
 * their canonical forms; only ids are free text, and an id holding a separator is refused.
 */
import type { Gender, NameKeys, PreparedRecord } from './types.ts';

const RECORD = '\u0000';
const FIELD = '\u0001';
const ITEM = '\u0002';

const list = (values: readonly (string | number)[]): string => values.join(ITEM);
const NONE: string[] = [];
const NO_FLAGS: boolean[] = [];
const NO_GROUPS: number[] = [];
/** Empty lists are shared (never mutated): a million empty arrays would cost some 150 MB. */
const items = (text: string): string[] => (text === '' ? NONE : text.split(ITEM));
const nullable = (text: string): string | null => (text === '' ? null : text);

function encodeOne(r: PreparedRecord): string {
  if (r.id.includes(RECORD) || r.id.includes(FIELD))
    throw new Error(`id ${JSON.stringify(r.id)} holds a separator`);
  const flags = (r.firstInitialOnly ? 1 : 0) | (r.lastInitialOnly ? 2 : 0) | (r.generation << 2);
  return [
    r.id,
    r.firstName ?? '',
    r.firstToken ?? '',
    flags,
    r.firstKeys === null ? '' : list(r.firstKeys),
    list(r.nicknames),
    r.lastName ?? '',
    r.lastCore ?? '',
    r.lastKeys === null ? '' : list(r.lastKeys),
    list(r.emails),
    list(r.emailLocals),
    r.emailNamed.map((b) => (b ? '1' : '0')).join(''),
    list(r.phones),
    list(r.fixedPhones),
    r.birthDigits ?? '',
    r.birthYear,
    r.street ?? '',
    r.houseNumber ?? '',
    r.houseBox,
    r.postalCode ?? '',
    r.postalDistrict ?? '',
    r.city ?? '',
    r.gender ?? '',
  ].join(FIELD);
}

export function encodePrepared(records: readonly PreparedRecord[], start = 0, end = records.length): string {
  const parts = new Array<string>(end - start);
  for (let i = start; i < end; i++) parts[i - start] = encodeOne(records[i] as PreparedRecord);
  return parts.join(RECORD);
}

function keys(text: string): NameKeys | null {
  if (text === '') return null;
  const [a = '', b = '', c = '', d = ''] = text.split(ITEM);
  return [a, b, c, d];
}

function decodeOne(row: string): PreparedRecord {
  const f = row.split(FIELD);
  const flags = Number(f[3]);
  return {
    id: f[0] as string,
    firstName: nullable(f[1] as string),
    firstToken: nullable(f[2] as string),
    firstInitialOnly: (flags & 1) !== 0,
    firstKeys: keys(f[4] as string),
    nicknames: f[5] === '' ? NO_GROUPS : items(f[5] as string).map(Number),
    lastName: nullable(f[6] as string),
    lastCore: nullable(f[7] as string),
    lastInitialOnly: (flags & 2) !== 0,
    lastKeys: keys(f[8] as string),
    generation: ((flags >> 2) & 3) as 0 | 1 | 2,
    emails: items(f[9] as string),
    emailLocals: items(f[10] as string),
    emailNamed: f[11] === '' ? NO_FLAGS : Array.from(f[11] as string, (c) => c === '1'),
    phones: items(f[12] as string),
    fixedPhones: items(f[13] as string),
    birthDigits: nullable(f[14] as string),
    birthYear: Number(f[15]),
    street: nullable(f[16] as string),
    houseNumber: nullable(f[17] as string),
    houseBox: f[18] as string,
    postalCode: nullable(f[19] as string),
    postalDistrict: nullable(f[20] as string),
    city: nullable(f[21] as string),
    gender: nullable(f[22] as string) as Gender | null,
  };
}

export function decodePrepared(text: string): PreparedRecord[] {
  if (text === '') return [];
  return text.split(RECORD).map(decodeOne);
}
