import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, type Problem, useApi } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { NotFound } from '../../../web/pages/NotFound.tsx';
import { ServerError } from '../../../web/pages/ServerError.tsx';
import { Breadcrumb } from '../../directory/web/parts.tsx';
import { ServiceMap } from '../../directory/web/ServiceMap.tsx';
import type { MapPoint } from '../../directory/web/types.ts';
import { ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { StatusMessage } from '../../volunteers/web/parts.tsx';
import { formatSpan } from './format.ts';
import { organiserRoles, PlacesBadge, placesText } from './parts.tsx';
import type { EventDetail, MyRegistrationRef, MyRegistrations, RegisterResult } from './types.ts';

/** `/eventi/:id`: an event: when, where (with a small map), places left; register, or wait in line; cancel. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const event = useApi<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`);
  const data = event.state === 'ready' ? event.data : null;
  const [kept, setKept] = useState<EventDetail | null>(null);
  useEffect(() => {
    if (data) setKept(data);
  }, [data]);
  const e = data ?? kept;
  const mapPoints = useMemo<MapPoint[]>(
    () =>
      e && e.lat !== null && e.lon !== null && e.lat !== undefined && e.lon !== undefined
        ? [{ id: e.id, lat: e.lat, lon: e.lon, title: e.title, subtitle: e.place }]
        : [],
    [e],
  );
  usePageTitle(e?.title);
  if (event.state === 'error') {
    if (event.error.status === 404 || event.error.status === 400) return <NotFound />;
    return <ServerError error={event.error} onRetry={event.reload} />;
  }
  if (!e) return <Loading />;
  const organiser = Boolean(user?.roles.some((r) => organiserRoles.includes(r)));
  return (
    <div className="container my-4 noi-ini">
      <Breadcrumb
        trail={[
          { to: '/calendario', label: t('initiatives.calendar.title') },
          { to: `/iniziative/${e.initiative.slug}`, label: e.initiative.title },
        ]}
        current={e.title}
      />
      <h1>{e.title}</h1>
      <p className="lead">
        {t('initiatives.event.partOf')}{' '}
        <Link to={`/iniziative/${e.initiative.slug}`}>{e.initiative.title}</Link>
      </p>
      {e.status === 'cancelled' && (
        <div className="alert alert-warning" role="status">
          {t('initiatives.event.cancelledText')}
        </div>
      )}
      <div className="row">
        <div className="col-12 col-lg-6">
          <dl className="noi-ini-facts noi-ini-facts-big">
            <dt>{t('initiatives.event.when')}</dt>
            <dd>
              <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt)}</time>
            </dd>
            <dt>{t('initiatives.event.where')}</dt>
            <dd>
              {e.place}
              {e.neighbourhood && (
                <>
                  {' · '}
                  <Link to={`/quartieri/${e.neighbourhood.code}`}>{e.neighbourhood.name}</Link>
                </>
              )}
            </dd>
            <dt>{t('initiatives.event.places')}</dt>
            <dd data-testid="places-left">
              <PlacesBadge event={e} />
            </dd>
          </dl>
          {e.description && <p className="noi-pre">{e.description}</p>}
          <Registration event={e} onChange={event.reload} />
          {organiser && (
            <p className="mt-4">
              <Link
                to={`/sportello/eventi/${e.id}/presenze`}
                className="btn btn-outline-primary noi-ini-touch"
              >
                {t('initiatives.event.takeAttendance')}
              </Link>
            </p>
          )}
        </div>
        {mapPoints.length > 0 && (
          <div className="col-12 col-lg-6">
            <h2 className="h4">{t('initiatives.event.mapTitle')}</h2>
            <ServiceMap
              points={mapPoints}
              className="noi-dir-map noi-dir-map-small"
              highlight={e.neighbourhood ? [e.neighbourhood.code] : undefined}
              label={t('initiatives.event.mapLabel', { place: e.place })}
            />
          </div>
        )}
      </div>
    </div>
  );
}

/** The person's registration: register (with seats), the place in the line, cancel. */
function Registration({ event: e, onChange }: { event: EventDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { status, user } = useCurrentUser();
  const location = useLocation();
  const mine = useApi<MyRegistrations>(
    user && e.myRegistration === undefined ? '/api/v1/me/registrations' : null,
  );
  const [local, setLocal] = useState<MyRegistrationRef | null | undefined>(undefined);
  const [seats, setSeats] = useState('1');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const fromList =
    mine.state === 'ready'
      ? (mine.data.items.find((r) => r.event.id === e.id && r.status !== 'cancelled') ?? null)
      : undefined;
  const current: MyRegistrationRef | null | undefined =
    local !== undefined ? local : e.myRegistration !== undefined ? e.myRegistration : fromList;
  const live = current && current.status !== 'cancelled' ? current : null;
  const past = new Date(e.endsAt).getTime() < Date.now();
  const say = (text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));

  const register = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const n = Math.max(1, Math.min(10, Number(seats) || 1));
      const r = await api.post<RegisterResult>(`/api/v1/events/${encodeURIComponent(e.id)}/registrations`, {
        seats: n,
      });
      setLocal({
        registrationId: r.registrationId,
        status: r.status,
        position: r.position ?? null,
        seats: n,
      });
      say(
        r.status === 'registered'
          ? t('initiatives.register.doneRegistered')
          : t('initiatives.register.doneWaiting', { position: r.position ?? '' }),
      );
      onChange();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (busy || !live) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.delete(
        `/api/v1/events/${encodeURIComponent(e.id)}/registrations/${encodeURIComponent(live.registrationId)}`,
      );
      setLocal(null);
      say(t('initiatives.register.doneCancelled'));
      onChange();
      heading.current?.focus();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (e.capacity === null || e.capacity === undefined)
    return (
      <section aria-labelledby="iscrizione" className="noi-ini-register">
        <h2 id="iscrizione" className="h4">
          {t('initiatives.register.title')}
        </h2>
        <p>{t('initiatives.register.noNeed')}</p>
      </section>
    );
  return (
    <section aria-labelledby="iscrizione" className="noi-ini-register card card-bg">
      <div className="card-body">
        <h2 id="iscrizione" className="h4" ref={heading} tabIndex={-1}>
          {t('initiatives.register.title')}
        </h2>
        <StatusMessage message={message} />
        <ProblemAlert problem={problem} />
        {status === 'loading' || (user && current === undefined) ? (
          <Loading />
        ) : !user ? (
          <>
            <p>{t('initiatives.register.signInFirst')}</p>
            <Link to={signInPath(location.pathname)} className="btn btn-primary noi-ini-touch">
              {t('initiatives.register.signIn')}
            </Link>
          </>
        ) : live ? (
          <>
            <p className="fw-semibold noi-ini-mine" data-testid="my-registration">
              {live.status === 'registered'
                ? t('initiatives.register.youAre', { count: live.seats ?? 1 })
                : t('initiatives.register.youWait', { position: live.position ?? '?' })}
            </p>
            {live.status === 'waiting' && <p>{t('initiatives.register.waitingHow')}</p>}
            {!past && (
              <button
                type="button"
                className="btn btn-outline-danger noi-ini-touch"
                disabled={busy}
                onClick={() => void cancel()}
              >
                {live.status === 'registered'
                  ? t('initiatives.register.cancel')
                  : t('initiatives.register.leaveLine')}
              </button>
            )}
          </>
        ) : past ? (
          <p>{t('initiatives.register.past')}</p>
        ) : e.status === 'cancelled' ? (
          <p>{t('initiatives.event.cancelledText')}</p>
        ) : (
          <form onSubmit={(ev) => void register(ev)} aria-busy={busy}>
            <p>
              {placesText(t, e)}.{' '}
              {(e.placesLeft ?? 0) <= 0 ? t('initiatives.register.fullHint') : t('initiatives.register.hint')}
            </p>
            <div className="d-flex flex-wrap align-items-end gap-3">
              <div>
                <label htmlFor="reg-seats" className="d-block fw-semibold">
                  {t('initiatives.register.seats')}
                </label>
                <input
                  id="reg-seats"
                  type="number"
                  min={1}
                  max={10}
                  inputMode="numeric"
                  className="form-control noi-ini-seats"
                  value={seats}
                  onChange={(ev) => setSeats(ev.target.value)}
                  aria-describedby="reg-seats-hint"
                />
              </div>
              <button type="submit" className="btn btn-primary btn-lg noi-ini-touch" disabled={busy}>
                {(e.placesLeft ?? 0) <= 0 ? t('initiatives.register.join') : t('initiatives.register.submit')}
              </button>
            </div>
            <small id="reg-seats-hint" className="form-text noi-hint">
              {t('initiatives.register.seatsHint')}
            </small>
          </form>
        )}
      </div>
    </section>
  );
}
