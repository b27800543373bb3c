import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { telHref } from '../../directory/web/format.ts';
import type { TerritoryData } from '../../territory/web/types.ts';
import { byName, hoursInWords } from './format.ts';
import type { CommunityPoint } from './types.ts';

/** The city's zones and a name for each neighbourhood code (from GET /api/v1/territory). */
export function useTerritory() {
  const territory = useApi<TerritoryData>('/api/v1/territory');
  const data = territory.state === 'ready' ? territory.data : null;
  return useMemo(() => {
    const names: Record<string, string> = {};
    for (const z of data?.zones ?? []) for (const n of z.neighbourhoods) names[n.code] = n.name;
    return { zones: data ? byName(data.zones, (z) => z.name) : [], names, ready: data !== null };
  }, [data]);
}

/** The opening hours, one day a line ("lunedì 9:00–12:00"), or a word saying there are none. */
export function HoursList({ point }: { point: CommunityPoint }) {
  const { t } = useTranslation();
  const lines = hoursInWords(point.hours);
  if (!lines.length) return <p className="mb-1">{t('communityPoints.hoursNone')}</p>;
  return (
    <ul className="list-unstyled mb-1 noi-cp-hours">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The neighbourhoods a hub serves, as links to their pages. */
export function ServedNeighbourhoods({
  point,
  names,
}: {
  point: CommunityPoint;
  names: Record<string, string>;
}) {
  const list = byName(point.neighbourhoodCodes, (c) => names[c] ?? c);
  return (
    <ul className="noi-cp-inline">
      {list.map((code) => (
        <li key={code}>
          <Link to={`/quartieri/${code}`}>{names[code] ?? code}</Link>
        </li>
      ))}
    </ul>
  );
}

/** A telephone number as a link that calls it. */
export function Phone({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}

/** One hub in the list: name as a link, host, address, phone, hours, neighbourhoods served. */
export function HubCard({
  point,
  names,
  number,
}: {
  point: CommunityPoint;
  names: Record<string, string>;
  number?: number;
}) {
  const { t } = useTranslation();
  const titleId = `cp-${point.slug}`;
  return (
    <article className="card card-bg h-100 noi-cp-card" aria-labelledby={titleId}>
      <div className="card-body">
        <h3 id={titleId} className="card-title h5">
          {number !== undefined && (
            <span className="noi-dir-number" aria-hidden="true">
              {number}
            </span>
          )}
          <Link to={`/punti-comunita/${point.slug}`}>{point.name}</Link>
        </h3>
        <p className="mb-2 text-muted">{t('communityPoints.hostedBy', { host: point.hostName })}</p>
        <dl className="noi-cp-facts mb-0">
          <dt>{t('communityPoints.address')}</dt>
          <dd>{point.address}</dd>
          {point.phone && (
            <>
              <dt>{t('communityPoints.phone')}</dt>
              <dd>
                <Phone phone={point.phone} />
              </dd>
            </>
          )}
          <dt>{t('communityPoints.hours')}</dt>
          <dd>
            <HoursList point={point} />
          </dd>
          <dt>{t('communityPoints.serves')}</dt>
          <dd>
            <ServedNeighbourhoods point={point} names={names} />
          </dd>
        </dl>
      </div>
    </article>
  );
}
