import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { neighbourhoodSections } from '../../../web/modules.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { CityMap } from './CityMap.tsx';
import { type MapData, type NeighbourhoodData, type TerritoryData, zoneColours } from './types.ts';

/** A neighbourhood: its zone and office, where it is, and what every module has to say about it. */
export function NeighbourhoodPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const n = useApi<NeighbourhoodData>(`/api/v1/territory/neighbourhoods/${encodeURIComponent(code)}`);
  const territory = useApi<TerritoryData>('/api/v1/territory');
  const map = useApi<MapData>('/api/v1/territory/map');
  const colours = useMemo(
    () => (territory.state === 'ready' ? zoneColours(territory.data.zones.map((z) => z.code)) : {}),
    [territory],
  );
  usePageTitle(n.state === 'ready' ? n.data.name : undefined);
  if (n.state === 'error') {
    if (n.error.status === 404 || n.error.status === 400) return <NotFound />;
    return <ServerError error={n.error} onRetry={n.reload} />;
  }
  if (n.state === 'loading') return <Loading />;
  const d = n.data;
  return (
    <div className="container my-4">
      <nav aria-label={t('territory.neighbourhood.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/">{t('nav.home')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item">
            <Link to="/quartieri">{t('nav.neighbourhoods')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {d.name}
          </li>
        </ol>
      </nav>
      <h1>{d.name}</h1>
      {d.alsoCalled && (
        <p className="text-muted">{t('territory.neighbourhood.alsoCalled', { names: d.alsoCalled })}</p>
      )}
      <div className="row">
        <div className="col-12 col-lg-6">
          <section aria-labelledby="zone-title" className="mb-4">
            <h2 id="zone-title" className="h4">
              {t('territory.neighbourhood.zone', { zone: d.zone.name })}
            </h2>
            <p className="mb-1">{t('territory.neighbourhood.officeIntro')}</p>
            {d.zone.office.address && <p className="mb-1">{d.zone.office.address}</p>}
            {d.zone.office.phone && (
              <p>
                {t('territory.zone.phone')}:{' '}
                <a href={`tel:${d.zone.office.phone.replace(/\s+/g, '')}`}>{d.zone.office.phone}</a>
              </p>
            )}
            {d.istatCode && (
              <p className="small text-muted">{t('territory.neighbourhood.istat', { code: d.istatCode })}</p>
            )}
          </section>
        </div>
        <div className="col-12 col-lg-6">
          {map.state === 'ready' && (
            <CityMap
              map={map.data}
              colours={colours}
              highlight={d.code}
              className="noi-map noi-map-small"
              label={t('territory.neighbourhood.mapLabel', { name: d.name })}
            />
          )}
        </div>
      </div>
      {neighbourhoodSections.map(({ id, Component }) => (
        <Component key={id} code={d.code} />
      ))}
    </div>
  );
}
