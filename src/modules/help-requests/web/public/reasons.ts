import type { TFunction } from 'i18next';
import type { Reason } from './types.ts';

/** A reason of the triage (`triage.reason.keyword` with `{ word }`) in the reader's words. */
export function reasonText(reason: Reason, t: TFunction): string {
  const code = reason.code.replace(/^triage\.reason\./, '');
  return t(`helpRequests.reason.${code}`, { ...reason.params, defaultValue: '' });
}

/** The reasons as one phrase: "hai scritto «farmacia» e «ricetta»". */
export function reasonsPhrase(reasons: Reason[], t: TFunction, lang: string): string {
  const words = [
    ...new Set(reasons.filter((r) => r.code.endsWith('.keyword')).map((r) => String(r.params?.word ?? ''))),
  ]
    .filter(Boolean)
    .map((w) => t('helpRequests.suggest.quoted', { word: w }));
  const others = reasons.filter((r) => !r.code.endsWith('.keyword')).map((r) => reasonText(r, t));
  const list = new Intl.ListFormat(lang === 'en' ? 'en-GB' : 'it-IT', { type: 'conjunction' });
  const parts = [
    ...(words.length ? [t('helpRequests.suggest.youWrote', { words: list.format(words) })] : []),
    ...others,
  ];
  return list.format(parts.filter(Boolean));
}
