/**
 * The ways a name gets written differently for the same person: typos, phonetic spellings,
 * nicknames, particles, umlauts, accents and case. Each function takes a name and returns a
 * different written form of it, or the name unchanged when the error does not apply.
 */
import { NICKNAMES, PHONETIC_GROUPS } from './names.ts';
import type { Rng } from './random.ts';

const phoneticIndex = new Map<string, readonly string[]>();
for (const group of PHONETIC_GROUPS) for (const name of group) phoneticIndex.set(name.toLowerCase(), group);

const nicknameIndex = new Map<string, readonly string[]>();
for (const [formal, shorts] of Object.entries(NICKNAMES)) {
  nicknameIndex.set(formal.toLowerCase(), shorts);
  for (const short of shorts) {
    const back = nicknameIndex.get(short.toLowerCase()) ?? [];
    nicknameIndex.set(short.toLowerCase(), [...back, formal]);
  }
}

/** Neighbouring keys on AZERTY/QWERTY/QWERTZ keyboards (the union, which is what a typo looks like). */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qszw',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'zrdsw',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'uojk',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kopm',
  m: 'njkl',
  n: 'bhjm',
  o: 'iplk',
  p: 'olm',
  q: 'wasz',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asxe',
};

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);

/** One keyboard slip: substitution by a neighbouring key, a dropped, doubled or transposed letter. */
export function typo(name: string, rng: Rng): string {
  if (name.length < 3) return name;
  for (let attempt = 0; attempt < 6; attempt++) {
    const i = rng.int(1, name.length - 1); // people rarely mistype the first letter
    const ch = name[i] ?? '';
    if (!isLetter(ch)) continue;
    const kind = rng.int(0, 3);
    let out: string;
    if (kind === 0) {
      const options = NEIGHBOURS[ch.toLowerCase()];
      if (!options) continue;
      const sub = rng.pick([...options]);
      out = name.slice(0, i) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + name.slice(i + 1);
    } else if (kind === 1) {
      out = name.slice(0, i) + name.slice(i + 1);
    } else if (kind === 2) {
      out = name.slice(0, i) + ch + name.slice(i);
    } else {
      const next = name[i + 1];
      if (next === undefined || !isLetter(next) || next === ch) continue;
      out = name.slice(0, i) + next + ch + name.slice(i + 2);
    }
    if (out !== name) return out;
  }
  return name;
}

/** Spelling rules that keep the sound, tried when a name is in no phonetic group. */
const SOUND_RULES: readonly (readonly [RegExp, string])[] = [
  [/ph/, 'f'],
  [/f(?=[aeiou])/, 'ph'],
  [/ck/, 'k'],
  [/c(?=[aou])/, 'k'],
  [/k(?=[aou])/, 'c'],
  [/ij/, 'y'],
  [/y(?=[^aeiou]|$)/, 'ij'],
  [/ei/, 'ey'],
  [/ey/, 'ei'],
  [/ae/, 'aa'],
  [/aa/, 'ae'],
  [/dt$/, 't'],
  [/th/, 't'],
  [/ss/, 's'],
  [/([^s])s$/, '$1ss'],
  [/ee/, 'e'],
  [/ie/, 'i'],
  [/oe/, 'ou'],
  [/ou/, 'oe'],
  [/tz/, 'z'],
  [/x$/, 'cks'],
  [/mm/, 'm'],
  [/nn/, 'n'],
  [/ll/, 'l'],
  [/tt/, 't'],
];

/** Another spelling that sounds the same (Stephanie → Stefanie, Claes → Claeys). */
export function phonetic(name: string, rng: Rng): string {
  const group = phoneticIndex.get(name.toLowerCase());
  if (group) {
    const others = group.filter((g) => g.toLowerCase() !== name.toLowerCase());
    if (others.length > 0) return rng.pick(others);
  }
  const lower = name.toLowerCase();
  const applicable = SOUND_RULES.filter(([re]) => re.test(lower));
  if (applicable.length === 0) return name;
  const [re, replacement] = rng.pick(applicable);
  const changed = lower.replace(re, replacement);
  return matchCase(changed, name);
}

/**
 * Whether two given names are forms of one name (equal, a nickname of each other, or a spelling of
 * the same sound): Maria / Mia, Stephanie / Stefanie.
 */
