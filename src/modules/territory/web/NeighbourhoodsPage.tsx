import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { type TerritoryData, zoneColours } from './types.ts';
import { ZoneList } from './ZoneList.tsx';

export function NeighbourhoodsPage() {
  const { t } = useTranslation();
  const territory = useApi<TerritoryData>('/api/v1/territory');
  const colours = useMemo(
    () => (territory.state === 'ready' ? zoneColours(territory.data.zones.map((z) => z.code)) : {}),
    [territory],
  );
  usePageTitle(t('territory.list.title'));
  if (territory.state === 'error') return <ServerError error={territory.error} onRetry={territory.reload} />;
  if (territory.state === 'loading') return <Loading />;
  return (
    <div className="container my-4">
      <h1>{t('territory.list.title')}</h1>
      <p className="lead">{t('territory.list.intro', { city: territory.data.city.name })}</p>
      <h2 className="visually-hidden">{t('territory.home.zonesTitle')}</h2>
      <ZoneList territory={territory.data} colours={colours} />
    </div>
  );
}
