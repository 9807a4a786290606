/**
 * String similarity measures used by the field comparisons. Levenshtein comes from fastest-levenshtein.
 * Jaro-Winkler is written here because it runs in the hot loop (millions of pairs in a whole-file scan):
 * the published packages allocate arrays per call, and names fit in two 32-bit flag words.
 */
export { distance as levenshtein } from 'fastest-levenshtein';

const flagsA: Uint8Array = new Uint8Array(256);
const flagsB: Uint8Array = new Uint8Array(256);

/** Jaro-Winkler similarity in [0, 1] with the usual prefix scale 0.1 and prefix up to 4. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  // Names and e-mail names fit in 32 letters: the matched-letter flags are then two integers.
  const counts = la <= 32 && lb <= 32 ? matchesShort(a, b) : matchesLong(a, b);
  const m = counts >>> 16;
  if (m === 0) return 0;
  const transpositions = counts & 0xffff;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Matches · 2^16 + transpositions, flags kept in two 32-bit integers. */
function matchesShort(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let flagsA = 0;
  let flagsB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > range ? i - range : 0;
    const hi = i + range < lb - 1 ? i + range : lb - 1;
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if ((flagsB & (1 << j)) === 0 && b.charCodeAt(j) === ca) {
        flagsA |= 1 << i;
        flagsB |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if ((flagsA & (1 << i)) === 0) continue;
    while ((flagsB & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return matches * 65536 + transpositions;
}

function matchesLong(a: string, b: string): number {
  const la = Math.min(a.length, 255);
  const lb = Math.min(b.length, 255);
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return matches * 65536 + transpositions;
}

/** Letter keys next to each other on QWERTY, AZERTY and QWERTZ keyboards (rows offset as on a keyboard). */
const KEYBOARD_ROWS: readonly (readonly string[])[] = [
  ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  ['azertyuiop', 'qsdfghjklm', 'wxcvbn'],
  ['qwertzuiop', 'asdfghjkl', 'yxcvbnm'],
];

const neighbours = new Map<string, Set<string>>();
for (const rows of KEYBOARD_ROWS) {
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const key = row.charAt(c);
      const set = neighbours.get(key) ?? new Set<string>();
      neighbours.set(key, set);
      const near = [row.charAt(c - 1), row.charAt(c + 1)];
      const above = rows[r - 1];
      const below = rows[r + 1];
      if (above !== undefined) near.push(above.charAt(c), above.charAt(c + 1));
      if (below !== undefined) near.push(below.charAt(c - 1), below.charAt(c));
      for (const n of near) if (n !== '') set.add(n);
    }
  });
}

/**
 * Whether two spellings are one typing slip apart: a key next to the intended one, a letter typed
 * twice, or two neighbouring letters swapped. Not a letter left out or a vowel changed: those are how
 * related surnames differ (Grouls / Gruls, Maes / Maas), not how fingers slip.
 */
export function typingSlip(x: string, y: string): boolean {
  if (x === y) return false;
  const [long, short] = x.length >= y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  if (long.length === short.length + 1) {
    // A letter typed twice: the extra letter repeats its neighbour.
    const extra = long.charAt(i);
    return (
      long.slice(i + 1) === short.slice(i) && (extra === long.charAt(i - 1) || extra === long.charAt(i + 1))
    );
  }
  if (long.length !== short.length) return false;
  if (long.slice(i + 1) === short.slice(i + 1))
    return neighbours.get(long.charAt(i))?.has(short.charAt(i)) === true;
  return (
    long.charAt(i) === short.charAt(i + 1) &&
    long.charAt(i + 1) === short.charAt(i) &&
    long.slice(i + 2) === short.slice(i + 2)
  );
}
