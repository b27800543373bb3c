import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { formatDate, formatSpan } from './format.ts';
import { CalendarFeed, organiserRoles, PlacesBadge, partLabel, statusLabel } from './parts.tsx';
import type { EventList, EventSummary, InitiativeDetail } from './types.ts';

/** `/iniziative/:slug`: an initiative, who runs it, its upcoming events (to register) and past ones. */
export function InitiativePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const initiative = useApi<InitiativeDetail>(`/api/v1/initiatives/${encodeURIComponent(slug)}`);
  const data = initiative.state === 'ready' ? initiative.data : null;
  const ownEvents = data?.events;
  const events = useApi<EventList | EventSummary[]>(
    data && !ownEvents ? `/api/v1/initiatives/${encodeURIComponent(slug)}/events` : null,
  );
  usePageTitle(data?.title);
  if (initiative.state === 'error') {
    if (initiative.error.status === 404 || initiative.error.status === 400) return <NotFound />;
    return <ServerError error={initiative.error} onRetry={initiative.reload} />;
  }
  if (!data) return <Loading />;
  const i = data;
  const all: EventSummary[] | null = ownEvents
    ? ownEvents
    : events.state === 'ready'
      ? Array.isArray(events.data)
        ? events.data
        : events.data.items
      : null;
  const now = Date.now();
  const sorted = [...(all ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const upcoming = sorted.filter((e) => new Date(e.endsAt).getTime() >= now);
  const past = sorted.filter((e) => new Date(e.endsAt).getTime() < now).reverse();
  const organiser = Boolean(user?.roles.some((r) => organiserRoles.includes(r)));
  return (
    <div className="container my-4 noi-ini">
      <Breadcrumb trail={[{ to: '/iniziative', label: t('initiatives.list.title') }]} current={i.title} />
      <h1>{i.title}</h1>
      <p>
        <span className={`noi-ini-status noi-ini-status-${i.status}`}>{statusLabel(t, i.status)}</span>{' '}
        <span className="noi-ini-part">{partLabel(t, i.programmePart)}</span>
      </p>
      {i.description && <p className="lead noi-pre">{i.description}</p>}
      <div className="row">
        <div className="col-12 col-lg-5">
          <section aria-labelledby="ini-about" className="mb-4">
            <h2 id="ini-about" className="h4">
              {t('initiatives.detail.about')}
            </h2>
            <dl className="noi-ini-facts">
              <dt>{t('initiatives.item.where')}</dt>
              <dd>
                <Link to={`/quartieri/${i.neighbourhood.code}`}>{i.neighbourhood.name}</Link> ({i.zone.name})
              </dd>
              <dt>{t('initiatives.item.hub')}</dt>
              <dd>
                {i.communityPoint ? (
                  <Link to={`/punti-comunita/${i.communityPoint.slug}`}>{i.communityPoint.name}</Link>
                ) : (
                  t('initiatives.detail.byCity')
                )}
              </dd>
              <dt>{t('initiatives.detail.partners')}</dt>
              <dd>
                {i.partners.length ? (
                  <ul className="noi-ini-inline">
                    {i.partners.map((p) => (
                      <li key={p.name}>{p.name}</li>
                    ))}
                  </ul>
                ) : (
                  t('initiatives.detail.noPartners')
                )}
              </dd>
              <dt>{t('initiatives.item.dates')}</dt>
              <dd>
                {i.endsOn
                  ? t('initiatives.item.fromTo', { from: formatDate(i.startsOn), to: formatDate(i.endsOn) })
                  : t('initiatives.item.from', { from: formatDate(i.startsOn) })}
              </dd>
              <dt>{t('initiatives.detail.part')}</dt>
              <dd>{partLabel(t, i.programmePart)}</dd>
              {i.proposalId && (
                <>
                  <dt>{t('initiatives.detail.origin')}</dt>
                  <dd>{t('initiatives.detail.fromProposal')}</dd>
                </>
              )}
            </dl>
            {organiser && (
              <p>
                <Link to={`/sportello/iniziative?iniziativa=${encodeURIComponent(i.slug)}`}>
                  {t('initiatives.detail.manage')}
                </Link>
              </p>
            )}
          </section>
        </div>
        <div className="col-12 col-lg-7">
          <section aria-labelledby="ini-upcoming" className="mb-4">
            <h2 id="ini-upcoming" className="h4">
              {t('initiatives.detail.upcoming')}
            </h2>
            {all === null ? (
              events.state === 'error' ? (
                <p role="alert">{events.error.problem.detail}</p>
              ) : (
                <Loading />
              )
            ) : upcoming.length === 0 ? (
              <p>{t('initiatives.detail.noUpcoming')}</p>
            ) : (
              <ul className="list-unstyled">
                {upcoming.map((e) => (
                  <li key={e.id} className="noi-ini-row">
                    <article aria-labelledby={`up-${e.id}`}>
                      <h3 id={`up-${e.id}`} className="h5 mb-1">
                        <Link to={`/eventi/${e.id}`}>{e.title}</Link>
                      </h3>
                      <p className="mb-1">
                        <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt)}</time> · {e.place}
                      </p>
                      <div className="d-flex flex-wrap align-items-center gap-3">
                        <PlacesBadge event={e} />
                        {e.status !== 'cancelled' && e.capacity !== null && (
                          <Link
                            to={`/eventi/${e.id}#iscrizione`}
                            className="btn btn-primary btn-sm noi-ini-touch"
                            aria-label={t('initiatives.detail.registerFor', { title: e.title })}
                          >
                            {t('initiatives.detail.register')}
                          </Link>
                        )}
                      </div>
                    </article>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CalendarFeed
            href={`/api/v1/initiatives/${encodeURIComponent(i.slug)}/events.ics`}
            what={t('initiatives.feed.ofInitiative', { title: i.title })}
          />
          {past.length > 0 && (
            <section aria-labelledby="ini-past" className="mb-4">
              <h2 id="ini-past" className="h4">
                {t('initiatives.detail.past')}
              </h2>
              <ul>
                {past.map((e) => (
                  <li key={e.id}>
                    <Link to={`/eventi/${e.id}`}>{e.title}</Link> —{' '}
                    <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt)}</time>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
