import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, prepareRecord, scorePair } from '../matching/index.ts';
import type { MatchRecord } from '../matching/index.ts';
import { certainReason, classifyAgainstExisting, compiled, findFileDuplicates } from './plan.ts';

const model = compiled(DEFAULT_MODEL);
const t = { possible: 0.8, certain: 0.99 };
let n = 0;
const rec = (r: Partial<MatchRecord>) =>
  prepareRecord(
    {
      id: r.id ?? `r${n++}`,
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
      country: null,
      ...r,
    },
    { defaultCountry: 'BE' },
  );

const stephanie = rec({
  id: 'c1222',
  firstName: 'Stephanie',
  lastName: 'Wahters',
  email: 'stephaniewachters@telenet.be',
  mobile: '0475 888 888',
});

describe('certain matches', () => {
  it('same phone with matching names: the seed case', () => {
    const online = rec({
      firstName: 'stefanie',
      lastName: 'wachters',
      email: 'stefaniew@hotmail.com',
      mobile: '+32 475 88 88 88',
    });
    expect(certainReason(scorePair(online, stephanie, model), t.certain)).toBe('phone_and_name');
  });

  it('same e-mail with the same person behind it', () => {
    const typed = rec({ firstName: 'Steph', lastName: 'Wahters', email: 'StephanieWachters@telenet.be' });
    expect(certainReason(scorePair(typed, stephanie, model), t.certain)).toBe('email');
  });

  it('not a mother and her daughter on one mailbox and one mobile', () => {
    const mother = rec({
      firstName: 'Marleen',
      lastName: 'Peeters',
      email: 'fam.peeters@telenet.be',
      mobile: '0476 11 22 33',
      birthDate: '1968-04-02',
    });
    const daughter = rec({
      firstName: 'Lotte',
      lastName: 'Peeters',
      email: 'fam.peeters@telenet.be',
      mobile: '0476 11 22 33',
      birthDate: '2012-09-14',
    });
    expect(certainReason(scorePair(daughter, mother, model), t.certain)).toBeNull();
  });

  it('not a shared phone with different names', () => {
    const other = rec({ firstName: 'Karel', lastName: 'Janssens', mobile: '0475 888 888' });
    expect(certainReason(scorePair(other, stephanie, model), t.certain)).toBeNull();
  });
});

describe('a row against existing customers', () => {
  it('links to the one certain customer, lists look-alikes as possible, and otherwise is new', () => {
    const row = rec({ firstName: 'Stefanie', lastName: 'Wachters', mobile: '0475888888' });
    const outcome = classifyAgainstExisting(row, [stephanie], model, t);
    expect(outcome).toMatchObject({ kind: 'match', customerId: 'c1222', reason: 'phone_and_name' });

    const typo = rec({
      firstName: 'Stephanie',
      lastName: 'Wahters',
      birthDate: '1985-03-24',
      city: 'Gent',
      postalCode: '9000',
    });
    const existing = rec({
      id: 'c7',
      firstName: 'Stefanie',
      lastName: 'Wahters',
      birthDate: '1985-03-24',
      city: 'Gent',
      postalCode: '9000',
      email: 'x@y.be',
    });
    const possible = classifyAgainstExisting(typo, [existing], model, t);
    expect(['possible', 'match']).toContain(possible.kind);
    expect(possible.kind !== 'new' && possible.candidates[0]!.customerId).toBe('c7');

    const stranger = rec({ firstName: 'Ahmed', lastName: 'El Amrani', mobile: '0486 12 34 56' });
    expect(classifyAgainstExisting(stranger, [stephanie], model, t)).toEqual({ kind: 'new' });
  });

  it('does not pick between two certain customers', () => {
    const twinA = rec({ id: 'a', firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475 888 888' });
    const twinB = rec({ id: 'b', firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475 888 888' });
    const row = rec({ firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475888888' });
    const outcome = classifyAgainstExisting(row, [twinA, twinB], model, t);
    expect(outcome.kind).toBe('possible');
  });
});

describe('duplicates inside one file', () => {
  it('points later copies at the first row of the same person', () => {
    const rows = [
      rec({ firstName: 'Jan', lastName: 'Peeters', email: 'jan.peeters@telenet.be' }),
      rec({ firstName: 'An', lastName: 'Claes', mobile: '0477 12 34 56' }),
      null,
      rec({
        firstName: 'Jan',
        lastName: 'Peeters',
        email: 'Jan.Peeters@telenet.be',
        mobile: '0478 99 88 77',
      }),
      rec({ firstName: 'Ann', lastName: 'Claes', mobile: '+32477123456' }),
      rec({ firstName: 'Piet', lastName: 'Peeters', city: 'Gent' }),
    ];
    const dups = findFileDuplicates(rows, model, t);
    expect([...dups.entries()].map(([i, d]) => [i, d.of, d.reason])).toEqual([
      [3, 0, 'email'],
      [4, 1, 'phone_and_name'],
    ]);
  });
});
