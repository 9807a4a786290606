/**
 * How a customer's prepared match features are stored in `customer_match_features.features`: one line
 * of text, fields separated by U+001F and list items by U+001E, null written as U+0015. A whole-tenant
 * scan reads a million of these through COPY; compared with a JSON object per customer this is about
 * half the bytes, needs no CSV quoting (no commas, quotes or newlines), and splits faster than JSON
 * parses.
 *
 * The first field is the layout, a fingerprint of the field list below: rows written under another
 * layout (the matching core added or renamed a feature) decode to null, and `reindexTenant` rebuilds them.
 */
import type { NameKeys, PreparedRecord } from '../../core/matching/index.ts';

type Kind = 'string' | 'bool' | 'int' | 'strings' | 'ints' | 'bools' | 'keys';

/** Every field of a PreparedRecord except its id (the row's customer_id), in storage order, with its kind. */
const FEATURE_FIELDS = [
  ['firstName', 'string'],
  ['firstToken', 'string'],
  ['firstInitialOnly', 'bool'],
  ['firstKeys', 'keys'],
  ['nicknames', 'ints'],
  ['lastName', 'string'],
  ['lastCore', 'string'],
  ['lastInitialOnly', 'bool'],
  ['lastKeys', 'keys'],
  ['generation', 'int'],
  ['emails', 'strings'],
  ['emailLocals', 'strings'],
  ['emailNamed', 'bools'],
  ['phones', 'strings'],
  ['fixedPhones', 'strings'],
  ['birthDigits', 'string'],
  ['birthYear', 'int'],
  ['street', 'string'],
  ['houseNumber', 'string'],
  ['houseBox', 'string'],
  ['postalCode', 'string'],
  ['postalDistrict', 'string'],
  ['city', 'string'],
  ['gender', 'string'],
] as const satisfies readonly (readonly [Exclude<keyof PreparedRecord, 'id'>, Kind])[];

// A PreparedRecord field missing above fails the type check here (and the round-trip test).
type Unlisted = Exclude<keyof PreparedRecord, 'id' | (typeof FEATURE_FIELDS)[number][0]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

const FIELD_SEP = '\u001f';
const ITEM_SEP = '\u001e';
const NULL = '\u0015';

/** Control characters (the separators among them) have no meaning in a feature: written as spaces. */
function clean(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 32) {
      let out = '';
      for (const ch of text) out += ch.charCodeAt(0) < 32 ? ' ' : ch;
      return out;
    }
  }
  return text;
}

function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export const FEATURE_LAYOUT = fingerprint(FEATURE_FIELDS.map(([k, kind]) => `${k}:${kind}`).join(','));

function encodeValue(kind: Kind, value: unknown): string {
  if (value === null || value === undefined) return NULL;
  switch (kind) {
    case 'string':
      return clean(value as string);
    case 'bool':
      return value ? '1' : '0';
    case 'int':
      return String(value);
    case 'bools':
      return (value as boolean[]).map((b) => (b ? '1' : '0')).join(ITEM_SEP);
    case 'ints':
      return (value as number[]).join(ITEM_SEP);
    case 'strings':
    case 'keys':
      return (value as string[]).map(clean).join(ITEM_SEP);
  }
}

function decodeValue(kind: Kind, text: string): unknown {
  if (text === NULL) return null;
  switch (kind) {
    case 'string':
      return text;
    case 'bool':
      return text === '1';
    case 'int':
      return Number(text);
    case 'bools':
      return text === '' ? [] : text.split(ITEM_SEP).map((b) => b === '1');
    case 'ints':
      return text === '' ? [] : text.split(ITEM_SEP).map(Number);
    case 'strings':
      return text === '' ? [] : text.split(ITEM_SEP);
    case 'keys':
      return text.split(ITEM_SEP);
  }
}

export function encodeFeatures(record: PreparedRecord): string {
  const parts = new Array<string>(FEATURE_FIELDS.length + 1);
  parts[0] = FEATURE_LAYOUT;
  for (let i = 0; i < FEATURE_FIELDS.length; i++) {
    const [key, kind] = FEATURE_FIELDS[i]!;
    parts[i + 1] = encodeValue(kind, record[key]);
  }
  return parts.join(FIELD_SEP);
}

/** Whether stored text was written under the current layout (decodeFeatures will not return null). */
export function isCurrentLayout(stored: string): boolean {
  return stored.startsWith(FEATURE_LAYOUT + FIELD_SEP);
}

