import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../../web/api.ts';
import { formatDate } from '../../../../web/i18n/index.ts';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { ServerError } from '../../../../web/pages/ServerError.tsx';
import { telHref } from '../../../directory/web/format.ts';
import { TrackForm } from './TrackPage.tsx';
import type { Tracking } from './types.ts';

/** `/segui/:code`: where a request is, in words, with its steps and who to call. */
export function TrackStatusPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const tracking = useApi<Tracking>(`/api/v1/help-requests/track/${encodeURIComponent(code)}`);
  const shownCode = code.toUpperCase();
  usePageTitle(t('helpRequests.status.title', { code: shownCode }));
  if (tracking.state === 'error') {
    if (tracking.error.status !== 404 && tracking.error.status !== 400)
      return <ServerError error={tracking.error} onRetry={tracking.reload} />;
    return (
      <div className="container my-4 noi-help">
        <h1>{t('helpRequests.status.notFoundTitle')}</h1>
        <p className="lead">{t('helpRequests.status.notFound', { code: shownCode })}</p>
        <TrackForm initial={shownCode} />
      </div>
    );
  }
  if (tracking.state === 'loading') return <Loading />;
  const r = tracking.data;
  const who = r.communityPoint
    ? r.communityPoint.name
    : r.queue === 'zone_office'
      ? t('helpRequests.queue.zoneOffice')
      : t('helpRequests.queue.helpline');
  return (
    <div className="container my-4 noi-help">
      <h1>{t('helpRequests.status.title', { code: r.trackingCode })}</h1>
      <div className="noi-help-status my-4" data-testid="help-status">
        <p className="h3 mb-1">{t(`helpRequests.statusName.${r.status}`)}</p>
        <p className="mb-0">{t(`helpRequests.statusText.${r.status}`)}</p>
      </div>
      <dl className="noi-facts">
        <dt>{t('helpRequests.status.category')}</dt>
        <dd>{t(`helpRequests.category.${r.category}.name`, { defaultValue: r.category })}</dd>
        <dt>{t('helpRequests.status.who')}</dt>
        <dd>
          {who}
          {r.communityPoint?.phone && (
            <>
              {' – '}
              {t('helpRequests.sent.phone')}{' '}
              <a href={telHref(r.communityPoint.phone)}>{r.communityPoint.phone}</a>
            </>
          )}
        </dd>
        <dt>{t('helpRequests.status.sentAt')}</dt>
        <dd>{formatDate(r.createdAt, true)}</dd>
        {r.firstContactAt && (
          <>
            <dt>{t('helpRequests.status.firstContactAt')}</dt>
            <dd>{formatDate(r.firstContactAt, true)}</dd>
          </>
        )}
        {r.closedAt && (
          <>
            <dt>{t('helpRequests.status.closedAt')}</dt>
            <dd>{formatDate(r.closedAt, true)}</dd>
          </>
        )}
      </dl>
      {r.steps.length > 0 && (
        <section aria-labelledby="help-steps-title" className="my-4">
          <h2 id="help-steps-title" className="h4">
            {t('helpRequests.status.steps')}
          </h2>
          <ol className="noi-help-steps">
            {r.steps.map((s) => (
              <li key={`${s.status}-${s.at}`}>
                <span className="fw-semibold">{t(`helpRequests.statusName.${s.status}`)}</span>
                {' – '}
                <time dateTime={s.at}>{formatDate(s.at, true)}</time>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="d-flex flex-wrap gap-3">
        <button type="button" className="btn btn-outline-primary" onClick={tracking.reload}>
          {t('helpRequests.status.refresh')}
        </button>
        <Link to="/chiedi-aiuto" className="btn btn-outline-primary">
          {t('helpRequests.status.newRequest')}
        </Link>
      </p>
    </div>
  );
}
