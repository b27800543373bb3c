import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { homeSections } from '../../../web/modules.ts';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { CityMap } from './CityMap.tsx';
import { type MapData, type TerritoryData, zoneColours } from './types.ts';
import { ZoneList } from './ZoneList.tsx';

/** Home: the city's zones and neighbourhoods on a map and as lists. */
export function HomePage() {
  const { t } = useTranslation();
  const territory = useApi<TerritoryData>('/api/v1/territory');
  const map = useApi<MapData>('/api/v1/territory/map');
  const colours = useMemo(
    () => (territory.state === 'ready' ? zoneColours(territory.data.zones.map((z) => z.code)) : {}),
    [territory],
  );
  usePageTitle(undefined);
  if (territory.state === 'error') return <ServerError error={territory.error} onRetry={territory.reload} />;
  if (territory.state === 'loading') return <Loading />;
  const { city, zones } = territory.data;
  const count = zones.reduce((n, z) => n + z.neighbourhoods.length, 0);
  return (
    <div className="container my-4">
      {homeSections.map(({ id, Component }) => (
        <Component key={id} />
      ))}
      <h1>{t('territory.home.title', { city: city.name })}</h1>
      <p className="lead">{t('territory.home.intro', { zones: zones.length, neighbourhoods: count })}</p>
      <section aria-labelledby="map-title" className="my-4">
        <h2 id="map-title" className="h3">
          {t('territory.home.mapTitle')}
        </h2>
        {map.state === 'ready' && (
          <CityMap map={map.data} colours={colours} label={t('territory.map.label', { city: city.name })} />
        )}
        {map.state === 'error' && <p role="alert">{map.error.problem.detail}</p>}
      </section>
      <section aria-labelledby="zones-title" className="my-4">
        <h2 id="zones-title" className="h3">
          {t('territory.home.zonesTitle')}
        </h2>
        <ZoneList territory={territory.data} colours={colours} />
      </section>
    </div>
  );
}
