import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ComponentType } from 'react';
import type backofficeEnglish from '../../backoffice/i18n/en.json';
import type backofficePolish from '../../backoffice/i18n/pl.json';
import type moneyEnglish from '../../portal/money/i18n/en.json';
import type moneyPolish from '../../portal/money/i18n/pl.json';
import type usageEnglish from '../../portal/usage/i18n/en.json';
import type usagePolish from '../../portal/usage/i18n/pl.json';
import english from './en.json';
import polish from './pl.json';

export const languages = ['pl', 'en'] as const;
export type Language = (typeof languages)[number];

/**
 * One namespace per area, so each area's texts live beside its pages: `translation` (shell, sign-in, shared
 * words) is in the first bundle; `money` (dashboard, settlements, invoices, payments), `usage` (readings,
 * consumption, meters, profile, registration) and `backoffice` (staff screens) load with their pages
 * (`lazyPage`), so the first screen does not carry them. Use `useTranslation('money')` in that area.
 */
type AreaNamespace = 'money' | 'usage' | 'backoffice';
interface Texts {
  money: typeof moneyPolish;
  usage: typeof usagePolish;
  backoffice: typeof backofficePolish;
}
type PolishResources = { translation: typeof polish } & Texts;

/** Both languages of an area at once, so switching the language never waits for the network. */
const areaTexts: Record<AreaNamespace, () => Promise<[{ default: object }, { default: object }]>> = {
  money: () =>
    Promise.all([import('../../portal/money/i18n/pl.json'), import('../../portal/money/i18n/en.json')]),
  usage: () =>
    Promise.all([import('../../portal/usage/i18n/pl.json'), import('../../portal/usage/i18n/en.json')]),
  backoffice: () =>
    Promise.all([import('../../backoffice/i18n/pl.json'), import('../../backoffice/i18n/en.json')]),
};

// English must translate every Polish key: a missing one fails the type check.
const englishTranslation: typeof polish = english;
interface EnglishTexts {
  money: typeof moneyEnglish;
  usage: typeof usageEnglish;
  backoffice: typeof backofficeEnglish;
}
/** Compiles only while every area's English texts have all of its Polish keys. */
export type EnglishCoversPolish = EnglishTexts extends Texts ? true : never;
const englishComplete: EnglishCoversPolish = true;
void englishComplete;

export async function loadTexts(namespace: AreaNamespace): Promise<void> {
  if (i18next.hasResourceBundle('pl', namespace)) return;
  const [polishTexts, englishTexts] = await areaTexts[namespace]();
  i18next.addResourceBundle('pl', namespace, polishTexts.default, true, true);
  i18next.addResourceBundle('en', namespace, englishTexts.default, true, true);
}

/** A route's `lazy`: the page's code and its area's texts, fetched together on the first visit. */
export function lazyPage(
  namespace: AreaNamespace,
  load: () => Promise<{ default: ComponentType }>,
): () => Promise<{ Component: ComponentType }> {
  return async () => {
    const [page] = await Promise.all([load(), loadTexts(namespace)]);
    return { Component: page.default };
  };
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: PolishResources;
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
    resources: { pl: { translation: polish }, en: { translation: englishTranslation } },
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
