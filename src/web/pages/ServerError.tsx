import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.ts';
import { usePageTitle } from '../page-title.ts';

/** Shown when a page cannot load: the problem's own words, its request id, and a retry. */
export function ServerError({ error, onRetry }: { error?: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('error.server.title'));
  return (
    <div className="container my-5" role="alert">
      <p className="noi-error-code" aria-hidden="true">
        {error?.status && error.status > 0 ? error.status : '!'}
      </p>
      <h1>{error?.problem.title ?? t('error.server.title')}</h1>
      <p className="lead">{error?.problem.detail ?? t('error.server.text')}</p>
      {error?.problem.requestId && (
        <p className="text-muted">{t('error.server.code', { id: error.problem.requestId })}</p>
      )}
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => (onRetry ? onRetry() : window.location.reload())}
      >
        {t('error.server.retry')}
      </button>
    </div>
  );
}
