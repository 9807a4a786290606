import { describe, expect, it } from 'vitest';
import { localeFor, pickLanguage, resolveLanguage, toLanguage } from './language.ts';

describe('toLanguage', () => {
  it('reads the primary subtag of any region or spelling', () => {
    expect(toLanguage('nl-NL')).toBe('nl');
    expect(toLanguage('de_AT')).toBe('de');
    expect(toLanguage('FR')).toBe('fr');
    expect(toLanguage('es-ES')).toBeNull();
    expect(toLanguage('')).toBeNull();
    expect(toLanguage(null)).toBeNull();
  });
});

describe('pickLanguage', () => {
  it('takes the first supported language in order of preference', () => {
    expect(pickLanguage(['es-ES', 'fr-BE', 'nl'])).toBe('fr');
    expect(pickLanguage(['tr', 'ar'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('resolveLanguage', () => {
  it('prefers the choice stored on the device, then the profile, then the browser', () => {
    const browser = ['de-DE', 'en'];
    expect(resolveLanguage({ stored: 'fr', user: 'nl', browser })).toBe('fr');
    expect(resolveLanguage({ stored: null, user: 'nl', browser })).toBe('nl');
    expect(resolveLanguage({ stored: null, user: null, browser })).toBe('de');
    expect(resolveLanguage({ stored: 'xx', user: 'yy', browser: ['zz'] })).toBe('en');
  });
});

describe('localeFor', () => {
  it('formats Dutch and French as in Belgium, German as in Germany, English as in Britain', () => {
    expect(localeFor('nl')).toBe('nl-BE');
    expect(localeFor('fr')).toBe('fr-BE');
    expect(localeFor('de')).toBe('de-DE');
    expect(localeFor('en')).toBe('en-GB');
    expect(localeFor('pt')).toBe('en-GB');
  });
});
