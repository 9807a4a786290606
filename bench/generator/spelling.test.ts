import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { Rng } from './random.ts';
import {
  caseVariant,
  formsOfOneName,
  nickname,
  particleOf,
  particleVariant,
  phonetic,
  stripAccents,
  typo,
  umlautVariant,
} from './spelling.ts';

const rng = new Rng(3);

describe('name errors', () => {
  it('a typo is one keyboard slip away', () => {
    for (const name of ['Wachters', 'Stephanie', 'Peeters', 'Van den Broeck']) {
      for (let i = 0; i < 50; i++) {
        const t = typo(name, rng);
        expect(t).not.toBe(name);
        expect(distance(t, name)).toBeLessThanOrEqual(2); // a transposition counts 2 in Levenshtein
        expect(t[0]).toBe(name[0]);
      }
    }
  });

  it('phonetic spellings come from the known groups', () => {
    expect(['Stefanie', 'Stéphanie', 'Stefani']).toContain(phonetic('Stephanie', rng));
    expect(['Wahters', 'Waghters']).toContain(phonetic('Wachters', rng));
    expect(['Meier', 'Maier', 'Mayer', 'Meijer']).toContain(phonetic('Meyer', rng));
    expect(['Schmitt', 'Schmid', 'Schmit']).toContain(phonetic('Schmidt', rng));
  });

  it('phonetic rules apply to names outside the groups and keep case', () => {
    const p = phonetic('Philomena', rng);
    expect(p).not.toBe('Philomena');
    expect(p[0]).toBe(p[0]?.toUpperCase());
  });

  it('nicknames go both ways', () => {
    expect(['Liesbeth', 'Els', 'Lisa', 'Elise', 'Betty']).toContain(nickname('Elisabeth', rng));
    expect(nickname('Liesbeth', rng)).toBe('Elisabeth');
    expect(['Jan', 'Hans', 'Johan', 'Joop']).toContain(nickname('Johannes', rng));
  });

  it('particle variants keep the core of the name', () => {
    expect(particleOf('Van den Broeck')).toBe('Van den');
    expect(particleOf('Peeters')).toBeNull();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(particleVariant('Van den Broeck', rng));
    expect(seen).toContain('Vandenbroeck');
    expect(seen).toContain('vd Broeck');
    expect(seen).toContain('Broeck, van den');
    expect(seen).not.toContain('Van den Broeck');
    expect(particleVariant('Peeters', rng)).toBe('Peeters');
  });

  it('umlauts are transcribed or dropped, accents stripped', () => {
    expect(['Mueller', 'Muller']).toContain(umlautVariant('Müller', rng));
    expect(umlautVariant('Weiß', rng)).toBe('Weiss');
    expect(stripAccents('Stéphanie François Zoë')).toBe('Stephanie Francois Zoe');
  });

  it('case variants change only case', () => {
    for (let i = 0; i < 20; i++) expect(caseVariant('de Vries', rng).toLowerCase()).toBe('de vries');
  });
});

describe('formsOfOneName', () => {
  it('links nicknames through their formal name and spellings of one sound', () => {
    expect(formsOfOneName('Mia', 'Marie')).toBe(true);
    expect(formsOfOneName('Maria', 'Mia')).toBe(true);
    expect(formsOfOneName('Stephanie', 'Stefanie')).toBe(true);
    expect(formsOfOneName('Emma', 'Louise')).toBe(false);
  });
});
