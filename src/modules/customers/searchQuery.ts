/**
 * How a search box entry is read, before any SQL: pure, so the rules are tested on their own.
 *
 * Staff type a name ("steph", "wachters st", "Van den Br"), a phone in any written form
 * ("0475 88", "+32 475 88 88 88", "0032475…"), an e-mail address or its start, or a customer
 * number ("1222", "#1222"). A phone is compared by its national significant number (digits
 * without country code or trunk zero), the same key migration 0201 stores for every phone.
 */

export interface SearchQuery {
  /** What was typed, trimmed. */
  text: string;
  /** A customer number to look up exactly. */
  number: number | null;
  /** Prefix of a national significant number. */
  phonePrefix: string | null;
  /** Lower-case prefix of an e-mail address. */
  emailPrefix: string | null;
  /** Whether the text may be (part of) a name; its words are folded by the database. */
  name: boolean;
}

/** Letters unaccent turns into other letters (the rest lose their accents by decomposition). */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ð: 'd',
  đ: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ĸ: 'q',
  ŀ: 'l',
  ł: 'l',
  ŋ: 'n',
  ŧ: 't',
};

/**
 * The words of a name as search terms hold them: lower case, accents off, everything but letters
 * and digits a separator — the same as clienteel_name_words in migration 0201 for Latin script
 * (a test compares the two), so a search needs no round trip to fold what was typed.
 */
export function foldWords(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøðđþħıĸŀłŋŧ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

/** ITU-T E.164 country codes are prefix-free: these have one or two digits, all others three. */
const COUNTRY_CODE = /^(1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})/;
const PHONE_LIKE = /^\+?[\d\s()./-]+$/;
const MIN_PHONE_DIGITS = 3;

/**
 * The national-significant-number prefix of a typed phone fragment, or null when it has too few
 * digits: "+32 475 88" and "0032 475 88" → "47588" (country code dropped), "0475 88" → "47588"
 * (trunk zero dropped), "475 88" → "47588".
 */
export function phonePrefixOf(typed: string): string | null {
  // "+32 (0)475 …": the trunk zero in brackets is not dialled from abroad.
  const trimmed = typed.trim().replace(/\(0\)/g, '');
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  if (trimmed.startsWith('+') || digits.startsWith('00')) {
    digits = digits.replace(/^00/, '');
    const cc = COUNTRY_CODE.exec(digits);
    // Until the country code is complete there is nothing to compare yet.
    digits = cc ? digits.slice(cc[0].length) : '';
  } else {
    digits = digits.replace(/^0+/, '');
  }
  return digits.length > 0 ? digits : null;
}

export function parseSearch(input: string): SearchQuery {
  const text = input.replace(/\s+/g, ' ').trim();
  const empty: SearchQuery = { text, number: null, phonePrefix: null, emailPrefix: null, name: false };
  if (text === '') return empty;

  const numbered = /^#\s*(\d{1,9})$/.exec(text);
  if (numbered) return { ...empty, number: Number(numbered[1]) };

  if (PHONE_LIKE.test(text)) {
    const plainNumber = /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
    return { ...empty, number: plainNumber, phonePrefix: phonePrefixOf(text) };
  }

  // An e-mail address has no spaces and an @ or a dot; names have neither.
  if (!text.includes(' ') && /[@._]/.test(text)) return { ...empty, emailPrefix: text.toLowerCase() };

  return { ...empty, name: true };
}

/**
 * The smallest string above every string that starts with `prefix`, for a range scan of a C
 * collation B-tree (`term >= prefix AND term < upper`): U+10FFFF is the highest code point, and
 * UTF-8 keeps code point order in byte order.
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/**
 * The beginning of `word` that `typed` is with one typo — one letter wrong, missing, extra, or two
 * neighbours swapped (optimal string alignment distance ≤ 1 between `typed` and a prefix of `word`
 * one shorter, as long or one longer) — or null. The shortest such beginning, so corrections of
 * one typed word into many dictionary words collapse into a few prefixes ("vann" → "van").
 */
export function oneTypoPrefix(word: string, typed: string): string | null {
  if (typed.length === 0) return '';
  for (const len of [typed.length - 1, typed.length, typed.length + 1]) {
    if (len < 1 || len > word.length) continue;
    const prefix = word.slice(0, len);
    if (osaDistanceAtMostOne(prefix, typed)) return prefix;
  }
  return null;
}

export function startsWithOneTypo(word: string, typed: string): boolean {
  return oneTypoPrefix(word, typed) !== null;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every string one typo away from `typed` — a letter dropped, swapped with its neighbour,
 * replaced or added (a-z, as folded names are) — that could start a different word: additions at
 * the end are left out, the search as typed covers them. Bounded (about 55 per letter typed), so
 * the database checks which of them start a word with one index probe each, whatever the size of
 * the file.
 */
export function oneTypoVariants(typed: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < typed.length; i++) {
    out.add(typed.slice(0, i) + typed.slice(i + 1));
    if (i + 1 < typed.length) out.add(typed.slice(0, i) + typed[i + 1]! + typed[i]! + typed.slice(i + 2));
    for (const c of LETTERS) {
      out.add(typed.slice(0, i) + c + typed.slice(i + 1));
      out.add(typed.slice(0, i) + c + typed.slice(i));
    }
  }
  return [...out].filter((v) => v !== '' && !v.startsWith(typed));
}

/**
 * Typed words are looked up in the typo keys (migration 0203) by their first TYPO_KEY_LETTERS
 * letters: the keys hold beginnings of up to one letter more, so every correction of those
 * letters is found. A typo later in a longer word is found by probing its variants instead.
 */
export const TYPO_KEY_LETTERS = 12;

/**
 * The keys a typed word is looked up by: its first TYPO_KEY_LETTERS letters as typed and with each
 * letter left out. A beginning of a name word is one typo from them only if it has one of these
 * keys (it is stored under itself and under itself with one letter left out).
 */
export function typoLookupKeys(typed: string): string[] {
  const head = typed.slice(0, TYPO_KEY_LETTERS);
  const keys = new Set([head]);
  for (let i = 0; i < head.length; i++) keys.add(head.slice(0, i) + head.slice(i + 1));
  return [...keys].filter((k) => k.length >= 3);
}

/**
 * The corrections of `typed` a looked-up beginning stands for: the beginning followed by the rest
 * of the typed word, when the beginning is one typo from the typed head and the correction does
 * not start with the word as typed (the search as typed covers those). Null otherwise.
 */
export function typoCorrection(typed: string, prefix: string): string | null {
  const head = typed.slice(0, TYPO_KEY_LETTERS);
  if (!osaDistanceAtMostOne(prefix, head)) return null;
  const corrected = prefix + typed.slice(TYPO_KEY_LETTERS);
  return corrected === '' || corrected.startsWith(typed) ? null : corrected;
}

/** At most one typo between `a` and `b`: a letter wrong, missing or extra, or two neighbours swapped. */
export function osaDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One substitution, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One letter more in the longer string.
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