/** The record stored for `customerId`, or null when the text was written under another layout. */
export function decodeFeatures(customerId: string, stored: string): PreparedRecord | null {
  const parts = stored.split(FIELD_SEP);
  if (parts[0] !== FEATURE_LAYOUT || parts.length !== FEATURE_FIELDS.length + 1) return null;
  const record: Record<string, unknown> = { id: customerId };
  for (let i = 0; i < FEATURE_FIELDS.length; i++) {
    const [key, kind] = FEATURE_FIELDS[i]!;
    record[key] = decodeValue(kind, parts[i + 1]!);
  }
  return record as unknown as PreparedRecord;
}

/** decodeFeatureList below reads the fields by position; it must follow FEATURE_FIELDS. */
const LIST_ORDER =
  'firstName,firstToken,firstInitialOnly,firstKeys,nicknames,lastName,lastCore,lastInitialOnly,lastKeys,' +
  'generation,emails,emailLocals,emailNamed,phones,fixedPhones,birthDigits,birthYear,street,houseNumber,' +
  'houseBox,postalCode,postalDistrict,city,gender';
if (FEATURE_FIELDS.map(([key]) => key).join(',') !== LIST_ORDER)
  throw new Error('features.ts: decodeFeatureList does not follow FEATURE_FIELDS');

const NO_ITEMS: readonly never[] = Object.freeze([]);
const text = (t: string): string | null => (t === NULL ? null : t);
const list = (t: string): string[] => (t === '' ? (NO_ITEMS as never[]) : t.split(ITEM_SEP));

/** One value for all records that store the same text (name keys, nickname groups, flags). */
class Pool<T> {
  private readonly seen = new Map<string, T>();
  private readonly read: (t: string) => T;
  constructor(read: (t: string) => T) {
    this.read = read;
  }
  get(t: string): T {
    let value = this.seen.get(t);
    if (value === undefined) {
      value = this.read(t);
      this.seen.set(t, value);
    }
    return value;
  }
}

/**
 * A whole file of stored features at once (the scan's worker threads): the same records as
 * decodeFeatures row by row, but each built as one object literal (one shape; adding 24 properties
 * one by one cost about twice the time and four times the memory at a million records), with the
 * name keys, nickname groups and e-mail flags that many customers share held once, and empty lists
 * one shared array. The records must not be changed (the matching core never does). Throws on a
 * row of another layout.
 */
export function decodeFeatureList(ids: readonly string[], texts: readonly string[]): PreparedRecord[] {
  const keys = new Pool((t) => (t === NULL ? null : (t.split(ITEM_SEP) as NameKeys)));
  const ints = new Pool((t) => (t === '' ? (NO_ITEMS as never[]) : t.split(ITEM_SEP).map(Number)));
  const bools = new Pool((t) => (t === '' ? (NO_ITEMS as never[]) : t.split(ITEM_SEP).map((b) => b === '1')));
  const out = new Array<PreparedRecord>(ids.length);
  const width = FEATURE_FIELDS.length + 1;
  for (let r = 0; r < ids.length; r++) {
    const p = texts[r]!.split(FIELD_SEP);
    if (p[0] !== FEATURE_LAYOUT || p.length !== width)
      throw new Error(`features of ${ids[r]} were written under another layout`);
    out[r] = {
      id: ids[r]!,
      firstName: text(p[1]!),
      firstToken: text(p[2]!),
      firstInitialOnly: p[3] === '1',
      firstKeys: keys.get(p[4]!),
      nicknames: ints.get(p[5]!),
      lastName: text(p[6]!),
      lastCore: text(p[7]!),
      lastInitialOnly: p[8] === '1',
      lastKeys: keys.get(p[9]!),
      generation: Number(p[10]) as PreparedRecord['generation'],
      emails: list(p[11]!),
      emailLocals: list(p[12]!),
      emailNamed: bools.get(p[13]!),
      phones: list(p[14]!),
      fixedPhones: list(p[15]!),
      birthDigits: text(p[16]!),
      birthYear: Number(p[17]),
      street: text(p[18]!),
      houseNumber: text(p[19]!),
      houseBox: text(p[20]!) as string,
      postalCode: text(p[21]!),
      postalDistrict: text(p[22]!),
      city: text(p[23]!),
      gender: text(p[24]!) as PreparedRecord['gender'],
    };
  }
  return out;
}
