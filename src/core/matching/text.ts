/**
 * Text folding shared by every normaliser: one spelling per letter so that "Müller", "Mueller" and
 * "MULLER" can be compared. German umlauts are folded to the bare vowel (ü → u) and the two-letter
 * spelling (ue) is folded to the same vowel by the name normaliser, because registration forms without
 * umlaut keys produce both.
 */

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ı: 'i',
  ĳ: 'ij',
  Ĳ: 'ij',
};

/** Lower-case, strip accents and diacritics, map ß/ø/æ/œ, keep letters, digits and single spaces. */
export function foldText(input: string): string {
  let s = input.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[ßẞøØæÆœŒłŁđĐıĳĲ]/g, (c) => SPECIAL[c] ?? c);
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Folded text with the German two-letter umlaut spellings reduced too (mueller → muller). "que" is
 * French spelling, never an umlaut (Daquet, Jacques).
 */
export function foldUmlautSpelling(folded: string): string {
  return folded
    .replace(/([^aeiou]|^)ae/g, '$1a')
    .replace(/oe(?!i)/g, 'o')
    .replace(/(^|[^q])ue/g, '$1u');
}

/** Empty or whitespace-only values count as missing. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}
