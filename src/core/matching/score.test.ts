import { describe, expect, it } from 'vitest';
import { blockingKeys, generateCandidatePairs } from './blocking.ts';
import { dedupe } from './dedupe.ts';
import { explain } from './explain.ts';
import { DEFAULT_MODEL } from './model.ts';
import { prepareRecord } from './prepare.ts';
import { scorePair } from './score.ts';
import type { MatchRecord } from './types.ts';

const base: Omit<MatchRecord, 'id'> = {
  firstName: null,
  lastName: null,
  gender: null,
  email: null,
  mobile: null,
  landline: null,
  phone2: null,
  birthDate: null,
  street: null,
  houseNumber: null,
  postalCode: null,
  city: null,
  country: 'BE',
};
const rec = (id: string, fields: Partial<MatchRecord>): MatchRecord => ({ ...base, id, ...fields });
const score = (a: MatchRecord, b: MatchRecord) =>
  scorePair(prepareRecord(a), prepareRecord(b), DEFAULT_MODEL);

const stephanie = rec('s1', {
  firstName: 'Stephanie',
  lastName: 'Wahters',
  email: 'stephaniewachters@telenet.be',
  mobile: '0475 888 888',
});
const stefanie = rec('s2', {
  firstName: 'stefanie',
  lastName: 'wachters',
  email: 'stefaniew@hotmail.com',
  mobile: '0475888888',
});

const home = {
  street: 'Kerkstraat',
  houseNumber: '12',
  postalCode: '9000',
  city: 'Gent',
  mobile: '0475 12 34 56',
};
const mother = rec('m', {
  ...home,
  firstName: 'Katrien',
  lastName: 'Peeters',
  gender: 'female',
  birthDate: '1982-04-11',
});
const child = rec('c', {
  ...home,
  firstName: 'Lotte',
  lastName: 'Peeters',
  gender: 'child',
  birthDate: '2015-09-02',
});
const twinA = rec('t1', {
  ...home,
  firstName: 'Jonas',
  lastName: 'Claes',
  gender: 'male',
  birthDate: '2001-06-15',
});
const twinB = rec('t2', {
  ...home,
  firstName: 'Lucas',
  lastName: 'Claes',
  gender: 'male',
  birthDate: '2001-06-15',
});
const father = rec('f', {
  ...home,
  firstName: 'Jan',
  lastName: 'Janssens',
  gender: 'male',
  birthDate: '1958-02-20',
  email: 'jan.janssens@telenet.be',
});
const son = rec('j', {
  ...home,
  firstName: 'Jan',
  lastName: 'Janssens',
  gender: 'male',
  birthDate: '1986-07-03',
  email: 'jan.janssens@telenet.be',
});

describe('scorePair', () => {
  it('matches the seed pair with reasons for the phone and the names sounding alike', () => {
    const r = score(stephanie, stefanie);
    expect(r.probability).toBeGreaterThanOrEqual(0.95);
    const en = explain(r, 'en');
    expect(en).toContain('Same mobile number');
    expect(en).toContain('First names sound alike: Stephanie / Stefanie');
    expect(explain(r, 'nl')).toContain('Zelfde gsm-nummer');
    expect(explain(r, 'fr')).toContain('Même numéro de portable');
    expect(explain(r, 'de')).toContain('Gleiche Handynummer');
    expect(r.fields.find((f) => f.field === 'phone')?.weight).toBeGreaterThan(5);
  });

  it('does not match a household', () => {
    for (const [a, b] of [
      [mother, child],
      [twinA, twinB],
      [father, son],
    ] as const) {
      const r = score(a, b);
      expect(r.probability, `${a.id}/${b.id}`).toBeLessThan(0.5);
      expect(r.fields.some((f) => f.field === 'household')).toBe(true);
    }
  });

  it('matches swapped names, nicknames and particles', () => {
    const a = rec('a', {
      firstName: 'Elisabeth',
      lastName: 'Van den Broeck',
      birthDate: '1975-05-05',
      postalCode: '2000',
    });
    const b = rec('b', {
      firstName: 'Vandenbroeck',
      lastName: 'Liesbeth',
      birthDate: '05.05.1975',
      postalCode: '2000',
    });
    const r = score(a, b);
    expect(r.probability).toBeGreaterThan(0.9);
    expect(r.fields.some((f) => f.messageKey === 'nameOrder.swapped')).toBe(true);
  });

  it('scores missing fields as no evidence', () => {
    const r = score(rec('a', { lastName: 'Peeters' }), rec('b', { lastName: 'Peeters' }));
    expect(r.fields.find((f) => f.field === 'email')).toMatchObject({ level: 'missing', weight: 0 });
  });
});

describe('blocking', () => {
  it('prefixes keys with the rule name', () => {
    const keys = blockingKeys(prepareRecord(stephanie));
    expect(keys).toContain('ph:+32475888888');
    expect(keys.every((k) => /^[a-z]{2}:/.test(k))).toBe(true);
  });
  it('emits each candidate pair once', () => {
    const records = [stephanie, stefanie, mother, child, twinA, twinB, father, son].map((r) =>
      prepareRecord(r),
    );
    const pairs = generateCandidatePairs(records);
    const seen = new Set<string>();
    for (let p = 0; p < pairs.count; p++) {
      const key = `${pairs.left[p]}-${pairs.right[p]}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(seen.has('0-1')).toBe(true);
  });
});

describe('dedupe', () => {
  it('groups duplicates and keeps household members apart', () => {
    const result = dedupe([stephanie, stefanie, mother, child, twinA, twinB, father, son], {
      defaultCountry: 'BE',
    });
    const cluster = new Map(result.clusters.map((c) => [c.id, c.clusterId]));
    expect(cluster.get('s1')).toBe(cluster.get('s2'));
    expect(cluster.get('m')).not.toBe(cluster.get('c'));
    expect(cluster.get('t1')).not.toBe(cluster.get('t2'));
    expect(cluster.get('f')).not.toBe(cluster.get('j'));
    expect(cluster.get('m')).not.toBe(cluster.get('t1'));
  });
  it('does not chain through a weak link', () => {
    const a = rec('a', {
      firstName: 'Jan',
      lastName: 'Peeters',
      birthDate: '1980-01-01',
      email: 'jp@telenet.be',
    });
    const b = rec('b', {
      firstName: 'Jan',
      lastName: 'Peeters',
      birthDate: '1980-01-01',
      mobile: '0475 11 22 33',
    });
    const c = rec('c', {
      firstName: 'Jan',
      lastName: 'Peeters',
      birthDate: '1951-06-12',
      mobile: '0475 11 22 33',
    });
    const result = dedupe([a, b, c], { defaultCountry: 'BE' });
    const cluster = new Map(result.clusters.map((x) => [x.id, x.clusterId]));
    expect(cluster.get('a')).toBe(cluster.get('b'));
    expect(cluster.get('c')).not.toBe(cluster.get('a'));
  });
});
