import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { formatDate } from '../../../web/i18n/index.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { telHref, webHref } from './format.ts';
import { addressLine, Breadcrumb, CategoryBadges } from './parts.tsx';
import { ServiceMap } from './ServiceMap.tsx';
import type { MapPoint, Organization } from './types.ts';

/** /organizzazioni/:id: who they are, how to reach them, where they are, what they offer. */
export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const org = useApi<Organization>(`/api/v1/directory/organizations/${encodeURIComponent(id)}`);
  usePageTitle(org.state === 'ready' ? org.data.name : undefined);
  const points: MapPoint[] = useMemo(
    () =>
      org.state === 'ready'
        ? org.data.locations
            .filter((l) => l.latitude !== null && l.longitude !== null)
            .map((l) => ({
              id: l.id,
              lat: l.latitude as number,
              lon: l.longitude as number,
              title: l.name,
              subtitle: addressLine(l),
            }))
        : [],
    [org],
  );
  if (org.state === 'error') {
    if (org.error.status === 404 || org.error.status === 400) return <NotFound />;
    return <ServerError error={org.error} onRetry={org.reload} />;
  }
  if (org.state === 'loading') return <Loading />;
  const o = org.data;
  const kind = t(`directory.organization.kinds.${o.kind}`, {
    defaultValue: t('directory.organization.kinds.other'),
  });
  const hasContacts = Boolean(o.phone || o.email || o.website);

  return (
    <div className="container my-4">
      <Breadcrumb trail={[{ to: '/servizi', label: t('nav.services') }]} current={o.name} />
      <h1>{o.name}</h1>
      {o.alternateName && (
        <p className="text-muted">{t('directory.organization.alsoCalled', { name: o.alternateName })}</p>
      )}
      <p className="lead">
        <span className="visually-hidden">{t('directory.organization.kind')}: </span>
        {kind}
      </p>
      {o.isDemo && <p className="small text-muted">{t('directory.organization.demo')}</p>}

      <div className="row mt-4">
        <div className="col-12 col-lg-8">
          {o.description && (
            <section aria-labelledby="org-about-title" className="mb-4">
              <h2 id="org-about-title" className="h3">
                {t('directory.organization.about')}
              </h2>
              <p className="noi-dir-break">{o.description}</p>
            </section>
          )}

          <section aria-labelledby="org-services-title" className="mb-4">
            <h2 id="org-services-title" className="h3">
              {t('directory.organization.services')}
            </h2>
            {o.services.length ? (
              <ul className="noi-dir-results">
                {o.services.map((s) => (
                  <li key={s.id}>
                    <h3 className="h5 mb-1">
                      <Link to={`/servizi/${s.id}`}>{s.name}</Link>
                    </h3>
                    <CategoryBadges categories={s.categories} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('directory.organization.noServices')}</p>
            )}
          </section>
        </div>
        <div className="col-12 col-lg-4">
          <section aria-labelledby="org-contacts-title" className="card card-bg mb-4">
            <div className="card-body">
              <h2 id="org-contacts-title" className="h5 card-title">
                {t('directory.organization.contacts')}
              </h2>
              {hasContacts ? (
                <dl className="noi-dir-facts mb-0">
                  {o.phone && (
                    <>
                      <dt>{t('directory.service.phone')}</dt>
                      <dd>
                        <a href={telHref(o.phone)}>{o.phone}</a>
                      </dd>
                    </>
                  )}
                  {o.email && (
                    <>
                      <dt>{t('directory.service.email')}</dt>
                      <dd>
                        <a href={`mailto:${o.email}`} className="noi-dir-break">
                          {o.email}
                        </a>
                      </dd>
                    </>
                  )}
                  {o.website && (
                    <>
                      <dt>{t('directory.service.website')}</dt>
                      <dd>
                        <a href={webHref(o.website)} className="noi-dir-break">
                          {o.website}
                        </a>
                      </dd>
                    </>
                  )}
                  {o.taxId && (
                    <>
                      <dt>{t('directory.organization.taxId')}</dt>
                      <dd>{o.taxId}</dd>
                    </>
                  )}
                </dl>
              ) : (
                <p className="mb-0">{t('directory.organization.noContacts')}</p>
              )}
            </div>
          </section>
        </div>
      </div>

      <section aria-labelledby="org-places-title" className="mb-4">
        <h2 id="org-places-title" className="h3">
          {t('directory.organization.places')}
        </h2>
        {o.locations.length === 0 && <p>{t('directory.organization.noPlaces')}</p>}
        <div className="row">
          <div className={points.length ? 'col-12 col-lg-7' : 'col-12'}>
            {o.locations.map((place) => (
              <section key={place.id} className="noi-dir-place" aria-labelledby={`org-place-${place.id}`}>
                <h3 id={`org-place-${place.id}`} className="h5">
                  {place.name}
                </h3>
                <address className="mb-1">{addressLine(place)}</address>
                {place.neighbourhood && (
                  <p className="mb-1">
                    {t('directory.service.neighbourhood')}:{' '}
                    <Link to={`/quartieri/${place.neighbourhood.code}`}>{place.neighbourhood.name}</Link>
                    {place.zone && ` · ${place.zone.name}`}
                  </p>
                )}
                {place.phone && (
                  <p className="mb-1">
                    {t('directory.service.phone')}: <a href={telHref(place.phone)}>{place.phone}</a>
                  </p>
                )}
                {place.wheelchairAccessible !== null && (
                  <p className="mb-1">
                    {place.wheelchairAccessible
                      ? t('directory.service.wheelchairYes')
                      : t('directory.service.wheelchairNo')}
                  </p>
                )}
                {place.accessibility && <p className="mb-1">{place.accessibility}</p>}
                {place.transportation && (
                  <p className="mb-0">
                    {t('directory.service.transport')}: {place.transportation}
                  </p>
                )}
              </section>
            ))}
          </div>
          {points.length > 0 && (
            <div className="col-12 col-lg-5">
              <ServiceMap
                points={points}
                className="noi-dir-map noi-dir-map-small"
                highlight={o.locations.flatMap((l) => (l.neighbourhood ? [l.neighbourhood.code] : []))}
                label={t('directory.organization.mapLabel', { name: o.name })}
              />
            </div>
          )}
        </div>
      </section>

      <p className="text-muted">
        {o.lastVerifiedAt
          ? t('directory.service.lastVerified', { date: formatDate(o.lastVerifiedAt) })
          : t('directory.service.neverVerified')}
      </p>
    </div>
  );
}
