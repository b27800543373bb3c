import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../web/api.ts';
import { ErrorSummary as FormErrorSummary } from '../../../web/ErrorSummary.tsx';
import type { CallDocument, ProposalStatus } from './types.ts';

export function StatusBadge({ status }: { status: ProposalStatus | string }) {
  const { t } = useTranslation();
  return (
    <span className={`noi-idea-status noi-idea-status-${status}`} data-status={status}>
      {t(`ideas.status.${status}`, { defaultValue: status })}
    </span>
  );
}

export function formatWhen(value: string, lang: string, withTime = true): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Rome',
  }).format(new Date(value));
}

export function formatBytes(n: number, lang: string): string {
  const f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 1 });
  return n >= 1024 * 1024 ? `${f.format(n / 1024 / 1024)} MB` : `${f.format(Math.max(1, n / 1024))} kB`;
}

export const docLabel = (d: CallDocument, lang: string) => (lang === 'en' ? d.label.en : d.label.it);

export interface Check {
  id: string;
  message: string;
}

/** The form's error summary (src/web/ErrorSummary.tsx) with this module's heading. */
export function ErrorSummary(props: { errors: Check[]; attempt: number; detail?: string; id: string }) {
  const { t } = useTranslation();
  return <FormErrorSummary {...props} title={t('ideas.errors.title')} />;
}

/** A message after an action (role="status"), focused so the person lands on it. */
export function StatusMessage({ message }: { message: { text: string; n: number } | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message]);
  return (
    <div ref={box} role="status" tabIndex={-1} className={message ? 'alert alert-success' : undefined}>
      {message && <span key={message.n}>{message.text}</span>}
    </div>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card card-bg noi-idea-card mb-4" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <h2 id={`${id}-title`} className="h4">
          {title}
        </h2>
        {children}
      </div>
    </section>
  );
}

interface Territory {
  zones: { code: string; name: string; neighbourhoods: { code: string; name: string }[] }[];
}

/** The city's neighbourhoods, grouped by zone, for a select. */
export function useNeighbourhoods() {
  const territory = useApi<Territory>('/api/v1/territory');
  return territory.state === 'ready' ? territory.data.zones : [];
}

/** A file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export const maxFileBytes = 5 * 1024 * 1024;
export const maxTotalBytes = 20 * 1024 * 1024;
export const acceptTypes =
  '.pdf,.png,.jpg,.jpeg,.odt,.docx,application/pdf,image/png,image/jpeg,application/vnd.oasis.opendocument.text,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
