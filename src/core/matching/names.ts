/**
 * Name normalisation: one comparable spelling per first and last name, whatever the case, spacing,
 * accents, umlaut spelling, particle placement ("Van den Broeck" / "Vandenbroeck" / "Broeck, van den")
 * or the order the customer typed them in.
 */
import { foldText, foldUmlautSpelling } from './text.ts';

/** Surname particles of Dutch, Flemish, German and French names, written folded. */
const PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'von',
  'vom',
  'der',
  'den',
  'de',
  'het',
  't',
  'ter',
  'ten',
  'te',
  'la',
  'le',
  'du',
  'des',
  'd',
  'vander',
  'vanden',
  'vande',
  'zu',
  'zum',
  'zur',
  'am',
  'auf',
  'dem',
  'del',
  'della',
  'di',
  'da',
  'op',
  'in',
  'l',
]);

/** Whether a folded token is a surname particle (van, de, von, du …). */
export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

/** Particles that may be glued to the name ("Vandenbroeck", "Desmet", "Verhoeven" is NOT one). */
const GLUED_PARTICLES: readonly string[] = [
  'vanden',
  'vander',
  'vande',
  'vonder',
  'van',
  'von',
  'ten',
  'ter',
  'des',
  'de',
  'le',
  'la',
  'du',
];

/** Titles and suffixes that carry no identity. */
const NOISE: ReadonlySet<string> = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mevr',
  'mevrouw',
  'dhr',
  'heer',
  'mme',
  'mlle',
  'm',
  'herr',
  'frau',
  'prof',
  'ir',
  'ing',
  'sir',
]);

/** Generational suffixes: 1 = junior, 2 = senior. They tell a father from his namesake son. */
const GENERATION: Readonly<Record<string, 1 | 2>> = {
  jr: 1,
  junior: 1,
  jun: 1,
  jnr: 1,
  sr: 2,
  senior: 2,
  sen: 2,
  snr: 2,
};

/** 0 when no generational suffix was written, 1 junior, 2 senior. */
export type Generation = 0 | 1 | 2;

/**
 * Splits a generational suffix off the end of a token list ("Jan Jr", "Peeters sen"). Only the last
 * token counts, and never when nothing but particles would be left: "Sen" can be a name, and
 * "van sen Berg" is a slip for "van den Berg", not a senior.
 */
function takeGeneration(tokens: string[]): { tokens: string[]; generation: Generation } {
  const g = GENERATION[tokens[tokens.length - 1] ?? ''];
  if (g === undefined) return { tokens, generation: 0 };
  const kept = tokens.slice(0, -1);
  if (kept.every((t) => PARTICLES.has(t))) return { tokens, generation: 0 };
  return { tokens: kept, generation: g };
}

export interface NormalisedLastName {
  /** All tokens glued, particles included: "vandenbroeck". */
  full: string;
  /** Without leading particles, glued or separate: "broeck". */
  core: string;
  /** True when only an initial was given ("P."), as staff type it in the agenda. */
  initialOnly: boolean;
  generation: Generation;
}

/**
 * Normalise a surname. A trailing ", van den" (directory order) is moved to the front; particles are kept
 * in `full` (they distinguish "de Vries" from "Vries" only weakly) and stripped in `core`.
 */
export function normaliseLastName(raw: string | null): NormalisedLastName | null {
  if (raw === null) return null;
  let text = raw;
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const after = foldText(text.slice(comma + 1))
      .split(' ')
      .filter((t) => t !== '');
    if (after.length > 0 && after.every((t) => PARTICLES.has(t))) {
      text = `${text.slice(comma + 1)} ${text.slice(0, comma)}`;
    }
  }
  const split = takeGeneration(
    foldText(text)
      .split(' ')
      .filter((t) => t !== '' && !NOISE.has(t)),
  );
  const tokens = split.tokens;
  if (tokens.length === 0) return null;
  const full = foldUmlautSpelling(tokens.join(''));
  let start = 0;
  while (start < tokens.length - 1 && PARTICLES.has(tokens[start] ?? '')) start++;
  let core = foldUmlautSpelling(tokens.slice(start).join(''));
  if (start === 0) core = stripGluedParticle(core);
  return { full, core, initialOnly: full.length === 1, generation: split.generation };
}

function stripGluedParticle(glued: string): string {
  for (const p of GLUED_PARTICLES) {
    if (glued.startsWith(p) && glued.length - p.length >= 4) return glued.slice(p.length);
  }
  return glued;
}

export interface NormalisedFirstName {
  /** All given names glued: "marielouise". */
  full: string;
  /** First given name: "marie". */
  first: string;
  /** Each given name separately. */
  tokens: string[];
  /** True when only an initial was given ("J." or "J"). */
  initialOnly: boolean;
  generation: Generation;
}

/** Normalise a given name: "Marie-Louise", "marie louise" and "MARIE LOUISE" are the same. */
export function normaliseFirstName(raw: string | null): NormalisedFirstName | null {
  if (raw === null) return null;
  const split = takeGeneration(
    foldText(raw)
      .split(' ')
      .filter((t) => t !== '' && !NOISE.has(t) && !/^\d/.test(t)),
  );
  const tokens = split.tokens.map(foldUmlautSpelling);
  if (tokens.length === 0) return null;
  const initialOnly = tokens.every((t) => t.length === 1);
  return { full: tokens.join(''), first: tokens[0] ?? '', tokens, initialOnly, generation: split.generation };
}
