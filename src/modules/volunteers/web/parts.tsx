import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary as FormErrorSummary } from '../../../web/ErrorSummary.tsx';
import type { Reason, VolunteerProfile } from './types.ts';

export const skillLabel = (t: TFunction, code: string) =>
  t(`volunteers.skill.${code}`, { defaultValue: code });
export const statusLabel = (t: TFunction, code: string) =>
  t(`volunteers.status.${code}`, { defaultValue: code });
export const taskStatusLabel = (t: TFunction, code: string) =>
  t(`volunteers.taskStatus.${code}`, { defaultValue: code });
export const weekdayLabel = (t: TFunction, day: number) =>
  t(`volunteers.weekday.${day}`, { defaultValue: String(day) });

/** A language's name in the page's language ("arabo", "Arabic"), or its code. */
export function languageName(code: string, lang: string): string {
  try {
    const names = new Intl.DisplayNames([lang === 'en' ? 'en' : 'it'], { type: 'language' });
    const name = names.of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return code;
  }
}

/** A matching reason in plain words: "Sa fare la spesa", "A 1,2 km", "Ha già aiutato questa persona". */
export function reasonText(t: TFunction, reason: Reason): string {
  const code = reason.code.replace(/^(volunteers\.)?(match\.)?(reason\.)?/, '');
  const params: Record<string, unknown> = { ...(reason.params ?? {}) };
  if (typeof params.skill === 'string') params.skillName = skillLabel(t, params.skill);
  if (typeof params.distanceKm === 'number') params.distance = formatKm(params.distanceKm, t);
  if (typeof params.times === 'number') params.count = params.times;
  return t(`volunteers.reason.${code}`, { ...params, defaultValue: reason.code });
}

/** "1,2 km" in Italian, "1.2 km" in English. */
export function formatKm(km: number | null | undefined, t: TFunction): string {
  if (km === null || km === undefined || Number.isNaN(Number(km))) return '—';
  const lang = t('volunteers.locale', { defaultValue: 'it-IT' });
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(Number(km))} km`;
}

export function formatHours(h: number | string | null | undefined, lang: string): string {
  const n = Number(h ?? 0);
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 2 }).format(
    Number.isFinite(n) ? n : 0,
  );
}

/** Date and time for people, in Europe/Rome. */
export function formatWhen(value: string, lang: string, withTime = true): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Rome',
  }).format(new Date(value));
}

/** The month "2025-03" as "marzo 2025". */
export function formatMonth(month: string, lang: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** The current month in Europe/Rome, "YYYY-MM", and `back` months before it. */
export function romeMonth(back = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    timeZone: 'Europe/Rome',
  }).formatToParts(new Date());
  let y = Number(parts.find((p) => p.type === 'year')?.value);
  let m = Number(parts.find((p) => p.type === 'month')?.value) - back;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** The volunteer's clearance (who cleared them, when), whatever shape the API gives it in. */
export function clearanceOf(
  v: VolunteerProfile,
): { at: string; byName: string | null; note: string | null } | null {
  if (v.clearance?.at)
    return { at: v.clearance.at, byName: v.clearance.byName ?? null, note: v.clearance.note ?? null };
  if (v.clearedAt) return { at: v.clearedAt, byName: v.clearedByName ?? null, note: v.clearanceNote ?? null };
  return null;
}

export function neighbourhoodCodesOf(v: VolunteerProfile): string[] {
  return v.neighbourhoodCodes ?? v.neighbourhoods?.map((n) => n.code) ?? [];
}

export function VolunteerStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`noi-vol-status noi-vol-status-${status}`}>{statusLabel(t, status)}</span>;
}

export interface Check {
  id: string;
  message: string;
}

/** The form's error summary (src/web/ErrorSummary.tsx) with this module's heading. */
export function ErrorSummary(props: { errors: Check[]; attempt: number; detail?: string; id: string }) {
  const { t } = useTranslation();
  return <FormErrorSummary {...props} title={t('volunteers.errors.title')} />;
}

/**
 * A message that appears after an action (aria-live through role="status"), taking the focus when
 * `focus` so the person lands on it. `n` changes on each new message so it is announced again.
 */
export function StatusMessage({
  message,
  focus = true,
  kind = 'success',
}: {
  message: { text: string; n: number } | null;
  focus?: boolean;
  kind?: 'success' | 'info' | 'warning';
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && focus) box.current?.focus();
  }, [message, focus]);
  return (
    <div
      ref={box}
      role="status"
      tabIndex={-1}
      className={message ? `alert alert-${kind} noi-alert` : undefined}
    >
      {message && <span key={message.n}>{message.text}</span>}
    </div>
  );
}

/** A section of a page: a card with its heading. */
export function Card({
  id,
  title,
  children,
  level = 2,
}: {
  id: string;
  title: string;
  children: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="card card-bg noi-vol-card mb-4" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <Heading id={`${id}-title`} className={level === 2 ? 'h4' : 'h5'}>
          {title}
        </Heading>
        {children}
      </div>
    </section>
  );
}

/** Field error and hint, tied to their input by id. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="form-text noi-hint">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </>
  );
}

export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Roles that work the desk (the same as the help-requests console) and the city's admins. */
export const deskRoles = ['operator', 'social_worker', 'city_admin', 'platform_admin'];
