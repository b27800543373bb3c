import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDistance } from './format.ts';
import type { Place, Ref, ServiceSummary } from './types.ts';

/** Bootstrap Italia breadcrumb: Home / … / the current page. */
export function Breadcrumb({ trail, current }: { trail: { to: string; label: string }[]; current: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('directory.breadcrumb')} className="breadcrumb-container">
      <ol className="breadcrumb">
        {[{ to: '/', label: t('nav.home') }, ...trail].map((item) => (
          <li className="breadcrumb-item" key={item.to}>
            <Link to={item.to}>{item.label}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
        ))}
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}

/** Categories as badges, in a list so screen readers count them. */
export function CategoryBadges({ categories }: { categories: Ref[] }) {
  const { t } = useTranslation();
  if (!categories.length) return null;
  return (
    <ul className="noi-dir-badges" aria-label={t('directory.item.categories')}>
      {categories.map((c) => (
        <li key={c.code}>
          <span className="badge noi-dir-category">{c.name}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Via Volta 44, 25126 Brescia". */
export function addressLine(place: Pick<Place, 'address' | 'postalCode' | 'locality'>): string {
  const town = [place.postalCode, place.locality].filter(Boolean).join(' ');
  return [place.address, town].filter(Boolean).join(', ');
}

/** One search result: name as a link, who offers it, where, and what matters at a glance. */
export function ResultItem({
  item,
  number,
  headingLevel = 3,
}: {
  item: ServiceSummary;
  number?: number;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const loc = item.location;
  return (
    <article aria-labelledby={`service-${item.id}`}>
      <Heading className="h5 mb-1" id={`service-${item.id}`}>
        {number !== undefined && (
          <span className="noi-dir-number" aria-hidden="true">
            {number}
          </span>
        )}
        <Link to={`/servizi/${item.id}`}>{item.name}</Link>
      </Heading>
      <p className="mb-1">{t('directory.item.by', { organization: item.organization.name })}</p>
      <CategoryBadges categories={item.categories} />
      <p className="mb-1">
        <span className="fw-semibold">{t('directory.item.where')}</span> {addressLine(loc)}
        {loc.neighbourhood && <> · {t('directory.item.neighbourhood', { name: loc.neighbourhood.name })}</>}
      </p>
      {(item.openNow || item.free || item.distanceMeters !== null) && (
        <ul className="noi-dir-badges mb-0">
          {item.openNow && (
            <li>
              <span className="badge bg-success">{t('directory.item.openNow')}</span>
            </li>
          )}
          {item.free && (
            <li>
              <span className="badge bg-primary">{t('directory.item.free')}</span>
            </li>
          )}
          {item.distanceMeters !== null && (
            <li>
              <span className="badge text-bg-light">
                {t('directory.item.distance', { distance: formatDistance(item.distanceMeters) })}
              </span>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}

/** A labelled fact in a description list. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
