import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../../web/current-user.tsx';
import { formatDate } from '../../../../web/i18n/index.ts';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { ServerError } from '../../../../web/pages/ServerError.tsx';
import type { MyRequests } from './types.ts';

/** `/le-mie-richieste`: the requests a signed-in citizen has sent, newest first. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const { status, user } = useCurrentUser();
  const citizen = Boolean(user?.roles.includes('citizen'));
  usePageTitle(t('helpRequests.mine.title'));
  if (status === 'loading') return <Loading />;
  return (
    <div className="container my-4 noi-help">
      <h1>{t('helpRequests.mine.title')}</h1>
      {!user ? (
        <p className="lead">
          {t('helpRequests.mine.signedOut')}{' '}
          <Link to={signInPath('/le-mie-richieste')}>{t('helpRequests.mine.signIn')}</Link>
        </p>
      ) : !citizen ? (
        <p className="lead">{t('helpRequests.mine.notCitizen')}</p>
      ) : (
        <MyRequestsList />
      )}
      <p className="d-flex flex-wrap gap-3 mt-4">
        <Link to="/chiedi-aiuto" className="btn btn-primary">
          {t('helpRequests.mine.new')}
        </Link>
        <Link to="/segui" className="btn btn-outline-primary">
          {t('helpRequests.mine.byCode')}
        </Link>
      </p>
    </div>
  );
}

function MyRequestsList() {
  const { t } = useTranslation();
  const list = useApi<MyRequests>('/api/v1/help-requests?pageSize=100');
  if (list.state === 'error') return <ServerError error={list.error} onRetry={list.reload} />;
  if (list.state === 'loading') return <Loading />;
  const { items, total } = list.data;
  if (!items.length) return <p className="lead">{t('helpRequests.mine.none')}</p>;
  return (
    <>
      <p role="status">{t('helpRequests.mine.count', { count: total })}</p>
      <div className="table-responsive">
        <table className="table noi-help-table">
          <caption className="visually-hidden">{t('helpRequests.mine.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('helpRequests.mine.code')}</th>
              <th scope="col">{t('helpRequests.status.category')}</th>
              <th scope="col">{t('helpRequests.mine.status')}</th>
              <th scope="col">{t('helpRequests.status.who')}</th>
              <th scope="col">{t('helpRequests.status.sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/segui/${encodeURIComponent(r.trackingCode)}`}>{r.trackingCode}</Link>
                </th>
                <td>{t(`helpRequests.category.${r.category}.name`, { defaultValue: r.category })}</td>
                <td>{t(`helpRequests.statusName.${r.status}`)}</td>
                <td>
                  {r.communityPoint?.name ??
                    (r.queue === 'zone_office'
                      ? t('helpRequests.queue.zoneOffice')
                      : t('helpRequests.queue.helpline'))}
                </td>
                <td>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
