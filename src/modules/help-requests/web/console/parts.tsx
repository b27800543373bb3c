import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../../web/api.ts';
import type { Reason } from './types.ts';

/** A translated label, or the code itself when the catalog does not know it. */
const labelOr = (t: TFunction, key: string, code: string): string => t(key, { defaultValue: code });

export const categoryLabel = (t: TFunction, code: string) => labelOr(t, `helpConsole.category.${code}`, code);
export const urgencyLabel = (t: TFunction, code: string) => labelOr(t, `helpConsole.urgency.${code}`, code);
export const statusLabel = (t: TFunction, code: string) => labelOr(t, `helpConsole.status.${code}`, code);
export const queueLabel = (t: TFunction, code: string) => labelOr(t, `helpConsole.queue.${code}`, code);

/** A triage reason in plain words: "La persona vive da sola", "Età: 82 anni". */
export function reasonText(t: TFunction, reason: Reason): string {
  const code = reason.code.replace(/^triage\.reason\./, '');
  return t(`helpConsole.reason.${code}`, { ...(reason.params ?? {}), defaultValue: reason.code });
}

/** Date and time for people, in Europe/Rome: "12 mar 2025, 10:30". */
export function formatWhen(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Rome',
  }).format(new Date(value));
}

/** How long ago: "da 3 ore", "da 2 giorni". */
export function ageText(t: TFunction, since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return t('helpConsole.age.now');
  if (minutes < 60) return t('helpConsole.age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('helpConsole.age.hours', { count: hours });
  return t('helpConsole.age.days', { count: Math.floor(hours / 24) });
}

/** The urgency as a badge: colour and words (never colour alone). */
export function UrgencyBadge({ urgency, confirmed }: { urgency: string; confirmed?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`noi-urgency noi-urgency-${urgency}`}>
      <span className="visually-hidden">{t('helpConsole.urgencyPrefix')} </span>
      {urgencyLabel(t, urgency)}
      {confirmed === false && <span className="noi-urgency-note"> ({t('helpConsole.suggested')})</span>}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`noi-status noi-status-${status}`}>{statusLabel(t, status)}</span>;
}

/** The first-contact deadline: done, overdue (flagged in words) or due by a time. */
export function SlaText({
  slaDueAt,
  breached,
  firstContactAt,
  status,
  now,
}: {
  slaDueAt: string;
  breached: boolean;
  firstContactAt: string | null;
  status: string;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const due = formatWhen(slaDueAt, i18n.language);
  if (firstContactAt) {
    return (
      <span>
        {t('helpConsole.sla.done')}{' '}
        <time dateTime={firstContactAt} className="small d-block">
          {formatWhen(firstContactAt, i18n.language)}
        </time>
      </span>
    );
  }
  if (['resolved', 'closed', 'withdrawn'].includes(status)) return <span>—</span>;
  const late = breached || new Date(slaDueAt).getTime() < now;
  return late ? (
    <span>
      <span className="noi-overdue">{t('helpConsole.sla.overdue')}</span>{' '}
      <span className="small d-block">
        {t('helpConsole.sla.wasDue')} <time dateTime={slaDueAt}>{due}</time>
      </span>
    </span>
  ) : (
    <span>
      {t('helpConsole.sla.dueBy')} <time dateTime={slaDueAt}>{due}</time>
    </span>
  );
}

/** The current time, ticking every minute (for "da 3 ore" and overdue flags). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export type Polled<T> =
  | { state: 'loading'; refresh: () => void }
  | { state: 'error'; error: ApiError; refresh: () => void }
  | { state: 'ready'; data: T; refreshedAt: number; refresh: () => void };

/**
 * Loads `path`, then again every `every` ms while the page is visible, keeping what is shown
 * while it refreshes (a new `path` starts from loading).
 */
export function usePolled<T>(path: string, every = 60_000): Polled<T> {
  const [result, setResult] = useState<
    | { state: 'loading' }
    | { state: 'error'; error: ApiError }
    | { state: 'ready'; data: T; refreshedAt: number }
  >({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const shownPath = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick triggers a refresh on purpose
  useEffect(() => {
    let live = true;
    if (shownPath.current !== path) setResult({ state: 'loading' });
    api.get<T>(path).then(
      (data) => {
        if (!live) return;
        shownPath.current = path;
        setResult({ state: 'ready', data, refreshedAt: Date.now() });
      },
      (error: unknown) => {
        if (!live) return;
        shownPath.current = path;
        setResult({
          state: 'error',
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ type: 'unknown', title: 'Error', status: 500, detail: String(error) }),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, every);
    return () => clearInterval(timer);
  }, [every]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...result, refresh } as Polled<T>;
}

/** Errors of a form found before sending it: a summary that takes the focus, linking to each field. */
export function ErrorSummary({ errors }: { errors: { field: string; id: string; message: string }[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) box.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div ref={box} className="alert alert-danger noi-alert" role="alert" tabIndex={-1}>
      <p className="mb-1 fw-semibold">{t('helpConsole.errorSummary')}</p>
      <ul className="mb-0">
        {errors.map((e) => (
          <li key={e.id}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                const field = document.getElementById(e.id);
                if (!field) return;
                event.preventDefault();
                field.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A section of the request page: a card with its heading. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card card-bg noi-console-panel mb-4" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <h2 id={`${id}-title`} className="h4">
          {title}
        </h2>
        {children}
      </div>
    </section>
  );
}
