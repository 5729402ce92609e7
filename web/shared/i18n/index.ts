import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import english from './en.json';
import polish from './pl.json';

export const languages = ['pl', 'en'] as const;
export type Language = (typeof languages)[number];

// English must translate every Polish key: a missing one fails the type check.
const englishResources: typeof polish = english;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof polish };
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
    resources: { pl: { translation: polish }, en: { translation: englishResources } },
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
