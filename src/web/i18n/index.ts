import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalog } from '../module-types.ts';
import en from './en.json';
import it from './it.json';

export const languages = ['it', 'en'] as const;
export type Lang = (typeof languages)[number];
const storageKey = 'noi.lang';

function initialLanguage(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  if (stored === 'it' || stored === 'en') return stored;
  return 'it';
}

function merge(target: Catalog, source: Catalog): Catalog {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    target[k] = typeof v === 'object' && typeof existing === 'object' ? merge({ ...existing }, v) : v;
  }
  return target;
}

export const i18n = i18next.createInstance();

/** Shell catalogs plus every module's, Italian first. */
export async function initI18n(modules: { messages: { it: Catalog; en: Catalog } }[]): Promise<void> {
  const itAll = modules.reduce((acc, m) => merge(acc, m.messages.it), merge({}, it as Catalog));
  const enAll = modules.reduce((acc, m) => merge(acc, m.messages.en), merge({}, en as Catalog));
  await i18n.use(initReactI18next).init({
    lng: initialLanguage(),
    fallbackLng: 'it',
    supportedLngs: [...languages],
    resources: { it: { translation: itAll }, en: { translation: enAll } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem(storageKey, lng);
  });
}

/** Dates for people: Europe/Rome, in their language. */
export function formatDate(value: string | Date, withTime = false): string {
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Rome',
  }).format(typeof value === 'string' ? new Date(value) : value);
}
