import 'dayjs/locale/de.js';
import 'dayjs/locale/en-gb.js';
import 'dayjs/locale/fr.js';
import 'dayjs/locale/nl-be.js';
import { toLanguage, type Language } from './language.ts';

// Mantine's date pickers format and name months through dayjs; these are the dayjs locales that
// match the Intl locales in language.ts.
const DAYJS_LOCALES: Record<Language, string> = {
  nl: 'nl-be',
  fr: 'fr',
  de: 'de',
  en: 'en-gb',
};

export function dayjsLocaleFor(language: string | null | undefined): string {
  return DAYJS_LOCALES[toLanguage(language) ?? 'en'];
}
