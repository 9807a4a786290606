/** Unit tier: how a search box entry is read. */
import { describe, expect, it } from 'vitest';
import {
  oneTypoVariants,
  parseSearch,
  phonePrefixOf,
  prefixUpperBound,
  startsWithOneTypo,
  typoCorrection,
  typoLookupKeys,
} from './searchQuery.ts';

describe('phonePrefixOf', () => {
  it('reads every written form of one Belgian mobile as the same national number', () => {
    for (const typed of ['0475 88', '0475/88', '+32 475 88', '0032 475 88', '+32 (0)475 88', '475 88'])
      expect(phonePrefixOf(typed), typed).toBe('47588');
  });

  it('drops two- and three-digit country codes and waits until the code is complete', () => {
    expect(phonePrefixOf('+31 6 1234')).toBe('61234');
    expect(phonePrefixOf('+49 171 12')).toBe('17112');
    expect(phonePrefixOf('+352 621 1')).toBe('6211');
    expect(phonePrefixOf('+1 212 555')).toBe('212555');
    expect(phonePrefixOf('+32')).toBeNull();
    expect(phonePrefixOf('04')).toBeNull();
  });
});

describe('parseSearch', () => {
  it('reads a plain number as a customer number and as the start of a phone', () => {
    expect(parseSearch(' 1222 ')).toMatchObject({ number: 1222, phonePrefix: '1222', name: false });
    expect(parseSearch('#1222')).toMatchObject({ number: 1222, phonePrefix: null });
    expect(parseSearch('0475 888')).toMatchObject({ number: null, phonePrefix: '475888' });
  });

  it('reads e-mail addresses and their beginnings in lower case', () => {
    expect(parseSearch('Stephanie.W')).toMatchObject({ emailPrefix: 'stephanie.w', name: false });
    expect(parseSearch('x@TELENET')).toMatchObject({ emailPrefix: 'x@telenet' });
  });

  it('takes anything else as a name', () => {
    expect(parseSearch('  Van  den Br ')).toMatchObject({ text: 'Van den Br', name: true, number: null });
    expect(parseSearch("d'Hondt")).toMatchObject({ name: true });
    expect(parseSearch('')).toMatchObject({
      name: false,
      number: null,
      phonePrefix: null,
      emailPrefix: null,
    });
  });
});

describe('startsWithOneTypo', () => {
  it('accepts one wrong, missing, extra or swapped letter in what was typed so far', () => {
    expect(startsWithOneTypo('wachters', 'wahters')).toBe(true); // missing
    expect(startsWithOneTypo('wachters', 'wachtres')).toBe(true); // swapped
    expect(startsWithOneTypo('wachters', 'wacgters')).toBe(true); // wrong
    expect(startsWithOneTypo('wachters', 'wacchters')).toBe(true); // extra
    expect(startsWithOneTypo('wachters', 'wahte')).toBe(true); // prefix with a letter missing
    expect(startsWithOneTypo('stephanie', 'tephanie')).toBe(true); // first letter missing
  });

  it('refuses two typos', () => {
    expect(startsWithOneTypo('stephanie', 'stefanie')).toBe(false);
    expect(startsWithOneTypo('wachters', 'wahtres')).toBe(false);
    expect(startsWithOneTypo('peeters', 'paaters')).toBe(false);
  });
});

describe('prefixUpperBound', () => {
  it('sorts above every longer string with the prefix and below the next prefix', () => {
    const upper = prefixUpperBound('ma');
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    expect(Buffer.compare(bytes('maëlle'), bytes(upper))).toBe(-1);
    expect(Buffer.compare(bytes('mb'), bytes(upper))).toBe(1);
  });
});

describe('oneTypoVariants', () => {
  it('lists each string one typo away, and only those', () => {
    const variants = oneTypoVariants('wahte');
    for (const v of ['wachte', 'wahe', 'awhte', 'wahtr', 'vahte', 'ahte']) expect(variants, v).toContain(v);
    expect(variants).not.toContain('wahte');
    expect(variants.every((v) => startsWithOneTypo(v, 'wahte') || startsWithOneTypo('wahte', v))).toBe(true);
    expect(variants.some((v) => v.startsWith('wahte'))).toBe(false);
    expect(variants.length).toBeLessThan(60 * 5);
  });
});

describe('typo keys', () => {
  /** What migration 0203 stores for a word: each beginning (3–13 letters) and it with a letter left out. */
  function storedKeys(word: string): Map<string, Set<string>> {
    const keys = new Map<string, Set<string>>();
    const put = (key: string, prefix: string) => keys.set(key, (keys.get(key) ?? new Set()).add(prefix));
    for (let l = 3; l <= Math.min(word.length, 13); l++) {
      const prefix = word.slice(0, l);
      put(prefix, prefix);
      if (l >= 4) for (let i = 0; i <= l - 2; i++) put(prefix.slice(0, i) + prefix.slice(i + 1), prefix);
    }
    return keys;
  }
  const corrections = (word: string, typed: string) => {
    const stored = storedKeys(word);
    const found = new Set<string>();
    for (const key of typoLookupKeys(typed))
      for (const prefix of stored.get(key) ?? []) {
        const c = typoCorrection(typed, prefix);
        if (c !== null) found.add(c);
      }
    return [...found];
  };

  it('finds the beginning a typed word means through a shared key, whatever the typo', () => {
    expect(corrections('wachters', 'wahters')).toContain('wachters'); // missing
    expect(corrections('wachters', 'wachtres')).toContain('wachters'); // swapped
    expect(corrections('wachters', 'wacgters')).toContain('wachters'); // wrong
    expect(corrections('wachters', 'wacchters')).toContain('wachters'); // extra
    expect(corrections('wachters', 'wahte')).toContain('wachte'); // a beginning with a letter missing
    expect(corrections('stephanie', 'tephanie')).toContain('stephanie'); // the first letter missing
    expect(corrections('vanderstraeten', 'vandertsraeten')).toContain('vanderstraeten'); // long word
  });

  it('finds exactly the beginnings one typo away, for every typo of every beginning', () => {
    const word = 'vandenbroeck';
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let len = 4; len <= word.length; len++) {
      const prefix = word.slice(0, len);
      const typos = new Set<string>();
      for (let i = 0; i < len; i++) {
        typos.add(prefix.slice(0, i) + prefix.slice(i + 1));
        if (i + 1 < len) typos.add(prefix.slice(0, i) + prefix[i + 1]! + prefix[i]! + prefix.slice(i + 2));
        for (const c of letters) {
          typos.add(prefix.slice(0, i) + c + prefix.slice(i + 1));
          typos.add(prefix.slice(0, i) + c + prefix.slice(i));
        }
      }
      for (const typed of typos) {
        if (typed.length < 4 || word.startsWith(typed)) continue;
        const found = corrections(word, typed);
        // The typed text is found as a beginning of the word one typo away…
        expect(found.length, typed).toBeGreaterThan(0);
        // …and nothing that is not one typo from a beginning is offered.
        for (const c of found)
          expect(startsWithOneTypo(c, typed) || startsWithOneTypo(typed, c), `${typed}→${c}`).toBe(true);
      }
    }
  });

  it('does not offer what the search as typed already finds, nor words two typos away', () => {
    expect(corrections('wachters', 'wachte')).toEqual(['wacht']); // the last letter extra
    expect(corrections('wachters', 'wahtres')).toEqual([]);
    expect(corrections('peeters', 'paaters')).toEqual([]);
  });
});
