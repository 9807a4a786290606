import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../bench/generator/index.ts';
import { explain } from './explain.ts';
import { DEFAULT_MODEL } from './model.ts';
import { scanParallel } from './parallel.ts';
import { prepareRecord, prepareRecords } from './prepare.ts';
import { scanPrepared } from './scan.ts';
import { scorePair } from './score.ts';
import { countRepeated } from './termFrequencies.ts';
import type { MatchRecord } from './types.ts';

const rec = (id: string, fields: Partial<MatchRecord>): MatchRecord => ({
  id,
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
  ...fields,
});
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

describe('household and namesake rules', () => {
  const home = { street: 'Kerkstraat', houseNumber: '12', postalCode: '9000', city: 'Gent' };
  it('never joins junior and senior', () => {
    const r = score(
      rec('a', { firstName: 'Jan', lastName: 'Janssens Sr', mobile: '0475 12 34 56' }),
      rec('b', { firstName: 'Jan', lastName: 'Janssens Jr', mobile: '0475 12 34 56' }),
    );
    expect(r.probability).toBeLessThan(0.01);
    expect(explain(r, 'en')).toContain('Different people in one household: junior and senior');
  });
  it('does not count a shared home when the mobiles differ (father and namesake son)', () => {
    const r = score(
      rec('f', { ...home, firstName: 'Jan', lastName: 'Janssens', gender: 'male', mobile: '0475 12 34 56' }),
      rec('s', { ...home, firstName: 'Jan', lastName: 'Janssens', gender: 'male', mobile: '0476 98 76 54' }),
    );
    expect(r.probability).toBeLessThan(0.5);
    expect(r.fields.find((f) => f.level === 'sharedHome')?.weight).toBeLessThan(-10);
  });
  it('calls a pair with nothing but its names possible, never certain', () => {
    const r = score(
      rec('a', { firstName: 'Annelies', lastName: 'Verhaeghe' }),
      rec('b', { firstName: 'Annelies', lastName: 'Verhaeghe' }),
    );
    expect(r.probability).toBeLessThanOrEqual(0.5);
    expect(explain(r, 'nl')).toContain('Alleen de namen komen overeen: mogelijk naamgenoten');
  });
  it('still matches a household member’s own duplicate', () => {
    const r = score(
      rec('a', {
        ...home,
        firstName: 'Lotte',
        lastName: 'Peeters',
        gender: 'child',
        birthDate: '2015-09-02',
        mobile: '0475 12 34 56',
      }),
      rec('b', {
        firstName: 'lotte',
        lastName: 'peeters',
        birthDate: '02/09/2015',
        mobile: '+32 475 12 34 56',
      }),
    );
    expect(r.probability).toBeGreaterThan(0.99);
  });
});

describe('scanPrepared', () => {
  it('puts the seed pair in one group with its reasons in every language', () => {
    const others = [
      rec('m', {
        firstName: 'Katrien',
        lastName: 'Peeters',
        mobile: '0475 12 34 56',
        gender: 'female',
        birthDate: '1982-04-11',
      }),
      rec('c', {
        firstName: 'Lotte',
        lastName: 'Peeters',
        mobile: '0475 12 34 56',
        gender: 'child',
        birthDate: '2015-09-02',
      }),
    ];
    const result = scanPrepared(prepareRecords([stephanie, stefanie, ...others]));
    expect(result.groups).toHaveLength(1);
    const group = result.groups[0]!;
    expect(group.members).toEqual(['s1', 's2']);
    const pair = group.pairs[0]!;
    expect(explain(pair, 'en')).toEqual(
      expect.arrayContaining(['Same mobile number', 'First names sound alike: Stephanie / Stefanie']),
    );
    expect(explain(pair, 'en').some((s) => s.startsWith('Last names'))).toBe(true);
    expect(explain(pair, 'nl')).toContain('Zelfde gsm-nummer');
    expect(explain(pair, 'fr')).toContain('Même numéro de portable');
    expect(explain(pair, 'de')).toContain('Gleiche Handynummer');
    for (const f of pair.fields) expect(typeof f.weight).toBe('number');
  });
});

describe('scanParallel', () => {
  it('finds the same groups on worker threads as scanPrepared in one thread', async () => {
    const records: MatchRecord[] = [
      ...generateCustomers({ seed: 11, n: 3000, country: 'mixed', history: false }),
    ];
    const single = scanPrepared(prepareRecords(records, { defaultCountry: 'BE' }), { explain: false });
    const parallel = await scanParallel(records, { defaultCountry: 'BE', workers: 2 });
    const members = (groups: { members: string[] }[]) => groups.map((g) => g.members.join(',')).sort();
    expect(members(parallel.groups)).toEqual(members(single.groups));
    expect(parallel.stats.candidatePairs).toBe(single.stats.candidatePairs);
    expect(parallel.groups.every((g) => g.pairs.length >= 1)).toBe(true);
    const truth = new Map(records.map((r) => [r.id, (r as MatchRecord & { entityId: string }).entityId]));
    let right = 0;
    let pairs = 0;
    for (const g of parallel.groups) {
      for (let i = 0; i < g.members.length; i++)
        for (let j = i + 1; j < g.members.length; j++) {
          pairs++;
          if (truth.get(g.members[i]!) === truth.get(g.members[j]!)) right++;
        }
    }
    expect(right / pairs).toBeGreaterThan(0.95);
  }, 60_000);
});

describe('countRepeated', () => {
  it('counts exactly the values that occur twice or more', () => {
    const values: string[] = [];
    for (let i = 0; i < 20_000; i++) values.push(`+3247${(i * 7919) % 15_000}`);
    values.push('', '', 'a');
    const naive = new Map<string, number>();
    for (const v of values) naive.set(v, (naive.get(v) ?? 0) + 1);
    for (const [v, c] of naive) if (c < 2) naive.delete(v);
    expect(countRepeated(values)).toEqual(naive);
    expect(naive.size).toBe(5001);
  });
});
