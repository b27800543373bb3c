import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../../web/api.ts';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { LoadFailure } from '../../../identity/web/access.tsx';
import { byName } from '../format.ts';
import { useTerritory } from '../parts.tsx';
import type { CommunityPointRegister } from '../types.ts';
import { AdminOnly } from './admin-parts.tsx';

/** `/admin/punti-comunita`: the register of the Punti Comunità, for the city. */
export function CommunityPointsAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('communityPointsAdmin.list.title'));
  return (
    <AdminOnly>
      <div className="container my-5">
        <h1>{t('communityPointsAdmin.list.title')}</h1>
        <p className="lead">{t('communityPointsAdmin.list.intro')}</p>
        <p>
          <Link to="/admin/punti-comunita/nuovo" className="btn btn-primary">
            {t('communityPointsAdmin.list.new')}
          </Link>
        </p>
        <Register />
      </div>
    </AdminOnly>
  );
}

function Register() {
  const { t } = useTranslation();
  const register = useApi<CommunityPointRegister>('/api/v1/admin/community-points');
  const territory = useTerritory();
  if (register.state === 'error') return <LoadFailure error={register.error} onRetry={register.reload} />;
  // Wait for the neighbourhoods' names too: codes would flash in their place.
  if (register.state === 'loading' || !territory.ready) return <Loading />;
  const { items, uncovered } = register.data;
  const active = items.filter((p) => p.active).length;
  return (
    <>
      <section aria-labelledby="cp-admin-coverage" className="mt-4">
        <h2 id="cp-admin-coverage" className="h4">
          {t('communityPointsAdmin.list.coverageTitle')}
        </h2>
        {uncovered.length === 0 ? (
          <p>{t('communityPointsAdmin.list.allCovered')}</p>
        ) : (
          <div className="alert alert-warning noi-alert" data-testid="cp-uncovered">
            <p className="fw-semibold mb-1">
              {t('communityPointsAdmin.list.uncovered', { count: uncovered.length })}
            </p>
            <ul className="mb-2">
              {uncovered.map((n) => (
                <li key={n.code}>
                  <Link to={`/quartieri/${n.code}`}>{n.name}</Link> ({n.zone.name})
                </li>
              ))}
            </ul>
            <p className="mb-0">{t('communityPointsAdmin.list.uncoveredHint')}</p>
          </div>
        )}
      </section>
      <section aria-labelledby="cp-admin-list" className="mt-4">
        <h2 id="cp-admin-list" className="h4">
          {t('communityPointsAdmin.list.listTitle')}
        </h2>
        <p>{t('communityPointsAdmin.list.count', { count: items.length, active })}</p>
        <div className="table-responsive">
          <table className="table noi-cp-admin-table">
            <caption className="visually-hidden">{t('communityPointsAdmin.list.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('communityPointsAdmin.list.name')}</th>
                <th scope="col">{t('communityPointsAdmin.list.zone')}</th>
                <th scope="col">{t('communityPoints.serves')}</th>
                <th scope="col">{t('communityPointsAdmin.list.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('communityPointsAdmin.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.slug} data-slug={p.slug}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/punti-comunita/${p.slug}`}>{p.name}</Link>
                    <div className="small text-muted">
                      {t('communityPointsAdmin.list.code', { slug: p.slug })}
                    </div>
                  </th>
                  <td>{p.zone.name}</td>
                  <td>
                    {byName(p.neighbourhoodCodes, (c) => territory.names[c] ?? c)
                      .map((c) => territory.names[c] ?? c)
                      .join(', ')}
                  </td>
                  <td>
                    {p.active ? (
                      <span className="noi-cp-state noi-cp-state-on">
                        {t('communityPointsAdmin.list.active')}
                      </span>
                    ) : (
                      <span className="noi-cp-state noi-cp-state-off">
                        {t('communityPointsAdmin.list.inactive')}
                      </span>
                    )}
                  </td>
                  <td>
                    <Link
                      to={`/admin/punti-comunita/${p.slug}/modifica`}
                      className="btn btn-outline-primary btn-sm"
                    >
                      {t('communityPointsAdmin.list.edit')}
                      <span className="visually-hidden"> {p.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
