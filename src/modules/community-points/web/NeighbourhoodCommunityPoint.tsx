import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { HoursList, Phone } from './parts.tsx';
import type { CommunityPointList } from './types.ts';

/** On a neighbourhood's page: the Punto Comunità that serves it, and how to ask it for help. */
export function NeighbourhoodCommunityPoint({ code }: { code: string }) {
  const { t } = useTranslation();
  const list = useApi<CommunityPointList>(
    `/api/v1/community-points?neighbourhood=${encodeURIComponent(code)}`,
  );
  const titleId = `cp-section-${code}`;
  return (
    <section aria-labelledby={titleId} className="my-4" data-testid="community-point-section">
      <h2 id={titleId} className="h3">
        {t('communityPoints.neighbourhood.title')}
      </h2>
      {list.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {list.state === 'error' && <p role="alert">{list.error.problem.detail}</p>}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p>
            {t('communityPoints.neighbourhood.none')}{' '}
            <Link to="/punti-comunita">{t('communityPoints.neighbourhood.all')}</Link>
          </p>
        ) : (
          list.data.items.map((p) => (
            <div key={p.id} className="card card-bg mb-3">
              <div className="card-body">
                <h3 className="card-title h5">
                  <Link to={`/punti-comunita/${p.slug}`}>{p.name}</Link>
                </h3>
                <p className="mb-1">{p.address}</p>
                {p.phone && (
                  <p className="mb-1">
                    {t('communityPoints.phone')}: <Phone phone={p.phone} />
                  </p>
                )}
                <HoursList point={p} />
                <p className="mt-3 mb-0">
                  <Link
                    to={`/chiedi-aiuto?quartiere=${encodeURIComponent(code)}`}
                    className="btn btn-outline-primary"
                  >
                    {t('communityPoints.point.ask')}
                  </Link>
                </p>
              </div>
            </div>
          ))
        ))}
    </section>
  );
}
