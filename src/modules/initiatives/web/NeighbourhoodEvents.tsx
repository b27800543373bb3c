import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { EventItem } from './parts.tsx';
import type { EventList } from './types.ts';

/** On a neighbourhood's page: the next events there, and links to the calendar and the initiatives. */
export function NeighbourhoodEvents({ code }: { code: string }) {
  const { t } = useTranslation();
  // Without from and to, the API answers today and the next three months.
  const q = new URLSearchParams({ neighbourhood: code });
  const list = useApi<EventList>(`/api/v1/events?${q}`);
  const titleId = `ini-section-${code}`;
  const items =
    list.state === 'ready'
      ? [...list.data.items]
          .filter((e) => e.status !== 'cancelled')
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
          .slice(0, 5)
      : [];
  return (
    <section aria-labelledby={titleId} className="my-4 noi-ini" data-testid="initiatives-section">
      <h2 id={titleId} className="h3">
        {t('initiatives.neighbourhood.title')}
      </h2>
      {list.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {list.state === 'error' && <p role="alert">{list.error.problem.detail}</p>}
      {list.state === 'ready' &&
        (items.length === 0 ? (
          <p>{t('initiatives.neighbourhood.none')}</p>
        ) : (
          <ul className="list-unstyled">
            {items.map((e) => (
              <li key={e.id}>
                <EventItem event={e} />
              </li>
            ))}
          </ul>
        ))}
      <p className="d-flex flex-wrap gap-3">
        <Link to={`/calendario?quartiere=${encodeURIComponent(code)}`} className="btn btn-outline-primary">
          {t('initiatives.neighbourhood.calendar')}
        </Link>
        <Link to={`/iniziative?neighbourhood=${encodeURIComponent(code)}`}>
          {t('initiatives.neighbourhood.all')}
        </Link>
      </p>
    </section>
  );
}
