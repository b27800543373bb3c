import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../../web/api.ts';
import type { CommunityPoint } from '../../../community-points/web/types.ts';
import { telHref } from '../../../directory/web/format.ts';
import type { NeighbourhoodData } from '../../../territory/web/types.ts';
import type { Created } from './types.ts';

/** After sending: the tracking code, big; who will get in touch and their phone; how to follow it. */
export function HelpSent({ created, onAgain }: { created: Created; onAgain: () => void }) {
  const { t } = useTranslation();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    title.current?.focus();
    window.scrollTo(0, 0);
  }, []);
  const hub = useApi<CommunityPoint>(
    created.communityPoint
      ? `/api/v1/community-points/${encodeURIComponent(created.communityPoint.id)}`
      : null,
  );
  const place = useApi<NeighbourhoodData>(
    created.queue === 'zone_office'
      ? `/api/v1/territory/neighbourhoods/${encodeURIComponent(created.neighbourhood.code)}`
      : null,
  );
  const phone =
    created.queue === 'community_point'
      ? hub.state === 'ready'
        ? hub.data.phone
        : null
      : created.queue === 'zone_office' && place.state === 'ready'
        ? place.data.zone.office.phone
        : null;
  const who =
    created.queue === 'community_point' && created.communityPoint
      ? created.communityPoint.name
      : created.queue === 'zone_office'
        ? t('helpRequests.queue.zoneOfficeOf', { zone: created.zone.name })
        : t('helpRequests.queue.helpline');
  const trackPath = `/segui/${encodeURIComponent(created.trackingCode)}`;
  return (
    <div className="container my-4 noi-help">
      <h1 ref={title} tabIndex={-1} className="noi-focus-target">
        {t('helpRequests.sent.title')}
      </h1>
      <p className="lead">{t('helpRequests.sent.intro')}</p>
      <section aria-labelledby="help-code-title" className="noi-help-code-box my-4">
        <h2 id="help-code-title" className="h4">
          {t('helpRequests.sent.codeTitle')}
        </h2>
        <p className="noi-help-code" data-testid="tracking-code">
          {created.trackingCode}
        </p>
        <p className="mb-0">{t('helpRequests.sent.codeHint')}</p>
      </section>
      <section aria-labelledby="help-who-title" className="my-4">
        <h2 id="help-who-title" className="h4">
          {t('helpRequests.sent.whoTitle')}
        </h2>
        <p data-testid="help-who">{t('helpRequests.sent.who', { who })}</p>
        {phone && (
          <p>
            {t('helpRequests.sent.phone')} <a href={telHref(phone)}>{phone}</a>
          </p>
        )}
        {created.queue === 'community_point' && hub.state === 'ready' && (
          <p>
            <Link to={`/punti-comunita/${hub.data.slug}`}>
              {t('helpRequests.sent.hubPage', { name: hub.data.name })}
            </Link>
          </p>
        )}
      </section>
      <p className="d-flex flex-wrap gap-3">
        <Link to={trackPath} className="btn btn-primary btn-lg">
          {t('helpRequests.sent.track')}
        </Link>
        <button type="button" className="btn btn-outline-primary btn-lg" onClick={onAgain}>
          {t('helpRequests.sent.again')}
        </button>
      </p>
    </div>
  );
}
