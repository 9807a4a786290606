/** Every error sentence exists in all four languages, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { ROUTE_MODULES } from '../../server/routes.ts';
import { LANGUAGES } from './language.ts';
import { allFieldLabels, allMessages, translate } from './messages.ts';

describe('message catalogues', () => {
  it('are loaded by the route modules', () => {
    expect(ROUTE_MODULES.length).toBeGreaterThan(3);
    expect(Object.keys(allMessages()).length).toBeGreaterThan(30);
  });

  it('have every code in nl, fr, de and en with the same {placeholders}', () => {
    const problems: string[] = [];
    for (const [code, texts] of Object.entries(allMessages())) {
      const expected = [...(texts.en.match(/\{\w+\}/g) ?? [])].sort().join();
      for (const lang of LANGUAGES) {
        const text = texts[lang];
        if (!text) problems.push(`${code}: no ${lang}`);
        else if ([...(text.match(/\{\w+\}/g) ?? [])].sort().join() !== expected)
          problems.push(`${code}: ${lang} placeholders differ`);
      }
    }
    for (const [field, texts] of Object.entries(allFieldLabels())) {
      for (const lang of LANGUAGES) if (!texts[lang]) problems.push(`field ${field}: no ${lang}`);
    }
    expect(problems).toEqual([]);
  });

  it('fills in the field label and entity names in the language asked for', () => {
    expect(translate('nl', 'validation.required', {}, 'body.password')).toBe('Wachtwoord is verplicht.');
    expect(translate('fr', 'not_found', { entity: 'tenant' })).toBe('Introuvable : entreprise.');
    expect(translate('de', 'not_found', { entity: 'job' })).toBe('Nicht gefunden: Aufgabe.');
    expect(translate('de', 'unknown_code_xyz')).toBe('unknown_code_xyz');
  });
});
