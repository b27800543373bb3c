import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { ServiceMap } from '../../directory/web/ServiceMap.tsx';
import type { MapPoint } from '../../directory/web/types.ts';
import { byName } from './format.ts';
import { HubCard, useTerritory } from './parts.tsx';
import type { CommunityPointList } from './types.ts';

/** `/punti-comunita`: every Punto Comunità on a map and as cards, narrowed by zone. */
export function CommunityPointsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zone = params.get('zona') ?? '';
  const territory = useTerritory();
  const list = useApi<CommunityPointList>(
    `/api/v1/community-points${zone ? `?zone=${encodeURIComponent(zone)}` : ''}`,
  );
  const zoneId = useId();
  usePageTitle(t('communityPoints.list.title'));
  const items = useMemo(() => (list.state === 'ready' ? byName(list.data.items, (p) => p.name) : []), [list]);
  const points = useMemo<MapPoint[]>(
    () =>
      items.map((p) => ({
        id: p.id,
        lat: p.lat,
        lon: p.lon,
        title: p.name,
        subtitle: p.address,
        href: `/punti-comunita/${p.slug}`,
      })),
    [items],
  );
  const served = useMemo(() => items.flatMap((p) => p.neighbourhoodCodes), [items]);
  if (list.state === 'error' && list.error.status !== 400)
    return <ServerError error={list.error} onRetry={list.reload} />;
  const zoneName = territory.zones.find((z) => z.code === zone)?.name;
  return (
    <div className="container my-4">
      <Breadcrumb trail={[]} current={t('communityPoints.list.title')} />
      <h1>{t('communityPoints.list.title')}</h1>
      <p className="lead">{t('communityPoints.list.intro')}</p>
      <p>
        <Link to="/chiedi-aiuto" className="btn btn-primary">
          {t('communityPoints.askForHelp')}
        </Link>
      </p>
      <div className="noi-cp-filter my-4">
        <label htmlFor={zoneId}>{t('communityPoints.list.zone')}</label>
        <select
          id={zoneId}
          className="form-select"
          value={zone}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set('zona', e.target.value);
            else next.delete('zona');
            setParams(next);
          }}
        >
          <option value="">{t('communityPoints.list.anyZone')}</option>
          {territory.zones.map((z) => (
            <option key={z.code} value={z.code}>
              {z.name}
            </option>
          ))}
        </select>
      </div>
      {list.state === 'loading' && <Loading />}
      <p role="status" className="fw-semibold" data-testid="cp-count">
        {list.state === 'ready' &&
          (zoneName
            ? t('communityPoints.list.countInZone', { count: items.length, zone: zoneName })
            : t('communityPoints.list.count', { count: items.length }))}
      </p>
      {list.state === 'ready' && (
        <div className="row">
          <div className="col-12 col-lg-7">
            <h2 className="h4">{t('communityPoints.list.listTitle')}</h2>
            <ul className="noi-cp-list row g-3">
              {items.map((p, i) => (
                <li key={p.id} className="col-12">
                  <HubCard point={p} names={territory.names} number={i + 1} />
                </li>
              ))}
            </ul>
          </div>
          <div className="col-12 col-lg-5">
            <div className="noi-dir-sticky">
              <h2 className="h4">{t('communityPoints.list.mapTitle')}</h2>
              <ServiceMap
                points={points}
                numbered
                highlight={served}
                label={t('communityPoints.list.mapLabel')}
              />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
