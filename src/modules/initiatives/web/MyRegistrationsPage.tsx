import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Problem } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure, SignedIn } from '../../identity/web/access.tsx';
import { ProblemAlert, toProblem } from '../../identity/web/forms.tsx';
import { useKeptApi } from '../../volunteers/web/hooks.ts';
import { StatusMessage } from '../../volunteers/web/parts.tsx';
import { formatSpan } from './format.ts';
import type { MyRegistration, MyRegistrations } from './types.ts';

const regId = (r: MyRegistration) => r.registrationId ?? r.id ?? '';

/** `/le-mie-iscrizioni`: the events a person registered for or waits for, and how to cancel. */
export function MyRegistrationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.mine.title'));
  return (
    <SignedIn>
      <Mine />
    </SignedIn>
  );
}

function Mine() {
  const { t } = useTranslation();
  const list = useKeptApi<MyRegistrations>('/api/v1/me/registrations');
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error') return <LoadFailure error={list.error} onRetry={list.reload} />;
  const now = Date.now();
  const items = list.data.items
    .filter((r) => r.status !== 'cancelled')
    .sort((a, b) => a.event.startsAt.localeCompare(b.event.startsAt));
  const upcoming = items.filter((r) => new Date(r.event.endsAt).getTime() >= now);
  const past = items.filter((r) => new Date(r.event.endsAt).getTime() < now).reverse();
  const cancel = async (r: MyRegistration) => {
    if (busy) return;
    setBusy(regId(r));
    setProblem(null);
    try {
      await api.delete(
        `/api/v1/events/${encodeURIComponent(r.event.id)}/registrations/${encodeURIComponent(regId(r))}`,
      );
      setMessage((m) => ({
        text: t('initiatives.mine.cancelled', { title: r.event.title }),
        n: (m?.n ?? 0) + 1,
      }));
      list.reload();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="container my-4 noi-ini">
      <h1>{t('initiatives.mine.title')}</h1>
      <p className="lead">{t('initiatives.mine.intro')}</p>
      <StatusMessage message={message} />
      <ProblemAlert problem={problem} />
      <section aria-labelledby="mine-upcoming" className="mb-4">
        <h2 id="mine-upcoming" className="h3">
          {t('initiatives.mine.upcoming', { count: upcoming.length })}
        </h2>
        {upcoming.length === 0 ? (
          <p>
            {t('initiatives.mine.none')} <Link to="/calendario">{t('initiatives.mine.toCalendar')}</Link>
          </p>
        ) : (
          <ul className="list-unstyled">
            {upcoming.map((r) => (
              <li key={regId(r)} className="noi-ini-row">
                <article aria-labelledby={`mine-${regId(r)}`}>
                  <h3 id={`mine-${regId(r)}`} className="h5 mb-1">
                    <Link to={`/eventi/${r.event.id}`}>{r.event.title}</Link>
                  </h3>
                  <p className="mb-1">
                    <time dateTime={r.event.startsAt}>{formatSpan(r.event.startsAt, r.event.endsAt)}</time> ·{' '}
                    {r.event.place}
                  </p>
                  <p className="mb-2 fw-semibold">
                    {r.status === 'registered'
                      ? t('initiatives.register.youAre', { count: r.seats ?? 1 })
                      : t('initiatives.register.youWait', { position: r.position ?? '?' })}
                  </p>
                  <button
                    type="button"
                    className="btn btn-outline-danger btn-sm noi-ini-touch"
                    disabled={busy !== null}
                    onClick={() => void cancel(r)}
                    aria-label={t('initiatives.mine.cancelFor', { title: r.event.title })}
                  >
                    {r.status === 'registered'
                      ? t('initiatives.register.cancel')
                      : t('initiatives.register.leaveLine')}
                  </button>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="mine-past">
          <h2 id="mine-past" className="h3">
            {t('initiatives.mine.past')}
          </h2>
          <ul>
            {past.map((r) => (
              <li key={regId(r)}>
                <Link to={`/eventi/${r.event.id}`}>{r.event.title}</Link> —{' '}
                <time dateTime={r.event.startsAt}>{formatSpan(r.event.startsAt, r.event.endsAt)}</time>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
