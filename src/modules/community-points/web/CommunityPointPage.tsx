import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { ServiceMap } from '../../directory/web/ServiceMap.tsx';
import type { MapPoint } from '../../directory/web/types.ts';
import { HoursList, Phone, ServedNeighbourhoods, useTerritory } from './parts.tsx';
import type { CommunityPoint } from './types.ts';

/** `/punti-comunita/:slug`: one Punto Comunità, where and when, whom it serves, and how to ask it for help. */
export function CommunityPointPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const point = useApi<CommunityPoint>(`/api/v1/community-points/${encodeURIComponent(slug)}`);
  const territory = useTerritory();
  const data = point.state === 'ready' ? point.data : null;
  const mapPoints = useMemo<MapPoint[]>(
    () =>
      data ? [{ id: data.id, lat: data.lat, lon: data.lon, title: data.name, subtitle: data.address }] : [],
    [data],
  );
  usePageTitle(data?.name);
  if (point.state === 'error') {
    if (point.error.status === 404 || point.error.status === 400) return <NotFound />;
    return <ServerError error={point.error} onRetry={point.reload} />;
  }
  if (!data) return <Loading />;
  const p = data;
  const askLink = `/chiedi-aiuto?quartiere=${encodeURIComponent(p.neighbourhood.code)}`;
  return (
    <div className="container my-4">
      <Breadcrumb trail={[{ to: '/punti-comunita', label: t('nav.communityPoints') }]} current={p.name} />
      <h1>{p.name}</h1>
      <p className="lead">{t('communityPoints.hostedBy', { host: p.hostName })}</p>
      {p.description && <p className="noi-break">{p.description}</p>}
      {p.active ? (
        <p>
          <Link to={askLink} className="btn btn-primary btn-lg">
            {t('communityPoints.point.ask')}
          </Link>
        </p>
      ) : (
        <div className="alert alert-warning" role="status">
          {t('communityPoints.point.closed')}{' '}
          <Link to="/punti-comunita">{t('communityPoints.neighbourhood.all')}</Link>
        </div>
      )}
      <div className="row mt-4">
        <div className="col-12 col-lg-6">
          <section aria-labelledby="cp-contacts" className="mb-4">
            <h2 id="cp-contacts" className="h4">
              {t('communityPoints.point.whereWhen')}
            </h2>
            <dl className="noi-cp-facts">
              <dt>{t('communityPoints.address')}</dt>
              <dd>{p.address}</dd>
              <dt>{t('communityPoints.point.inNeighbourhood')}</dt>
              <dd>
                <Link to={`/quartieri/${p.neighbourhood.code}`}>{p.neighbourhood.name}</Link> ({p.zone.name})
              </dd>
              {p.phone && (
                <>
                  <dt>{t('communityPoints.phone')}</dt>
                  <dd>
                    <Phone phone={p.phone} />
                  </dd>
                </>
              )}
              {p.email && (
                <>
                  <dt>{t('communityPoints.email')}</dt>
                  <dd className="noi-break">
                    <a href={`mailto:${p.email}`}>{p.email}</a>
                  </dd>
                </>
              )}
              <dt>{t('communityPoints.hours')}</dt>
              <dd>
                <HoursList point={p} />
              </dd>
            </dl>
          </section>
          <section aria-labelledby="cp-serves" className="mb-4">
            <h2 id="cp-serves" className="h4">
              {t('communityPoints.serves')}
            </h2>
            <p>{t('communityPoints.point.servesIntro', { count: p.neighbourhoodCodes.length })}</p>
            <ServedNeighbourhoods point={p} names={territory.names} />
          </section>
        </div>
        <div className="col-12 col-lg-6">
          <h2 className="h4">{t('communityPoints.point.mapTitle')}</h2>
          <ServiceMap
            points={mapPoints}
            className="noi-dir-map noi-dir-map-small"
            highlight={p.neighbourhoodCodes}
            label={t('communityPoints.point.mapLabel', { name: p.name })}
          />
        </div>
      </div>
    </div>
  );
}
