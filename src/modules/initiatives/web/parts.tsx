import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatSpan, formatTime } from './format.ts';
import type { EventSummary } from './types.ts';

export const partLabel = (t: TFunction, code: string) =>
  t(`initiatives.part.${code}`, { defaultValue: code });
export const statusLabel = (t: TFunction, code: string) =>
  t(`initiatives.status.${code}`, { defaultValue: code });

/** Roles that run initiatives (operators of a hub, the city). */
export const organiserRoles = ['operator', 'city_admin', 'platform_admin'];

/** Places left in words: "5 posti liberi", "Completo: 3 in lista d'attesa", "Ingresso libero". */
export function placesText(
  t: TFunction,
  e: Pick<EventSummary, 'capacity' | 'placesLeft' | 'waiting' | 'status'>,
) {
  if (e.status === 'cancelled') return t('initiatives.event.cancelled');
  if (e.capacity === null || e.capacity === undefined) return t('initiatives.event.open');
  const left = e.placesLeft ?? 0;
  if (left > 0) return t('initiatives.event.placesLeft', { count: left });
  return t('initiatives.event.full', { count: e.waiting ?? 0 });
}

export function PlacesBadge({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const full = event.capacity !== null && (event.placesLeft ?? 0) <= 0;
  const kind = event.status === 'cancelled' ? 'cancelled' : full ? 'full' : 'free';
  return <span className={`noi-ini-places noi-ini-places-${kind}`}>{placesText(t, event)}</span>;
}

/** One event in a list: its title as a link, when, where, places. */
export function EventItem({
  event,
  showInitiative = true,
  timeOnly = false,
  level = 3,
}: {
  event: EventSummary;
  showInitiative?: boolean;
  /** In a list grouped by day: the hours only. */
  timeOnly?: boolean;
  level?: 3 | 4;
}) {
  const { t } = useTranslation();
  const Heading = level === 3 ? 'h3' : 'h4';
  const titleId = `ev-${event.id}`;
  return (
    <article className="noi-ini-event" aria-labelledby={titleId}>
      <Heading id={titleId} className="h5 mb-1">
        <Link to={`/eventi/${event.id}`}>{event.title}</Link>
      </Heading>
      <p className="mb-1">
        <time dateTime={event.startsAt}>
          {timeOnly
            ? `${formatTime(event.startsAt)}–${formatTime(event.endsAt)}`
            : formatSpan(event.startsAt, event.endsAt)}
        </time>
        {' · '}
        {event.place}
        {event.neighbourhood && ` (${event.neighbourhood.name})`}
      </p>
      {showInitiative && event.initiative && (
        <p className="mb-1 small">
          {t('initiatives.event.partOf')}{' '}
          <Link to={`/iniziative/${event.initiative.slug}`}>{event.initiative.title}</Link>
        </p>
      )}
      <PlacesBadge event={event} />
    </article>
  );
}

/** The link to an iCalendar feed and, in plain words, how to subscribe to it. */
export function CalendarFeed({ href, what }: { href: string; what: string }) {
  const { t } = useTranslation();
  const id = useId();
  const absolute = typeof window === 'undefined' ? href : new URL(href, window.location.origin).toString();
  const webcal = absolute.replace(/^https?:/, 'webcal:');
  return (
    <section aria-labelledby={`${id}-title`} className="noi-ini-feed my-4">
      <h2 id={`${id}-title`} className="h5">
        {t('initiatives.feed.title')}
      </h2>
      <p className="mb-2">{t('initiatives.feed.intro', { what })}</p>
      <p className="d-flex flex-wrap gap-2">
        <a href={webcal} className="btn btn-primary noi-ini-touch" data-testid="ics-subscribe">
          {t('initiatives.feed.add')}
        </a>
        <a href={href} className="btn btn-outline-primary noi-ini-touch" data-testid="ics-link" download>
          {t('initiatives.feed.download')}
        </a>
      </p>
      <details>
        <summary>{t('initiatives.feed.howTitle')}</summary>
        <ol className="mt-2">
          <li>{t('initiatives.feed.how1')}</li>
          <li>
            {t('initiatives.feed.how2')} <code className="noi-break">{absolute}</code>
          </li>
          <li>{t('initiatives.feed.how3')}</li>
        </ol>
        <p className="small mb-0">{t('initiatives.feed.howNote')}</p>
      </details>
    </section>
  );
}

/** Zone and neighbourhood selects that narrow a list (the neighbourhood within the zone). */
export function PlaceFilter({
  zones,
  zone,
  neighbourhood,
  onChange,
  idPrefix,
}: {
  zones: { code: string; name: string; neighbourhoods: { code: string; name: string }[] }[];
  zone: string;
  neighbourhood: string;
  onChange: (next: { zone: string; neighbourhood: string }) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const collator = new Intl.Collator(t('initiatives.locale'), { sensitivity: 'base' });
  const inZone = zones
    .filter((z) => !zone || z.code === zone)
    .flatMap((z) => z.neighbourhoods)
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <>
      <div className="col-12 col-md-6 col-lg-3">
        <div className="select-wrapper noi-field">
          <label htmlFor={`${idPrefix}-zone`}>{t('initiatives.filter.zone')}</label>
          <select
            id={`${idPrefix}-zone`}
            value={zone}
            onChange={(e) => onChange({ zone: e.target.value, neighbourhood: '' })}
          >
            <option value="">{t('initiatives.filter.anyZone')}</option>
            {zones.map((z) => (
              <option key={z.code} value={z.code}>
                {z.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="col-12 col-md-6 col-lg-3">
        <div className="select-wrapper noi-field">
          <label htmlFor={`${idPrefix}-neighbourhood`}>{t('initiatives.filter.neighbourhood')}</label>
          <select
            id={`${idPrefix}-neighbourhood`}
            value={neighbourhood}
            onChange={(e) => onChange({ zone, neighbourhood: e.target.value })}
          >
            <option value="">{t('initiatives.filter.anyNeighbourhood')}</option>
            {inZone.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}
