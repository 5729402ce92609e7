import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import backofficeEnglish from '../../backoffice/i18n/en.json';
import backofficePolish from '../../backoffice/i18n/pl.json';
import moneyEnglish from '../../portal/money/i18n/en.json';
import moneyPolish from '../../portal/money/i18n/pl.json';
import usageEnglish from '../../portal/usage/i18n/en.json';
import usagePolish from '../../portal/usage/i18n/pl.json';
import english from './en.json';
import polish from './pl.json';

export const languages = ['pl', 'en'] as const;
export type Language = (typeof languages)[number];

/**
 * One namespace per area, so each area's texts live beside its pages: `translation` (shell, sign-in, shared
 * words), `money` (dashboard, settlements, invoices, payments), `usage` (readings, consumption, meters,
 * profile, registration), `backoffice` (staff screens). Use `useTranslation('money')` in that area.
 */
const polishResources = {
  translation: polish,
  money: moneyPolish,
  usage: usagePolish,
  backoffice: backofficePolish,
};
// English must translate every Polish key: a missing one fails the type check.
const englishResources: typeof polishResources = {
  translation: english,
  money: moneyEnglish,
  usage: usageEnglish,
  backoffice: backofficeEnglish,
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: typeof polishResources;
  }
}

const storageKey = 'ibok.language';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    return languages.find((language) => language === saved) ?? 'pl';
  } catch {
    return 'pl';
  }
}

/** Keeps <html lang> in step with the interface so screen readers pronounce the text correctly. */
function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this visit only.
  }
}

export async function setUpTranslations(): Promise<void> {
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: { pl: polishResources, en: englishResources },
    lng: storedLanguage(),
    fallbackLng: 'pl',
    supportedLngs: languages,
    interpolation: { escapeValue: false },
  });
  applyLanguage(i18next.language);
}

export function changeLanguage(language: Language): Promise<unknown> {
  return i18next.changeLanguage(language);
}
