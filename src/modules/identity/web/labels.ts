import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../web/api.ts';
import type { RoleAssignment } from './types.ts';

interface Territory {
  zones: { code: string; name: string }[];
}

/** Zone codes to their names ("nord" → "Zona Nord"), from the territory API. */
export function useZones(): { code: string; name: string }[] {
  const territory = useApi<Territory>('/api/v1/territory');
  const zones = territory.state === 'ready' ? territory.data.zones : null;
  return useMemo(() => zones ?? [], [zones]);
}

/** A translated label, or the code itself when the catalog does not know it. */
export function labelOr(t: TFunction, key: string, code: string): string {
  return t(key, { defaultValue: code });
}

export const roleLabel = (t: TFunction, role: string) => labelOr(t, `identity.roles.${role}`, role);

/** Where a role applies, in plain words: "Zona Nord", "Tutta la città"; nothing for one's own data. */
export function scopeLabel(
  t: TFunction,
  scope: RoleAssignment['scope'],
  zones: { code: string; name: string }[],
): string {
  switch (scope.kind) {
    case 'own':
      return '';
    case 'zone':
      return (
        zones.find((z) => z.code === scope.ref)?.name ?? t('identity.scopes.zoneRef', { ref: scope.ref })
      );
    case 'community_point':
    case 'organisation':
      return t(`identity.scopes.${scope.kind}Ref`, { ref: scope.ref });
    default:
      return labelOr(t, `identity.scopes.${scope.kind}`, scope.kind);
  }
}

/** "Assistente sociale — Zona Nord". */
export function describeAssignment(
  t: TFunction,
  a: RoleAssignment,
  zones: { code: string; name: string }[],
): string {
  const where = scopeLabel(t, a.scope, zones);
  return where ? `${roleLabel(t, a.role)} — ${where}` : roleLabel(t, a.role);
}

/** Every assignment of a person, described; ready for a list. */
export function useDescribe(): (a: RoleAssignment) => string {
  const { t } = useTranslation();
  const zones = useZones();
  return (a) => describeAssignment(t, a, zones);
}

/** Dates and times of the audit log, to the second, in Europe/Rome. */
export function formatDateTime(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Rome',
  }).format(new Date(value));
}
