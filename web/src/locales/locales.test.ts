import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../lib/language.ts';
import { namespaces, resources, type Messages } from './resources.ts';

// English is the reference: every language has the same namespaces and the same keys, no empty
// texts, and the same {{placeholders}} in each text. Plural forms are the exception, since languages
// have different ones (French has `_many`), so `key_one`/`key_other` count as `key`.

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [nested, text] of flatten(value, path)) out.set(nested, text);
  }
  return out;
}

const keysOf = (texts: Map<string, string>) =>
  [...new Set([...texts.keys()].map((k) => k.replace(PLURAL, '')))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has the namespaces common, auth and nav', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['auth', 'common', 'nav']));
  });

  for (const language of LANGUAGES) {
    it(`${language} has exactly the namespaces of en`, () => {
      expect(Object.keys(resources[language]).sort()).toEqual(namespaces);
    });

    for (const namespace of namespaces) {
      it(`${language}/${namespace}.json has exactly the keys of en, none empty, same placeholders`, () => {
        const english = flatten(resources.en[namespace] ?? {});
        const texts = flatten(resources[language][namespace] ?? {});
        expect(keysOf(texts)).toEqual(keysOf(english));
        for (const [key, text] of texts) {
          expect(text.trim(), `${language}/${namespace}: ${key}`).not.toBe('');
          const reference = english.get(key) ?? english.get(`${key.replace(PLURAL, '')}_other`);
          if (reference !== undefined) {
            expect(placeholders(text), `${language}/${namespace}: ${key}`).toEqual(placeholders(reference));
          }
        }
      });
    }
  }
});
