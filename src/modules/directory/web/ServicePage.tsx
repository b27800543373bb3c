import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { formatDate } from '../../../web/i18n/index.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { formatDay, languageName, telHref, webHref, weekdayName } from './format.ts';
import { addressLine, Breadcrumb, CategoryBadges } from './parts.tsx';
import { ServiceMap } from './ServiceMap.tsx';
import type { MapPoint, Schedule, Service, ServicePlace } from './types.ts';

/** /servizi/:id: what a service is, for whom, what it costs, how to ask, where and when. */
export function ServicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const service = useApi<Service>(`/api/v1/directory/services/${encodeURIComponent(id)}`);
  usePageTitle(service.state === 'ready' ? service.data.name : undefined);
  const points: MapPoint[] = useMemo(
    () =>
      service.state === 'ready'
        ? service.data.locations
            .filter((l) => l.latitude !== null && l.longitude !== null)
            .map((l) => ({
              id: l.serviceAtLocationId,
              lat: l.latitude as number,
              lon: l.longitude as number,
              title: l.name,
              subtitle: addressLine(l),
            }))
        : [],
    [service],
  );
  if (service.state === 'error') {
    if (service.error.status === 404 || service.error.status === 400) return <NotFound />;
    return <ServerError error={service.error} onRetry={service.reload} />;
  }
  if (service.state === 'loading') return <Loading />;
  const s = service.data;
  const contacts: { key: string; term: string; node: ReactNode }[] = [];
  if (s.phone)
    contacts.push({
      key: 'phone',
      term: t('directory.service.phone'),
      node: <a href={telHref(s.phone)}>{s.phone}</a>,
    });
  if (s.email)
    contacts.push({
      key: 'email',
      term: t('directory.service.email'),
      node: (
        <a href={`mailto:${s.email}`} className="noi-dir-break">
          {s.email}
        </a>
      ),
    });
  if (s.url)
    contacts.push({
      key: 'url',
      term: t('directory.service.website'),
      node: (
        <a href={webHref(s.url)} className="noi-dir-break">
          {s.url}
        </a>
      ),
    });

  return (
    <div className="container my-4">
      <Breadcrumb trail={[{ to: '/servizi', label: t('nav.services') }]} current={s.name} />
      <h1>{s.name}</h1>
      {s.alternateName && (
        <p className="text-muted">{t('directory.service.alsoCalled', { name: s.alternateName })}</p>
      )}
      <p className="lead mb-2">
        {t('directory.service.organization')}{' '}
        <Link to={`/organizzazioni/${s.organization.id}`}>{s.organization.name}</Link>
      </p>
      <CategoryBadges categories={s.categories} />
      {s.isDemo && <p className="small text-muted">{t('directory.service.demo')}</p>}

      <div className="row mt-4">
        <div className="col-12 col-lg-8">
          <section aria-labelledby="about-title" className="mb-4">
            <h2 id="about-title" className="h3">
              {t('directory.service.about')}
            </h2>
            <p className="noi-dir-break">{s.description}</p>
          </section>

          <section aria-labelledby="for-whom-title" className="mb-4">
            <h2 id="for-whom-title" className="h3">
              {t('directory.service.forWhom')}
            </h2>
            <dl className="noi-dir-facts">
              <dt>{t('directory.service.ages')}</dt>
              <dd>{agesText(s.minimumAge, s.maximumAge, t)}</dd>
              {s.targetGroups.length > 0 && (
                <>
                  <dt>{t('directory.service.targetGroups')}</dt>
                  <dd>{s.targetGroups.join(', ')}</dd>
                </>
              )}
              {s.eligibilityDescription && (
                <>
                  <dt>{t('directory.service.eligibility')}</dt>
                  <dd>{s.eligibilityDescription}</dd>
                </>
              )}
            </dl>
          </section>

          <section aria-labelledby="costs-title" className="mb-4">
            <h2 id="costs-title" className="h3">
              {t('directory.service.costs')}
            </h2>
            <p className="mb-1">{s.free ? t('directory.service.free') : t('directory.service.notFree')}</p>
            {s.feesDescription && <p>{s.feesDescription}</p>}
          </section>

          <section aria-labelledby="languages-title" className="mb-4">
            <h2 id="languages-title" className="h3">
              {t('directory.service.languages')}
            </h2>
            <p>
              {s.languages.length
                ? s.languages.map((code) => languageName(code)).join(', ')
                : t('directory.service.noLanguages')}
            </p>
          </section>

          <section aria-labelledby="ask-title" className="mb-4">
            <h2 id="ask-title" className="h3">
              {t('directory.service.howToAsk')}
            </h2>
            <p>{s.applicationProcess || t('directory.service.noProcess')}</p>
            {contacts.length > 0 && (
              <>
                <h3 className="h5">{t('directory.service.contacts')}</h3>
                <dl className="noi-dir-facts">
                  {contacts.map((c) => (
                    <div key={c.key}>
                      <dt>{c.term}</dt>
                      <dd>{c.node}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
        </div>
        <div className="col-12 col-lg-4">
          <div className="card card-bg mb-4">
            <div className="card-body">
              <h2 id="org-title" className="h5 card-title">
                {t('directory.service.organization')}
              </h2>
              <p className="mb-1">
                <Link to={`/organizzazioni/${s.organization.id}`}>{s.organization.name}</Link>
              </p>
              <p className="small mb-2">
                {t(`directory.organization.kinds.${s.organization.kind}`, {
                  defaultValue: t('directory.organization.kinds.other'),
                })}
              </p>
              {s.organization.phone && (
                <p className="mb-1">
                  {t('directory.service.phone')}:{' '}
                  <a href={telHref(s.organization.phone)}>{s.organization.phone}</a>
                </p>
              )}
              {s.organization.website && (
                <p className="mb-1">
                  <a href={webHref(s.organization.website)} className="noi-dir-break">
                    {s.organization.website}
                  </a>
                </p>
              )}
              <p className="mb-0 mt-2">
                <Link to={`/organizzazioni/${s.organization.id}`}>
                  {t('directory.service.moreFromOrganization', { organization: s.organization.name })}
                </Link>
              </p>
            </div>
          </div>
        </div>
      </div>

      <section aria-labelledby="places-title" className="mb-4">
        <h2 id="places-title" className="h3">
          {t('directory.service.places')}
        </h2>
        {s.locations.length ? (
          <p>{t('directory.service.placesCount', { count: s.locations.length })}</p>
        ) : (
          <p>{t('directory.service.noPlaces')}</p>
        )}
        <div className="row">
          <div className={points.length ? 'col-12 col-lg-7' : 'col-12'}>
            {s.locations.map((place) => (
              <PlaceCard key={place.serviceAtLocationId} place={place} />
            ))}
          </div>
          {points.length > 0 && (
            <div className="col-12 col-lg-5">
              <div className="noi-dir-sticky">
                <h3 className="h4">{t('directory.service.mapTitle')}</h3>
                <ServiceMap
                  points={points}
                  className="noi-dir-map noi-dir-map-small"
                  highlight={s.locations.flatMap((l) => (l.neighbourhood ? [l.neighbourhood.code] : []))}
                  label={t('directory.service.mapLabel', { name: s.name })}
                />
              </div>
            </div>
          )}
        </div>
      </section>

      <p className="text-muted" data-testid="last-verified">
        {s.lastVerifiedAt
          ? t('directory.service.lastVerified', { date: formatDate(s.lastVerifiedAt) })
          : t('directory.service.neverVerified')}
      </p>
    </div>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function agesText(min: number | null, max: number | null, t: T): string {
  if (min !== null && max !== null) return t('directory.service.agesBetween', { min, max });
  if (min !== null && min > 0) return t('directory.service.agesFrom', { min });
  if (max !== null) return t('directory.service.agesTo', { max });
  return t('directory.service.allAges');
}

/** One place of the service: address, neighbourhood, hours, closures, access, transport. */
function PlaceCard({ place }: { place: ServicePlace }) {
  const { t } = useTranslation();
  const weekly = place.schedules.filter((s) => s.weekday !== null && !s.closed);
  const closures = place.schedules.filter((s) => s.weekday === null || s.closed);
  const titleId = `place-${place.id}`;
  return (
    <section className="noi-dir-place" aria-labelledby={titleId}>
      <h3 id={titleId} className="h4" tabIndex={-1}>
        {place.name}
      </h3>
      {weekly.length > 0 && (
        <p>
          {place.openNow ? (
            <span className="badge bg-success">{t('directory.service.openNowYes')}</span>
          ) : (
            <span className="badge text-bg-light">{t('directory.service.openNowNo')}</span>
          )}
        </p>
      )}
      <dl className="noi-dir-facts">
        <dt>{t('directory.service.address')}</dt>
        <dd>
          <address className="mb-0">{addressLine(place)}</address>
        </dd>
        {place.neighbourhood && (
          <>
            <dt>{t('directory.service.neighbourhood')}</dt>
            <dd>
              <Link to={`/quartieri/${place.neighbourhood.code}`}>{place.neighbourhood.name}</Link>
            </dd>
          </>
        )}
        {place.zone && (
          <>
            <dt>{t('directory.service.zone')}</dt>
            <dd>
              {place.zone.name} ·{' '}
              <Link to={`/servizi?zone=${encodeURIComponent(place.zone.code)}`}>
                {t('directory.service.zoneServices', { zone: place.zone.name })}
              </Link>
            </dd>
          </>
        )}
        {place.phone && (
          <>
            <dt>{t('directory.service.phone')}</dt>
            <dd>
              <a href={telHref(place.phone)}>{place.phone}</a>
            </dd>
          </>
        )}
      </dl>

      <h4 className="h5">{t('directory.service.hours')}</h4>
      {weekly.length > 0 ? (
        <HoursTable place={place} weekly={weekly} />
      ) : (
        <p>{t('directory.service.noHours')}</p>
      )}

      {closures.length > 0 && (
        <>
          <h4 className="h5">{t('directory.service.closures')}</h4>
          <ul>
            {closures.map((c) => (
              <li key={`${c.weekday}-${c.validFrom}-${c.validTo}-${c.opensAt}-${c.description}`}>
                {closureText(c, t)}
                {c.description && ` – ${c.description}`}
              </li>
            ))}
          </ul>
        </>
      )}

      {(place.wheelchairAccessible !== null || place.accessibility) && (
        <>
          <h4 className="h5">{t('directory.service.accessibility')}</h4>
          {place.wheelchairAccessible !== null && (
            <p className="mb-1">
              {place.wheelchairAccessible
                ? t('directory.service.wheelchairYes')
                : t('directory.service.wheelchairNo')}
            </p>
          )}
          {place.accessibility && <p>{place.accessibility}</p>}
        </>
      )}

      {place.transportation && (
        <>
          <h4 className="h5">{t('directory.service.transport')}</h4>
          <p className="mb-0">{place.transportation}</p>
        </>
      )}
    </section>
  );
}

function HoursTable({ place, weekly }: { place: ServicePlace; weekly: Schedule[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-responsive">
      <table className="table table-sm noi-dir-hours">
        <caption className="visually-hidden">
          {t('directory.service.hoursCaption', { place: place.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('directory.service.day')}</th>
            <th scope="col">{t('directory.service.time')}</th>
          </tr>
        </thead>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => {
            const slots = weekly.filter((s) => s.weekday === day);
            return (
              <tr key={day}>
                <th scope="row">{weekdayName(day)}</th>
                <td>
                  {slots.length
                    ? slots.map((s) => (
                        <div key={`${s.opensAt}-${s.validFrom}`}>
                          {t('directory.service.timeRange', { from: s.opensAt, to: s.closesAt })}
                          {validity(s, t)}
                          {s.description && ` – ${s.description}`}
                        </div>
                      ))
                    : t('directory.service.closed')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function validity(s: Schedule, t: T): string {
  if (s.validFrom && s.validTo)
    return ` (${t('directory.service.validBetween', { from: formatDay(s.validFrom), to: formatDay(s.validTo) })})`;
  if (s.validFrom) return ` (${t('directory.service.validFrom', { from: formatDay(s.validFrom) })})`;
  if (s.validTo) return ` (${t('directory.service.validTo', { to: formatDay(s.validTo) })})`;
  return '';
}

function closureText(c: Schedule, t: T): string {
  if (!c.closed)
    return `${t('directory.service.timeRange', { from: c.opensAt, to: c.closesAt })}${validity(c, t)}`;
  if (c.weekday !== null && c.closed) {
    return `${t('directory.service.closed')}: ${weekdayName(c.weekday)}${validity(c, t)}`;
  }
  if (c.validFrom && c.validTo && c.validFrom !== c.validTo)
    return t('directory.service.closureBetween', { from: formatDay(c.validFrom), to: formatDay(c.validTo) });
  if (c.validFrom && (!c.validTo || c.validTo === c.validFrom))
    return c.validTo
      ? t('directory.service.closureOn', { date: formatDay(c.validFrom) })
      : t('directory.service.closureFrom', { from: formatDay(c.validFrom) });
  return t('directory.service.closed');
}