export function formsOfOneName(a: string, b: string): boolean {
  const forms = (name: string): Set<string> => {
    const x = name.toLowerCase();
    const out = new Set([x, ...(phoneticIndex.get(x) ?? []).map((n) => n.toLowerCase())]);
    for (const n of nicknameIndex.get(x) ?? []) {
      out.add(n.toLowerCase());
      for (const m of nicknameIndex.get(n.toLowerCase()) ?? []) out.add(m.toLowerCase());
    }
    return out;
  };
  const fa = forms(a);
  for (const f of forms(b)) if (fa.has(f)) return true;
  return false;
}

export function hasNickname(firstName: string): boolean {
  return nicknameIndex.has(firstName.toLowerCase());
}

/** The short form (or the formal form of a short one): Elisabeth → Liesbeth, Jan → Johannes. */
export function nickname(firstName: string, rng: Rng): string {
  const options = nicknameIndex.get(firstName.toLowerCase());
  return options && options.length > 0 ? rng.pick(options) : firstName;
}

const PARTICLES =
  /^(van der|van den|van de|van 't|van|von der|von dem|von|vom|de la|de|der|den|ter|ten|te|d'|du|le|la)\s+/i;

export function particleOf(lastName: string): string | null {
  const m = PARTICLES.exec(lastName);
  return m ? (m[1] ?? null) : null;
}

/**
 * Another written form of a surname with a particle: Van den Broeck → Vandenbroeck, vd Broeck,
 * Broeck, Van den. Returns the name unchanged when it has no particle.
 */
export function particleVariant(lastName: string, rng: Rng): string {
  const particle = particleOf(lastName);
  if (!particle) return lastName;
  const core = lastName.slice(particle.length).trim();
  const abbreviation = particle
    .split(/\s+/)
    .map((w) => w[0]?.toLowerCase() ?? '')
    .join('');
  const options = [
    capitalize(particle.replace(/\s+/g, '').toLowerCase()) + core.toLowerCase(), // Vandenbroeck
    titleWords(particle) + ' ' + core, // Van Den Broeck
    particle.toLowerCase() + ' ' + core, // van den Broeck
    capitalize(particle.toLowerCase()) + ' ' + core, // Van den Broeck
    `${core}, ${particle.toLowerCase()}`, // Broeck, van den
    core, // particle dropped
  ];
  if (abbreviation.length > 1) options.push(`${abbreviation}. ${core}`, `${abbreviation} ${core}`); // vd Broeck
  const different = options.filter((o) => o !== lastName);
  return rng.pick(different);
}

const UMLAUTS: readonly (readonly [string, string, string])[] = [
  ['ä', 'ae', 'a'],
  ['ö', 'oe', 'o'],
  ['ü', 'ue', 'u'],
  ['Ä', 'Ae', 'A'],
  ['Ö', 'Oe', 'O'],
  ['Ü', 'Ue', 'U'],
];

/** Müller → Mueller or Muller, Weiß → Weiss; unchanged when there is no umlaut or ß. */
export function umlautVariant(name: string, rng: Rng): string {
  let out = name.replace(/ß/g, 'ss');
  const transcribe = rng.chance(0.65);
  for (const [u, two, one] of UMLAUTS) out = out.split(u).join(transcribe ? two : one);
  return out;
}

/** Stéphanie → Stephanie, François → Francois, Zoë → Zoe. */
export function stripAccents(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

export function hasDiacritics(name: string): boolean {
  return stripAccents(name) !== name || name.includes('ß');
}

export function caseVariant(name: string, rng: Rng): string {
  const style = rng.int(0, 2);
  if (style === 0) return name.toLowerCase();
  if (style === 1) return name.toUpperCase();
  return titleWords(name.toLowerCase());
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : (s[0] ?? '').toUpperCase() + s.slice(1);
}

export function titleWords(s: string): string {
  return s.replace(/(^|[\s\-'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Applies the case pattern of `model` (all lower, all upper or mixed) to `s`. */
function matchCase(s: string, model: string): string {
  if (model === model.toUpperCase()) return s.toUpperCase();
  if (model === model.toLowerCase()) return s.toLowerCase();
  return titleWords(s);
}
