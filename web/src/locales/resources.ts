import { LANGUAGES, type Language } from '../lib/language.ts';

// Every file `locales/<language>/<namespace>.json` becomes namespace <namespace> of that language.
// A module adds its texts by adding one file per language (and registering the English one in
// i18next.d.ts for typed keys); nothing here needs to change.

export type Messages = { [key: string]: string | Messages };
export type Resources = Record<Language, Record<string, Messages>>;

const files = import.meta.glob<Messages>('./*/*.json', { eager: true, import: 'default' });

export function collectResources(modules: Record<string, Messages>): Resources {
  const resources = Object.fromEntries(LANGUAGES.map((language) => [language, {}])) as Resources;
  for (const [path, messages] of Object.entries(modules)) {
    const match = /\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match;
    const bucket = resources[language as Language];
    if (bucket && namespace) bucket[namespace] = messages;
  }
  return resources;
}

export const resources = collectResources(files);

/** All namespaces, as found for English (locales.test.ts checks that every language has the same). */
export const namespaces = Object.keys(resources.en).sort();
