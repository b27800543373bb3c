import { type Catalog, defaultLang, kernelMessages, type Lang, languages } from './messages.ts';

export { defaultLang, type Lang, languages } from './messages.ts';

const catalogs: Record<Lang, Catalog> = { it: { ...kernelMessages.it }, en: { ...kernelMessages.en } };

/** Modules add their server-side messages at boot (from their manifest). */
export function registerMessages(messages: Partial<Record<Lang, Catalog>>): void {
  for (const lang of languages) Object.assign(catalogs[lang], messages[lang] ?? {});
}

/** Translates a key, filling `{name}` placeholders; falls back to Italian, then to the key. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key] ?? catalogs[defaultLang][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}

export function hasMessage(key: string): boolean {
  return key in catalogs[defaultLang];
}

/** Picks the best supported language from an Accept-Language header (RFC 9110 q-values). */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return defaultLang;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.toLowerCase().split('-')[0];
    const lang = languages.find((l) => l === primary);
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? defaultLang;
}

/** Formats a date for a person: Europe/Rome by default, in their language. */
export function formatDateTime(date: Date, lang: Lang, timeZone = 'Europe/Rome'): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/** Italian collation for names, as the database's `it-IT` ICU collation does. */
export const italianCollator = new Intl.Collator('it-IT', { sensitivity: 'base', numeric: true });
