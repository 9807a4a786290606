/**
 * Telephone numbers of Belgium, the Netherlands and Germany, and the many ways people write them.
 * A number is kept as country code + national significant number; what ends up in a record is one
 * written form of it, chosen like a front desk, an online form or an old export would write it.
 */
import type { Rng } from './random.ts';

export type PhoneCountry = 'BE' | 'NL' | 'DE';

export interface Phone {
  country: PhoneCountry;
  /** Area code or mobile prefix without the trunk 0: '475', '6', '171', '3', '20', '241'. */
  area: string;
  /** The subscriber digits after the area code. */
  subscriber: string;
}

const CALLING_CODE: Readonly<Record<PhoneCountry, string>> = { BE: '32', NL: '31', DE: '49' };

const BE_MOBILE = [
  '470',
  '471',
  '472',
  '473',
  '474',
  '475',
  '476',
  '477',
  '478',
  '479',
  '483',
  '484',
  '485',
  '486',
  '487',
  '488',
  '489',
  '491',
  '492',
  '493',
  '494',
  '495',
  '496',
  '497',
  '498',
  '499',
  '456',
  '460',
];
const DE_MOBILE = [
  '151',
  '152',
  '157',
  '159',
  '160',
  '162',
  '163',
  '170',
  '171',
  '172',
  '173',
  '174',
  '175',
  '176',
  '177',
  '178',
  '179',
];

/** Random subscriber digits that do not look made up (no first digit 0, not all one digit). */
function subscriberDigits(rng: Rng, count: number, firstDigits: readonly [number, number] = [1, 9]): string {
  for (;;) {
    const s = String(rng.int(firstDigits[0], firstDigits[1])) + rng.digits(count - 1);
    if (!/^(\d)\1+$/.test(s)) return s;
  }
}

export function makeMobile(country: PhoneCountry, rng: Rng): Phone {
  if (country === 'BE') return { country, area: rng.pick(BE_MOBILE), subscriber: subscriberDigits(rng, 6) };
  if (country === 'NL') return { country, area: '6', subscriber: String(rng.int(1, 5)) + rng.digits(7) };
  const area = rng.pick(DE_MOBILE);
  return { country, area, subscriber: subscriberDigits(rng, area.startsWith('15') ? 8 : 7) };
}

/** A landline in the given area: BE and NL numbers have 8 and 9 national digits, German ones vary. */
export function makeLandline(country: PhoneCountry, area: string, rng: Rng): Phone {
  const length = country === 'BE' ? 8 - area.length : country === 'NL' ? 9 - area.length : 10 - area.length;
  return { country, area, subscriber: subscriberDigits(rng, Math.max(5, length), [2, 8]) };
}

export function phoneE164(p: Phone): string {
  return `+${CALLING_CODE[p.country]}${p.area}${p.subscriber}`;
}

export function samePhone(a: Phone | null, b: Phone | null): boolean {
  return (
    a !== null && b !== null && a.country === b.country && a.area + a.subscriber === b.area + b.subscriber
  );
}

const pairs = (s: string): string => s.replace(/(\d\d)(?=\d)/g, '$1 ').trim();
/** Belgian grouping: pairs, but an odd-length number starts with a group of three (03 123 45 67). */
const pairsOdd = (s: string): string =>
  s.length % 2 === 1 ? `${s.slice(0, 3)} ${pairs(s.slice(3))}`.trim() : pairs(s);
const triples = (s: string): string => s.replace(/(\d{3})(?=\d)/g, '$1 ');

export type PhoneStyle =
  | 'local_pairs' // 0475 88 88 88
  | 'local_dots' // 0475/88.88.88
  | 'local_triples' // 0475 888 888
  | 'local_space' // 0475 888888, 06 12345678, 0171 1234567
  | 'local_dash' // 06-12345678
  | 'local_slash' // 0171/1234567
  | 'local_compact' // 0475888888
  | 'intl_spaced' // +32 475 88 88 88
  | 'intl_compact' // +32475888888
  | 'intl_00' // 0032475888888
  | 'intl_trunk'; // +32 (0)475 88 88 88

export function formatPhone(p: Phone, style: PhoneStyle): string {
  const cc = CALLING_CODE[p.country];
  const sub = p.subscriber;
  const grouped = p.country === 'BE' ? pairsOdd(sub) : sub;
  switch (style) {
    case 'local_pairs':
      return `0${p.area} ${pairsOdd(sub)}`;
    case 'local_dots':
      return `0${p.area}/${pairsOdd(sub).replace(/ /g, '.')}`;
    case 'local_triples':
      return `0${p.area} ${triples(sub)}`;
    case 'local_space':
      return `0${p.area} ${sub}`;
    case 'local_dash':
      return `0${p.area}-${sub}`;
    case 'local_slash':
      return `0${p.area}/${sub}`;
    case 'local_compact':
      return `0${p.area}${sub}`;
    case 'intl_spaced':
      return `+${cc} ${p.area} ${grouped}`;
    case 'intl_compact':
      return `+${cc}${p.area}${sub}`;
    case 'intl_00':
      return `00${cc}${p.area}${sub}`;
    case 'intl_trunk':
      return `+${cc} (0)${p.area} ${grouped}`;
  }
}

type StyleWeights = Partial<Record<PhoneStyle, number>>;

/** How each country writes its numbers at the desk (local forms dominate). */
const DESK_STYLES: Readonly<Record<PhoneCountry, StyleWeights>> = {
  BE: {
    local_pairs: 40,
    local_dots: 15,
    local_triples: 8,
    local_space: 5,
    local_compact: 15,
    intl_spaced: 8,
    intl_compact: 4,
    intl_00: 3,
    intl_trunk: 2,
  },
  NL: {
    local_dash: 30,
    local_space: 20,
    local_compact: 25,
    local_pairs: 5,
    intl_spaced: 10,
    intl_compact: 6,
    intl_00: 3,
    intl_trunk: 1,
  },
  DE: {
    local_space: 35,
    local_slash: 15,
    local_dash: 8,
    local_compact: 20,
    intl_spaced: 12,
    intl_compact: 5,
    intl_00: 4,
    intl_trunk: 1,
  },
};

/** Online forms: mostly compact, often international because of phone autofill. */
const ONLINE_STYLES: StyleWeights = { local_compact: 50, intl_compact: 30, intl_spaced: 10, local_space: 10 };
/** Old exports: machine formats. */
const IMPORT_STYLES: StyleWeights = { intl_00: 35, intl_compact: 30, local_compact: 20, intl_spaced: 15 };

export type PhoneWriter = 'desk' | 'online' | 'import';

export function writePhone(p: Phone, writer: PhoneWriter, rng: Rng): string {
  const weights =
    writer === 'online' ? ONLINE_STYLES : writer === 'import' ? IMPORT_STYLES : DESK_STYLES[p.country];
  return formatPhone(p, rng.weighted(weights as Record<PhoneStyle, number>));
}
