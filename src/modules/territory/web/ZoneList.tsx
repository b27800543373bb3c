import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TerritoryData } from './types.ts';

/** The zones, each with its office and its neighbourhoods as links: the text alternative of the map. */
export function ZoneList({
  territory,
  colours,
}: {
  territory: TerritoryData;
  colours: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <div className="row">
      {territory.zones.map((zone) => (
        <section
          key={zone.code}
          className="col-12 col-md-6 col-lg-4 mb-4"
          aria-labelledby={`zone-${zone.code}`}
        >
          <div className="card card-bg h-100">
            <div className="card-body">
              <h3 id={`zone-${zone.code}`} className="card-title h5">
                <span
                  className="noi-zone-swatch"
                  style={{ background: colours[zone.code] }}
                  aria-hidden="true"
                />
                {zone.name}
              </h3>
              {zone.office.address && (
                <p className="small mb-1">
                  <strong>{t('territory.zone.office')}:</strong> {zone.office.address}
                </p>
              )}
              {zone.office.phone && (
                <p className="small">
                  <strong>{t('territory.zone.phone')}:</strong>{' '}
                  <a href={`tel:${zone.office.phone.replace(/\s+/g, '')}`}>{zone.office.phone}</a>
                </p>
              )}
              <ul className="list-unstyled mb-0">
                {zone.neighbourhoods.map((n) => (
                  <li key={n.code}>
                    <Link to={`/quartieri/${n.code}`}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
