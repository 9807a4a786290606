import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './lib/api.ts';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  localeFor,
  resolveLanguage,
  toLanguage,
  type Language,
} from './lib/language.ts';
import { namespaces, resources } from './locales/resources.ts';

// The language switch's choice is remembered per device; without one the app follows the staff
// member's profile language, then the browser (see resolveLanguage).

const STORAGE_KEY = 'clienteel.language';

function storedLanguage(): Language | null {
  try {
    return toLanguage(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return null; // Storage can be unavailable (private windows, blocked cookies).
  }
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  setApiLanguage(localeFor(language));
});

void i18next.use(initReactI18next).init({
  resources,
  ns: namespaces,
  defaultNS: 'common',
  lng: resolveLanguage({ stored: storedLanguage(), browser: navigator.languages }),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes already.
  initAsync: false,
});

/** The language switch: use this language now and on every later visit from this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still applied.
  }
  await i18next.changeLanguage(language);
}

/** After sign-in: follow the profile's language unless a choice was made on this device. */
export async function applyProfileLanguage(profileLanguage: string | null): Promise<void> {
  if (storedLanguage()) return;
  const language = resolveLanguage({ user: profileLanguage, browser: navigator.languages });
  if (language !== i18next.resolvedLanguage) await i18next.changeLanguage(language);
}

export { i18next };
