import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../../web/api.ts';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { LoadFailure, SignedIn } from '../../identity/web/access.tsx';
import { toProblem } from '../../identity/web/forms.tsx';
import { useKeptApi } from '../../volunteers/web/hooks.ts';
import { type Check, ErrorSummary } from '../../volunteers/web/parts.tsx';
import { TextField } from './fields.tsx';
import { formatSpan } from './format.ts';
import { organiserRoles, PlacesBadge } from './parts.tsx';
import type { EventDetail, EventRegistrations, RegisterResult, Registrant } from './types.ts';

const rid = (r: Registrant) => r.registrationId ?? r.id ?? '';
const isPresent = (r: Registrant) => r.present === true || (r.present === undefined && Boolean(r.attendedAt));

/** `/sportello/eventi/:id/presenze`: attendance on a phone: who came, someone at the door, the waiting line. */
export function AttendancePage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.attendance.title'));
  return (
    <SignedIn roles={organiserRoles}>
      <Attendance />
    </SignedIn>
  );
}

function Attendance() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const event = useKeptApi<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`);
  const regs = useKeptApi<EventRegistrations>(`/api/v1/events/${encodeURIComponent(id)}/registrations`);
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [live, setLive] = useState<{ text: string; n: number; kind: 'ok' | 'error' } | null>(null);
  if (event.state === 'error') return <LoadFailure error={event.error} onRetry={event.reload} />;
  if (regs.state === 'error') return <LoadFailure error={regs.error} onRetry={regs.reload} />;
  if (event.state === 'loading' || regs.state === 'loading') return <Loading />;
  const e = event.data;
  const registered = regs.data.registered.filter((r) => r.status !== 'cancelled');
  const waiting = [...regs.data.waiting].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const present = (r: Registrant) => overrides[rid(r)] ?? isPresent(r);
  const presentPeople = registered.filter(present).reduce((s, r) => s + (r.seats ?? 1), 0);
  const people = registered.reduce((s, r) => s + (r.seats ?? 1), 0);
  const announce = (text: string, kind: 'ok' | 'error' = 'ok') =>
    setLive((m) => ({ text, n: (m?.n ?? 0) + 1, kind }));
  const mark = async (r: Registrant, value: boolean) => {
    const key = rid(r);
    if (saving) return;
    setSaving(key);
    const before = overrides[key];
    setOverrides((o) => ({ ...o, [key]: value }));
    try {
      await api.post(`/api/v1/events/${encodeURIComponent(id)}/attendance`, {
        registrationId: key,
        present: value,
      });
      announce(
        value
          ? t('initiatives.attendance.savedPresent', { name: r.name })
          : t('initiatives.attendance.savedAbsent', { name: r.name }),
      );
    } catch (error) {
      setOverrides((o) => {
        const next = { ...o };
        if (before === undefined) delete next[key];
        else next[key] = before;
        return next;
      });
      announce(
        t('initiatives.attendance.notSaved', { name: r.name, detail: toProblem(error).detail }),
        'error',
      );
    } finally {
      setSaving(null);
    }
  };
  return (
    <div className="container my-3 noi-ini noi-ini-attendance">
      <p className="mb-2">
        <Link to={`/eventi/${e.id}`}>{t('initiatives.attendance.back')}</Link>
      </p>
      <h1 className="h2">{t('initiatives.attendance.title')}</h1>
      <p className="lead mb-1">{e.title}</p>
      <p className="mb-2">
        <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt)}</time> · {e.place}
      </p>
      <p className="mb-3">
        <PlacesBadge event={e} />
      </p>
      <p className="fw-semibold noi-ini-count" data-testid="present-count">
        {t('initiatives.attendance.count', { present: presentPeople, count: people })}
      </p>
      <div
        role="status"
        aria-live="polite"
        data-testid="attendance-live"
        className={
          live
            ? `alert ${live.kind === 'ok' ? 'alert-success' : 'alert-danger'} noi-alert noi-ini-live`
            : 'noi-ini-live'
        }
      >
        {live && <span key={live.n}>{live.text}</span>}
      </div>
      {regs.data.attendanceOpen === false && (
        <div className="alert alert-info" role="note">
          {t('initiatives.attendance.notOpen')}
        </div>
      )}
      <section aria-labelledby="att-registered">
        <h2 id="att-registered" className="h4">
          {t('initiatives.attendance.registered', { count: registered.length })}
        </h2>
        {registered.length === 0 ? (
          <p>{t('initiatives.attendance.nobody')}</p>
        ) : (
          <ul className="list-unstyled noi-ini-people">
            {registered.map((r) => {
              const key = rid(r);
              const p = present(r);
              const nameId = `att-${key}`;
              return (
                <li key={key} className={`noi-ini-person${p ? ' noi-ini-person-present' : ''}`}>
                  <div className="noi-ini-person-who">
                    <span id={nameId} className="fw-semibold">
                      {r.name}
                    </span>
                    {(r.seats ?? 1) > 1 && (
                      <span className="ms-2">{t('initiatives.attendance.seats', { count: r.seats })}</span>
                    )}
                    {r.phone && (
                      <a className="d-block" href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>
                        {r.phone}
                      </a>
                    )}
                  </div>
                  <fieldset className="noi-ini-toggle">
                    <legend className="visually-hidden">{r.name}</legend>
                    <button
                      type="button"
                      className={`btn ${p ? 'btn-success' : 'btn-outline-success'}`}
                      aria-pressed={p}
                      disabled={saving === key || regs.data.attendanceOpen === false}
                      onClick={() => void mark(r, true)}
                    >
                      {t('initiatives.attendance.present')}
                    </button>
                    <button
                      type="button"
                      className={`btn ${!p ? 'btn-secondary' : 'btn-outline-secondary'}`}
                      aria-pressed={!p}
                      disabled={saving === key || regs.data.attendanceOpen === false}
                      onClick={() => void mark(r, false)}
                    >
                      {t('initiatives.attendance.absent')}
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <AtTheDoor
        eventId={e.id}
        onDone={(text) => {
          announce(text);
          regs.reload();
          event.reload();
        }}
      />
      <section aria-labelledby="att-waiting" className="mt-4">
        <h2 id="att-waiting" className="h4">
          {t('initiatives.attendance.waiting', { count: waiting.length })}
        </h2>
        {waiting.length === 0 ? (
          <p>{t('initiatives.attendance.noWaiting')}</p>
        ) : (
          <ol className="noi-ini-waiting">
            {waiting.map((r) => (
              <li key={rid(r)}>
                <span className="fw-semibold">{r.name}</span>
                {(r.seats ?? 1) > 1 && ` · ${t('initiatives.attendance.seats', { count: r.seats })}`}
                {r.phone && (
                  <>
                    {' · '}
                    <a href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>{r.phone}</a>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
        <p className="small">{t('initiatives.attendance.waitingHow')}</p>
      </section>
    </div>
  );
}

/** Someone without an account who turns up: name and phone, registered by the organiser. */
function AtTheDoor({ eventId, onDone }: { eventId: string; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLDivElement>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (name.trim().length < 2)
      found.push({ id: 'door-name', message: t('initiatives.attendance.check.name') });
    if (!/^\+?[0-9 ./()-]{6,40}$/.test(phone.trim()))
      found.push({ id: 'door-phone', message: t('initiatives.attendance.check.phone') });
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      const r = await api.post<RegisterResult>(
        `/api/v1/events/${encodeURIComponent(eventId)}/registrations`,
        {
          name: name.trim(),
          phone: phone.trim(),
        },
      );
      onDone(
        r.status === 'registered'
          ? t('initiatives.attendance.doorRegistered', { name: name.trim() })
          : t('initiatives.attendance.doorWaiting', { name: name.trim(), position: r.position ?? '' }),
      );
      setName('');
      setPhone('');
      nameRef.current?.querySelector('input')?.focus();
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const placed: Check[] = [];
      for (const fe of p.errors ?? []) {
        const f = fe.field.replace(/^body\./, '');
        if (f === 'name') placed.push({ id: 'door-name', message: fe.message });
        if (f === 'phone') placed.push({ id: 'door-phone', message: fe.message });
      }
      setChecks(placed);
      if (!placed.length) setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const err = (id: string) => checks.find((c) => c.id === id)?.message;
  return (
    <section aria-labelledby="att-door" className="mt-4 noi-ini-door">
      <h2 id="att-door" className="h4">
        {t('initiatives.attendance.door')}
      </h2>
      <p>{t('initiatives.attendance.doorIntro')}</p>
      <ErrorSummary id="door-errors" errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <div ref={nameRef}>
          <TextField
            id="door-name"
            label={t('initiatives.attendance.name')}
            value={name}
            onChange={setName}
            error={err('door-name')}
            autoComplete="off"
          />
        </div>
        <TextField
          id="door-phone"
          type="tel"
          inputMode="tel"
          label={t('initiatives.attendance.phone')}
          value={phone}
          onChange={setPhone}
          error={err('door-phone')}
          autoComplete="off"
        />
        <button type="submit" className="btn btn-primary btn-lg w-100 noi-ini-touch" disabled={busy}>
          {t('initiatives.attendance.addAtDoor')}
        </button>
      </form>
    </section>
  );
}
