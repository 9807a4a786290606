// The staff app speaks the languages of the markets Clienteel serves. Each language is formatted
// with the regional conventions of those markets: Dutch and French as in Belgium (the largest
// group of salons using both), German as in Germany, and English with day-month-year dates.

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's own name, so people can find theirs whatever the current language is. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  fr: 'Français',
  de: 'Deutsch',
  en: 'English',
};

const LOCALES: Record<Language, string> = {
  nl: 'nl-BE',
  fr: 'fr-BE',
  de: 'de-DE',
  en: 'en-GB',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The supported language of a BCP 47 tag such as `nl-NL` or `de_AT`, or null. */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}

/** The first supported language in a preference list (as `navigator.languages`), else English. */
export function pickLanguage(preferences: readonly (string | null | undefined)[]): Language {
  for (const tag of preferences) {
    const language = toLanguage(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The language to start in. Precedence: the choice made with the language switch on this device,
 * then the staff member's profile language, then the browser's preferences, then English.
 */
export function resolveLanguage(sources: {
  stored?: string | null;
  user?: string | null;
  browser?: readonly string[];
}): Language {
  return pickLanguage([sources.stored, sources.user, ...(sources.browser ?? [])]);
}

/** The Intl locale used to format dates, numbers and money in a language. */
export function localeFor(language: string | null | undefined): string {
  return LOCALES[toLanguage(language) ?? DEFAULT_LANGUAGE];
}
