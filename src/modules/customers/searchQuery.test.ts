/** Unit tier: how a search box entry is read. */
import { describe, expect, it } from 'vitest';
import {
  oneTypoVariants,
  parseSearch,
  phonePrefixOf,
  prefixUpperBound,
  startsWithOneTypo,
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
