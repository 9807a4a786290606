import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n.ts';
import { LANGUAGES, LANGUAGE_NAMES, toLanguage } from '../lib/language.ts';

const OPTIONS = LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }));

/** Switches the UI language; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <NativeSelect
      data={OPTIONS}
      value={toLanguage(i18n.resolvedLanguage) ?? 'en'}
      onChange={(event) => {
        const language = toLanguage(event.currentTarget.value);
        if (language) void chooseLanguage(language);
      }}
      aria-label={t('language')}
      leftSection={<IconLanguage size={16} aria-hidden />}
      size="xs"
      w={140}
      data-testid="language-switch"
    />
  );
}
