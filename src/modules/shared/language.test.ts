import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage } from './language.ts';

describe('fromAcceptLanguage', () => {
  it('picks the best supported language by quality, then order', () => {
    expect(fromAcceptLanguage('nl-BE,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(fromAcceptLanguage('es-ES,fr;q=0.5,de;q=0.7')).toBe('de');
    expect(fromAcceptLanguage('FR-be')).toBe('fr');
    expect(fromAcceptLanguage('es,it;q=0.8')).toBeUndefined();
    expect(fromAcceptLanguage('de;q=0,en')).toBe('en');
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
});
