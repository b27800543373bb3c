import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { useTerritory } from '../../community-points/web/parts.tsx';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { addMonths, dayKey, formatDay, formatMonth, romeMonth } from './format.ts';
import { CalendarFeed, EventItem, PlaceFilter } from './parts.tsx';
import type { EventList, EventSummary } from './types.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first and last days of `month` (the API's days are Europe/Rome days, `to` included). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = addMonths(month, 1).split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Events grouped by their day in Rome, in order. */
export function groupByDay(items: EventSummary[]): { day: string; items: EventSummary[] }[] {
  const groups = new Map<string, EventSummary[]>();
  for (const e of [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const k = dayKey(e.startsAt);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return [...groups.entries()].map(([day, list]) => ({ day, items: list }));
}

/** `/calendario`: the public calendar, a month at a time, as a list grouped by day, by zone or neighbourhood. */
export function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.calendar.title'));
  const [params, setParams] = useSearchParams();
  const rawMonth = params.get('mese') ?? '';
  const month = monthPattern.test(rawMonth) ? rawMonth : romeMonth();
  const zone = params.get('zona') ?? '';
  const neighbourhood = params.get('quartiere') ?? '';
  const territory = useTerritory();
  const range = monthRange(month);
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (neighbourhood) query.set('neighbourhood', neighbourhood);
  else if (zone) query.set('zone', zone);
  const list = useApi<EventList>(`/api/v1/events?${query}`);
  const days = useMemo(() => (list.state === 'ready' ? groupByDay(list.data.items) : []), [list]);
  const feed = new URLSearchParams();
  if (neighbourhood) feed.set('neighbourhood', neighbourhood);
  else if (zone) feed.set('zone', zone);
  const feedHref = `/api/v1/events.ics${feed.size ? `?${feed}` : ''}`;
  const linkTo = (m: string) => {
    const next = new URLSearchParams(params);
    next.set('mese', m);
    return `?${next}`;
  };
  if (list.state === 'error' && list.error.status !== 400)
    return <ServerError error={list.error} onRetry={list.reload} />;
  const placeName = neighbourhood
    ? territory.names[neighbourhood]
    : zone
      ? territory.zones.find((z) => z.code === zone)?.name
      : undefined;
  const count = list.state === 'ready' ? list.data.items.length : 0;
  return (
    <div className="container my-4 noi-ini">
      <Breadcrumb trail={[]} current={t('initiatives.calendar.title')} />
      <h1>{t('initiatives.calendar.title')}</h1>
      <p className="lead">{t('initiatives.calendar.intro')}</p>
      <section aria-labelledby="cal-filters-title" className="mb-3">
        <h2 id="cal-filters-title" className="visually-hidden">
          {t('initiatives.filter.title')}
        </h2>
        <div className="row g-3">
          <PlaceFilter
            idPrefix="cal"
            zones={territory.zones}
            zone={zone}
            neighbourhood={neighbourhood}
            onChange={(p) => {
              const next = new URLSearchParams(params);
              if (p.zone) next.set('zona', p.zone);
              else next.delete('zona');
              if (p.neighbourhood) next.set('quartiere', p.neighbourhood);
              else next.delete('quartiere');
              setParams(next);
            }}
          />
        </div>
      </section>
      <nav
        aria-label={t('initiatives.calendar.months')}
        className="d-flex flex-wrap align-items-center gap-3 mb-3"
      >
        <Link to={linkTo(addMonths(month, -1))} className="btn btn-outline-primary noi-ini-touch">
          <span aria-hidden="true">← </span>
          {t('initiatives.calendar.previous', { month: formatMonth(addMonths(month, -1)) })}
        </Link>
        <Link to={linkTo(addMonths(month, 1))} className="btn btn-outline-primary noi-ini-touch">
          {t('initiatives.calendar.next', { month: formatMonth(addMonths(month, 1)) })}
          <span aria-hidden="true"> →</span>
        </Link>
        {month !== romeMonth() && <Link to={linkTo(romeMonth())}>{t('initiatives.calendar.thisMonth')}</Link>}
      </nav>
      <h2 className="h3 noi-ini-month">{formatMonth(month)}</h2>
      <p role="status" className="fw-semibold" id="cal-count">
        {list.state === 'ready' &&
          (placeName
            ? t('initiatives.calendar.countIn', { count, place: placeName })
            : t('initiatives.calendar.count', { count }))}
      </p>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && (
        <div className="alert alert-warning" role="alert">
          {list.error.problem.detail}
        </div>
      )}
      {list.state === 'ready' && days.length === 0 && <p>{t('initiatives.calendar.none')}</p>}
      {days.length > 0 && (
        <ol className="list-unstyled noi-ini-agenda" aria-label={t('initiatives.calendar.agenda')}>
          {days.map((d) => (
            <li key={d.day} className="noi-ini-day">
              <h3 className="h5 noi-ini-dayname" id={`day-${d.day}`}>
                <time dateTime={d.day}>{formatDay(`${d.day}T12:00:00Z`)}</time>
              </h3>
              <ul className="list-unstyled" aria-labelledby={`day-${d.day}`}>
                {d.items.map((e) => (
                  <li key={e.id}>
                    <EventItem event={e} timeOnly level={4} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <CalendarFeed
        href={feedHref}
        what={placeName ? t('initiatives.feed.ofPlace', { place: placeName }) : t('initiatives.feed.ofCity')}
      />
    </div>
  );
}
