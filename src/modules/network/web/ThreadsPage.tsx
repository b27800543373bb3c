import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure } from '../../identity/web/access.tsx';
import { KindLabel, NetworkGate, UnreadBadge, When } from './parts.tsx';
import type { ThreadList, ThreadSummary } from './types.ts';

/** `/rete`: the threads of my hubs (or the city's), most recent first, with what is unread. */
export function ThreadsPage() {
  const { t } = useTranslation();
  usePageTitle(t('network.title'));
  return (
    <NetworkGate>
      <Threads />
    </NetworkGate>
  );
}

function Threads() {
  const { t } = useTranslation();
  const list = useApi<ThreadList>('/api/v1/network/threads?pageSize=100');
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error') return <LoadFailure error={list.error} onRetry={list.reload} />;
  const { items, unreadTotal, total } = list.data;
  return (
    <div className="container my-5 noi-net">
      <h1>{t('network.title')}</h1>
      <p className="lead">{t('network.intro')}</p>
      <p>
        <Link to="/rete/nuova" className="btn btn-primary">
          {t('network.new.link')}
        </Link>
      </p>
      <p role="status">
        {unreadTotal ? t('network.unreadTotal', { count: unreadTotal }) : t('network.allRead')}
      </p>
      {items.length === 0 ? (
        <p>{t('network.empty')}</p>
      ) : (
        <ul className="list-unstyled noi-net-list" aria-label={t('network.listLabel')}>
          {items.map((th) => (
            <ThreadRow key={th.id} thread={th} />
          ))}
        </ul>
      )}
      {total > items.length && <p>{t('network.more', { shown: items.length, total })}</p>}
    </div>
  );
}

function ThreadRow({ thread: th }: { thread: ThreadSummary }) {
  const { t } = useTranslation();
  const unread = (th.unread ?? 0) > 0;
  return (
    <li className={`noi-net-item${unread ? ' noi-net-item-unread' : ''}`}>
      <h2 className="h5 mb-1">
        <Link to={`/rete/${th.id}`}>{th.subject}</Link>
      </h2>
      <p className="mb-1 d-flex flex-wrap gap-2 align-items-center">
        <KindLabel kind={th.kind} />
        <UnreadBadge count={th.unread} />
        <span>
          {th.kind === 'announcement'
            ? t('network.toAllHubs', { count: th.hubCount })
            : t('network.between', { hubs: th.hubs.map((h) => h.name).join(', ') }) +
              (th.byCity ? ` ${t('network.andCity')}` : '')}
        </span>
      </p>
      <p className="small mb-0">
        {t('network.messages', { count: th.messageCount })}
        {th.last && (
          <>
            {' · '}
            {t('network.lastBy', { name: th.last.authorName, hub: th.last.hubName ?? t('network.city') })}{' '}
            <When value={th.lastMessageAt} />
          </>
        )}
      </p>
    </li>
  );
}
