import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError, api, type Problem, useApi } from '../../../web/api.ts';
import { type CurrentUser, signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { useTerritory } from '../../community-points/web/parts.tsx';
import type { CommunityPointList } from '../../community-points/web/types.ts';
import { Forbidden, LoadFailure } from '../../identity/web/access.tsx';
import { toProblem } from '../../identity/web/forms.tsx';
import { useKeptApi } from '../../volunteers/web/hooks.ts';
import { type Check, ErrorSummary, StatusMessage } from '../../volunteers/web/parts.tsx';
import { SelectField, TextArea, TextField } from './fields.tsx';
import { byName, formatDate, formatSpan, formatWhen, romeInstant, romeParts } from './format.ts';
import { organiserRoles, PlacesBadge, partLabel, statusLabel } from './parts.tsx';
import {
  type EventInput,
  type EventList,
  type EventSummary,
  type InitiativeDetail,
  type InitiativeInput,
  type InitiativeList,
  type InitiativeSummary,
  initiativeStatuses,
  programmeParts,
} from './types.ts';

/** The hubs (slugs) the person works for; null when they may work for any (the city). */
function ownHubs(user: CurrentUser): string[] | null {
  if (user.roles.some((r) => r === 'city_admin' || r === 'platform_admin')) return null;
  return user.assignments
    .filter((a) => a.role === 'operator' && a.scope.kind === 'community_point' && a.scope.ref)
    .map((a) => a.scope.ref as string);
}

/** `/sportello/iniziative`: the hub's initiatives; create and edit them, add events (once or weekly). */
export function DeskPage() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.desk.title'));
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (!user.roles.some((r) => organiserRoles.includes(r))) return <Forbidden />;
  return <Desk user={user} />;
}

function Desk({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const points = useApi<CommunityPointList>('/api/v1/community-points');
  const mineOnly = ownHubs(user);
  const hubs = useMemo(() => {
    const all = points.state === 'ready' ? byName(points.data.items, (p) => p.name) : [];
    return mineOnly ? all.filter((p) => mineOnly.includes(p.slug)) : all;
  }, [points, mineOnly]);
  const hub = params.get('hub') ?? mineOnly?.[0] ?? '';
  const selected = params.get('iniziativa') ?? '';
  const mode = params.get('azione') ?? '';
  const query = new URLSearchParams({ pageSize: '100' });
  if (hub) query.set('communityPoint', hub);
  const list = useKeptApi<InitiativeList>(`/api/v1/initiatives?${query}`);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const say = (text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  if (list.state === 'error' && list.error.status !== 400)
    return <LoadFailure error={list.error} onRetry={list.reload} />;
  const hubName = hubs.find((h) => h.slug === hub)?.name;
  return (
    <div className="container my-4 noi-ini">
      <h1>{t('initiatives.desk.title')}</h1>
      <p className="lead">
        {hubName ? t('initiatives.desk.introHub', { hub: hubName }) : t('initiatives.desk.intro')}
      </p>
      {(mineOnly === null || mineOnly.length > 1) && (
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id="desk-hub"
              label={t('initiatives.filter.hub')}
              value={hub}
              onChange={(v) => go({ hub: v, iniziativa: null, azione: null })}
            >
              {mineOnly === null && <option value="">{t('initiatives.filter.anyHub')}</option>}
              {hubs.map((h) => (
                <option key={h.slug} value={h.slug}>
                  {h.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
      )}
      <StatusMessage message={message} />
      {mode === 'nuova' ? (
        <InitiativeForm
          hubs={hubs.map((h) => ({ slug: h.slug, name: h.name, neighbourhoodCodes: h.neighbourhoodCodes }))}
          defaultHub={hub}
          cityWide={mineOnly === null}
          onCancel={() => go({ azione: null })}
          onSaved={(saved) => {
            say(t('initiatives.desk.created', { title: saved.title }));
            list.reload();
            go({ azione: null, iniziativa: saved.slug });
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            className="btn btn-primary noi-ini-touch"
            onClick={() => go({ azione: 'nuova' })}
          >
            {t('initiatives.desk.new')}
          </button>
        </p>
      )}
      {selected && (
        <InitiativePanel
          key={selected}
          slug={selected}
          mode={mode}
          hubs={hubs.map((h) => ({ slug: h.slug, name: h.name, neighbourhoodCodes: h.neighbourhoodCodes }))}
          cityWide={mineOnly === null}
          go={go}
          say={(text) => {
            say(text);
            list.reload();
          }}
        />
      )}
      <section aria-labelledby="desk-list-title" className="mt-4">
        <h2 id="desk-list-title" className="h3">
          {t('initiatives.desk.list')}
        </h2>
        {list.state === 'loading' ? (
          <Loading />
        ) : list.state === 'error' ? (
          <p role="alert">{list.error.problem.detail}</p>
        ) : list.data.items.length === 0 ? (
          <p>{t('initiatives.desk.none')}</p>
        ) : (
          <div className="table-responsive">
            <table className="table noi-ini-table">
              <caption className="visually-hidden">{t('initiatives.desk.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('initiatives.desk.initiative')}</th>
                  <th scope="col">{t('initiatives.filter.status')}</th>
                  <th scope="col">{t('initiatives.item.where')}</th>
                  <th scope="col">{t('initiatives.item.nextEvent')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" className="fw-normal">
                      <Link
                        to={`?${new URLSearchParams({ ...(params.get('hub') ? { hub } : {}), iniziativa: i.slug })}`}
                        aria-current={i.slug === selected ? 'true' : undefined}
                      >
                        {i.title}
                      </Link>
                    </th>
                    <td>{statusLabel(t, i.status)}</td>
                    <td>{i.neighbourhood.name}</td>
                    <td>{i.nextEvent ? formatWhen(i.nextEvent.startsAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

type HubOption = { slug: string; name: string; neighbourhoodCodes: string[] };

/** The events of an initiative, from its detail or its own list. */
export function useInitiativeEvents(slug: string, detail: InitiativeDetail | null) {
  const events = useKeptApi<EventList | EventSummary[]>(
    detail && !detail.events ? `/api/v1/initiatives/${encodeURIComponent(slug)}/events` : null,
  );
  const items: EventSummary[] | null = detail?.events
    ? detail.events
    : events.state === 'ready'
      ? Array.isArray(events.data)
        ? events.data
        : events.data.items
      : null;
  return { items, reload: events.reload };
}

function InitiativePanel({
  slug,
  mode,
  hubs,
  cityWide,
  go,
  say,
}: {
  slug: string;
  mode: string;
  hubs: HubOption[];
  cityWide: boolean;
  go: (changes: Record<string, string | null>) => void;
  say: (text: string) => void;
}) {
  const { t } = useTranslation();
  const detail = useKeptApi<InitiativeDetail>(`/api/v1/initiatives/${encodeURIComponent(slug)}`);
  const data = detail.state === 'ready' ? detail.data : null;
  const events = useInitiativeEvents(slug, data);
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the panel when it opens on another initiative
  useEffect(() => {
    if (data && !mode) heading.current?.focus();
  }, [data?.slug]);
  if (detail.state === 'error') return <p role="alert">{detail.error.problem.detail}</p>;
  if (!data) return <Loading />;
  const now = Date.now();
  const upcoming = (events.items ?? [])
    .filter((e) => new Date(e.endsAt).getTime() >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <section aria-labelledby="panel-title" className="card card-bg noi-ini-panel my-4">
      <div className="card-body">
        <h2 id="panel-title" className="h3" ref={heading} tabIndex={-1}>
          {data.title}
        </h2>
        <p>
          <span className={`noi-ini-status noi-ini-status-${data.status}`}>
            {statusLabel(t, data.status)}
          </span>{' '}
          <span className="noi-ini-part">{partLabel(t, data.programmePart)}</span> · {data.neighbourhood.name}{' '}
          ·{' '}
          {data.endsOn
            ? t('initiatives.item.fromTo', { from: formatDate(data.startsOn), to: formatDate(data.endsOn) })
            : t('initiatives.item.from', { from: formatDate(data.startsOn) })}
        </p>
        <p className="d-flex flex-wrap gap-2">
          <Link to={`/iniziative/${data.slug}`} className="btn btn-outline-primary noi-ini-touch">
            {t('initiatives.desk.publicPage')}
          </Link>
          <button
            type="button"
            className="btn btn-outline-primary noi-ini-touch"
            onClick={() => go({ azione: 'modifica' })}
          >
            {t('initiatives.desk.edit')}
          </button>
          <button
            type="button"
            className="btn btn-primary noi-ini-touch"
            onClick={() => go({ azione: 'evento' })}
          >
            {t('initiatives.desk.addEvent')}
          </button>
        </p>
        {mode === 'modifica' && (
          <InitiativeForm
            hubs={hubs}
            initial={data}
            defaultHub={data.communityPoint?.slug ?? ''}
            cityWide={cityWide}
            onCancel={() => go({ azione: null })}
            onSaved={(saved) => {
              say(t('initiatives.desk.saved', { title: saved.title }));
              detail.reload();
              go({ azione: null });
            }}
          />
        )}
        {mode === 'evento' && (
          <EventForm
            initiative={data}
            onCancel={() => go({ azione: null })}
            onSaved={(n) => {
              say(t('initiatives.desk.eventsAdded', { count: n }));
              events.reload();
              detail.reload();
              go({ azione: null });
            }}
          />
        )}
        <h3 className="h4 mt-4">{t('initiatives.desk.upcoming')}</h3>
        {events.items === null ? (
          <Loading />
        ) : upcoming.length === 0 ? (
          <p>{t('initiatives.detail.noUpcoming')}</p>
        ) : (
          <ul className="list-unstyled">
            {upcoming.map((e) => (
              <li key={e.id} className="noi-ini-row">
                <p className="mb-1">
                  <Link to={`/eventi/${e.id}`}>{e.title}</Link> —{' '}
                  <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt)}</time>
                </p>
                <div className="d-flex flex-wrap gap-3 align-items-center">
                  <PlacesBadge event={e} />
                  <Link
                    to={`/sportello/eventi/${e.id}/presenze`}
                    aria-label={t('initiatives.desk.attendanceFor', {
                      title: e.title,
                      when: formatSpan(e.startsAt, e.endsAt),
                    })}
                  >
                    {t('initiatives.desk.attendance')}
                  </Link>
                  {e.status !== 'cancelled' && (
                    <CancelEvent
                      event={e}
                      onDone={(n) => {
                        say(t('initiatives.desk.eventCancelled', { title: e.title, count: n }));
                        events.reload();
                        detail.reload();
                      }}
                    />
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** "Annulla l'appuntamento", asked twice: everyone registered or waiting is e-mailed. */
function CancelEvent({ event: e, onDone }: { event: EventSummary; onDone: (notified: number) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  const when = formatSpan(e.startsAt, e.endsAt);
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.post<{ notified?: number }>(
        `/api/v1/events/${encodeURIComponent(e.id)}/cancel`,
        {},
      );
      setAsking(false);
      onDone(r?.notified ?? 0);
    } catch (error) {
      setProblem(toProblem(error).detail);
    } finally {
      setBusy(false);
    }
  };
  if (!asking)
    return (
      <button
        type="button"
        className="btn btn-link p-0 noi-ini-touch"
        onClick={() => setAsking(true)}
        aria-label={t('initiatives.desk.cancelEventFor', { title: e.title, when })}
      >
        {t('initiatives.desk.cancelEvent')}
      </button>
    );
  return (
    <div className="w-100 alert alert-warning mb-0">
      <p className="mb-2">
        {t('initiatives.desk.cancelAsk', {
          count: (e.capacity === null ? 0 : e.capacity - (e.placesLeft ?? 0)) + (e.waiting ?? 0),
        })}
      </p>
      {problem && (
        <p role="alert" className="noi-field-error">
          {problem}
        </p>
      )}
      <div className="d-flex flex-wrap gap-2">
        <button
          ref={confirm}
          type="button"
          className="btn btn-danger noi-ini-touch"
          disabled={busy}
          onClick={() => void cancel()}
        >
          {t('initiatives.desk.cancelConfirm')}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary noi-ini-touch"
          onClick={() => setAsking(false)}
        >
          {t('initiatives.desk.cancelKeep')}
        </button>
      </div>
    </div>
  );
}

/** Field errors of the API, placed on the form's fields (by the API's names). */
function placeErrors(p: Problem, ids: Record<string, string>): Check[] {
  const out: Check[] = [];
  for (const fe of p.errors ?? []) {
    const f = fe.field.replace(/^body\./, '').split('.')[0] ?? '';
    const id = ids[f];
    if (id && !out.some((c) => c.id === id)) out.push({ id, message: fe.message });
  }
  return out;
}

function InitiativeForm({
  hubs,
  initial,
  defaultHub,
  cityWide,
  onCancel,
  onSaved,
}: {
  hubs: HubOption[];
  initial?: InitiativeSummary;
  defaultHub: string;
  cityWide: boolean;
  onCancel: () => void;
  onSaved: (saved: InitiativeSummary) => void;
}) {
  const { t } = useTranslation();
  const territory = useTerritory();
  const [f, setF] = useState({
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    hub: initial ? (initial.communityPoint?.slug ?? '') : defaultHub,
    neighbourhood: initial?.neighbourhood.code ?? '',
    partners: initial?.partners.map((p) => p.name).join('\n') ?? '',
    status: initial?.status ?? 'planned',
    startsOn: initial?.startsOn?.slice(0, 10) ?? '',
    endsOn: initial?.endsOn?.slice(0, 10) ?? '',
    programmePart: initial?.programmePart ?? 'community_points',
  });
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const hubNeighbourhoods = hubs.find((h) => h.slug === f.hub)?.neighbourhoodCodes;
  const neighbourhoods = useMemo(() => {
    const all = territory.zones.flatMap((z) => z.neighbourhoods.map((n) => ({ ...n, zone: z.name })));
    const shown = hubNeighbourhoods?.length ? all.filter((n) => hubNeighbourhoods.includes(n.code)) : all;
    return byName(shown, (n) => n.name);
  }, [territory, hubNeighbourhoods]);
  const prefix = initial ? 'edit' : 'new';
  const ids = {
    title: `${prefix}-title`,
    description: `${prefix}-description`,
    communityPointSlug: `${prefix}-hub`,
    neighbourhoodCode: `${prefix}-neighbourhood`,
    partners: `${prefix}-partners`,
    status: `${prefix}-status`,
    startsOn: `${prefix}-starts`,
    endsOn: `${prefix}-ends`,
    programmePart: `${prefix}-part`,
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (f.title.trim().length < 3) found.push({ id: ids.title, message: t('initiatives.form.check.title') });
    if (f.description.trim().length < 10)
      found.push({ id: ids.description, message: t('initiatives.form.check.description') });
    if (!f.neighbourhood)
      found.push({ id: ids.neighbourhoodCode, message: t('initiatives.form.check.neighbourhood') });
    if (!f.startsOn) found.push({ id: ids.startsOn, message: t('initiatives.form.check.startsOn') });
    if (f.endsOn && f.startsOn && f.endsOn < f.startsOn)
      found.push({ id: ids.endsOn, message: t('initiatives.form.check.endsOn') });
    setChecks(found);
    if (found.length) return;
    const body: InitiativeInput = {
      title: f.title.trim(),
      description: f.description.trim(),
      neighbourhoodCode: f.neighbourhood,
      ...(f.hub ? { communityPointSlug: f.hub } : {}),
      partners: f.partners
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
      status: f.status,
      startsOn: f.startsOn,
      ...(f.endsOn ? { endsOn: f.endsOn } : {}),
      programmePart: f.programmePart,
    };
    setBusy(true);
    try {
      const saved = initial
        ? await api.put<InitiativeSummary>(`/api/v1/initiatives/${encodeURIComponent(initial.slug)}`, body)
        : await api.post<InitiativeSummary>('/api/v1/initiatives', body);
      onSaved(saved ?? ({ ...body, slug: initial?.slug ?? '' } as unknown as InitiativeSummary));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const placed = placeErrors(p, ids);
      setChecks(placed);
      if (!placed.length) setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const err = (id: string) => checks.find((c) => c.id === id)?.message;
  return (
    <section aria-labelledby={`${prefix}-form-title`} className="noi-ini-form my-3">
      <h3 id={`${prefix}-form-title`} className="h4" ref={heading} tabIndex={-1}>
        {initial ? t('initiatives.form.editTitle') : t('initiatives.form.newTitle')}
      </h3>
      <ErrorSummary id={`${prefix}-errors`} errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <TextField
          id={ids.title}
          label={t('initiatives.form.title')}
          value={f.title}
          onChange={set('title')}
          error={err(ids.title)}
          maxLength={200}
        />
        <TextArea
          id={ids.description}
          label={t('initiatives.form.description')}
          hint={t('initiatives.form.descriptionHint')}
          value={f.description}
          onChange={set('description')}
          error={err(ids.description)}
        />
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id={ids.communityPointSlug}
              label={t('initiatives.form.hub')}
              value={f.hub}
              onChange={set('hub')}
              error={err(ids.communityPointSlug)}
            >
              {cityWide && <option value="">{t('initiatives.form.noHub')}</option>}
              {hubs.map((h) => (
                <option key={h.slug} value={h.slug}>
                  {h.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id={ids.neighbourhoodCode}
              label={t('initiatives.form.neighbourhood')}
              value={f.neighbourhood}
              onChange={set('neighbourhood')}
              error={err(ids.neighbourhoodCode)}
            >
              <option value="">{t('initiatives.form.choose')}</option>
              {neighbourhoods.map((n) => (
                <option key={n.code} value={n.code}>
                  {n.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id={ids.programmePart}
              label={t('initiatives.form.part')}
              value={f.programmePart}
              onChange={set('programmePart')}
              error={err(ids.programmePart)}
            >
              {programmeParts.map((p) => (
                <option key={p} value={p}>
                  {partLabel(t, p)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id={ids.status}
              label={t('initiatives.form.status')}
              value={f.status}
              onChange={set('status')}
              error={err(ids.status)}
            >
              {initiativeStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(t, s)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id={ids.startsOn}
              type="date"
              label={t('initiatives.form.startsOn')}
              value={f.startsOn}
              onChange={set('startsOn')}
              error={err(ids.startsOn)}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id={ids.endsOn}
              type="date"
              label={t('initiatives.form.endsOn')}
              hint={t('initiatives.form.endsOnHint')}
              value={f.endsOn}
              onChange={set('endsOn')}
              error={err(ids.endsOn)}
            />
          </div>
        </div>
        <TextArea
          id={ids.partners}
          rows={3}
          label={t('initiatives.form.partners')}
          hint={t('initiatives.form.partnersHint')}
          value={f.partners}
          onChange={set('partners')}
          error={err(ids.partners)}
        />
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary noi-ini-touch" disabled={busy}>
            {initial ? t('initiatives.form.save') : t('initiatives.form.create')}
          </button>
          <button type="button" className="btn btn-outline-primary noi-ini-touch" onClick={onCancel}>
            {t('initiatives.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function EventForm({
  initiative,
  onCancel,
  onSaved,
}: {
  initiative: InitiativeSummary;
  onCancel: () => void;
  onSaved: (count: number) => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    title: initiative.title,
    description: '',
    place: '',
    date: '',
    start: '17:00',
    end: '19:00',
    capacity: '',
    weekly: false,
    weeks: '4',
    lat: '',
    lon: '',
  });
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const ids = {
    title: 'ev-title',
    description: 'ev-description',
    place: 'ev-place',
    startsAt: 'ev-date',
    endsAt: 'ev-end',
    capacity: 'ev-capacity',
    repeat: 'ev-weeks',
    lat: 'ev-lat',
    lon: 'ev-lon',
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (f.title.trim().length < 3) found.push({ id: ids.title, message: t('initiatives.form.check.title') });
    if (f.place.trim().length < 3) found.push({ id: ids.place, message: t('initiatives.form.check.place') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date))
      found.push({ id: ids.startsAt, message: t('initiatives.form.check.date') });
    const timeOk = /^\d{2}:\d{2}$/;
    if (!timeOk.test(f.start)) found.push({ id: 'ev-start', message: t('initiatives.form.check.time') });
    if (!timeOk.test(f.end) || (timeOk.test(f.start) && f.end <= f.start))
      found.push({ id: ids.endsAt, message: t('initiatives.form.check.end') });
    const capacity = f.capacity.trim() === '' ? null : Number(f.capacity);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 10000))
      found.push({ id: ids.capacity, message: t('initiatives.form.check.capacity') });
    const weeks = Number(f.weeks);
    if (f.weekly && (!Number.isInteger(weeks) || weeks < 2 || weeks > 52))
      found.push({ id: ids.repeat, message: t('initiatives.form.check.weeks') });
    const lat = f.lat.trim() ? Number(f.lat.replace(',', '.')) : null;
    const lon = f.lon.trim() ? Number(f.lon.replace(',', '.')) : null;
    if ((lat === null) !== (lon === null) || (lat !== null && (!Number.isFinite(lat) || Math.abs(lat) > 90)))
      found.push({ id: ids.lat, message: t('initiatives.form.check.coords') });
    if (lon !== null && (!Number.isFinite(lon) || Math.abs(lon) > 180))
      found.push({ id: ids.lon, message: t('initiatives.form.check.coords') });
    setChecks(found);
    if (found.length) return;
    const body: EventInput = {
      title: f.title.trim(),
      description: f.description.trim(),
      place: f.place.trim(),
      ...(lat !== null && lon !== null ? { lat, lon } : {}),
      neighbourhoodCode: initiative.neighbourhood.code,
      startsAt: romeInstant(f.date, f.start),
      endsAt: romeInstant(f.date, f.end),
      capacity,
      ...(f.weekly ? { repeat: { weekly: weeks } } : {}),
    };
    setBusy(true);
    try {
      const r = await api.post<{ items?: unknown[]; events?: unknown[]; ids?: unknown[] }>(
        `/api/v1/initiatives/${encodeURIComponent(initiative.slug)}/events`,
        body,
      );
      onSaved(r?.items?.length ?? r?.events?.length ?? r?.ids?.length ?? (f.weekly ? weeks : 1));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const placed = placeErrors(p, ids);
      setChecks(placed);
      if (!placed.length) setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const err = (id: string) => checks.find((c) => c.id === id)?.message;
  const now = romeParts(new Date().toISOString());
  return (
    <section aria-labelledby="ev-form-title" className="noi-ini-form my-3">
      <h3 id="ev-form-title" className="h4" ref={heading} tabIndex={-1}>
        {t('initiatives.form.eventTitle')}
      </h3>
      <ErrorSummary id="ev-errors" errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <TextField
          id={ids.title}
          label={t('initiatives.form.eventName')}
          value={f.title}
          onChange={set('title')}
          error={err(ids.title)}
          maxLength={200}
        />
        <TextArea
          id={ids.description}
          rows={3}
          label={t('initiatives.form.eventDescription')}
          value={f.description}
          onChange={set('description')}
          error={err(ids.description)}
        />
        <TextField
          id={ids.place}
          label={t('initiatives.form.place')}
          hint={t('initiatives.form.placeHint')}
          value={f.place}
          onChange={set('place')}
          error={err(ids.place)}
        />
        <div className="row">
          <div className="col-12 col-md-4">
            <TextField
              id={ids.startsAt}
              type="date"
              label={t('initiatives.form.date')}
              hint={t('initiatives.form.dateHint', { today: now.date })}
              value={f.date}
              onChange={set('date')}
              error={err(ids.startsAt)}
            />
          </div>
          <div className="col-6 col-md-4">
            <TextField
              id="ev-start"
              type="time"
              label={t('initiatives.form.start')}
              value={f.start}
              onChange={set('start')}
              error={err('ev-start')}
            />
          </div>
          <div className="col-6 col-md-4">
            <TextField
              id={ids.endsAt}
              type="time"
              label={t('initiatives.form.end')}
              value={f.end}
              onChange={set('end')}
              error={err(ids.endsAt)}
            />
          </div>
        </div>
        <TextField
          id={ids.capacity}
          type="number"
          inputMode="numeric"
          label={t('initiatives.form.capacity')}
          hint={t('initiatives.form.capacityHint')}
          value={f.capacity}
          onChange={set('capacity')}
          error={err(ids.capacity)}
          className="noi-ini-narrow"
        />
        <div className="form-check my-3">
          <input
            id="ev-weekly"
            type="checkbox"
            checked={f.weekly}
            onChange={(e) => setF((x) => ({ ...x, weekly: e.target.checked }))}
            aria-controls="ev-weeks-box"
          />
          <label htmlFor="ev-weekly">{t('initiatives.form.weekly')}</label>
        </div>
        <div id="ev-weeks-box">
          {f.weekly && (
            <TextField
              id={ids.repeat}
              type="number"
              inputMode="numeric"
              label={t('initiatives.form.weeks')}
              hint={t('initiatives.form.weeksHint')}
              value={f.weeks}
              onChange={set('weeks')}
              error={err(ids.repeat)}
              className="noi-ini-narrow"
            />
          )}
        </div>
        <details className="mb-3">
          <summary>{t('initiatives.form.coords')}</summary>
          <p className="small mt-2">{t('initiatives.form.coordsHint')}</p>
          <div className="row">
            <div className="col-6">
              <TextField
                id={ids.lat}
                inputMode="decimal"
                label={t('initiatives.form.lat')}
                value={f.lat}
                onChange={set('lat')}
                error={err(ids.lat)}
              />
            </div>
            <div className="col-6">
              <TextField
                id={ids.lon}
                inputMode="decimal"
                label={t('initiatives.form.lon')}
                value={f.lon}
                onChange={set('lon')}
                error={err(ids.lon)}
              />
            </div>
          </div>
        </details>
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary noi-ini-touch" disabled={busy}>
            {t('initiatives.form.addEvent')}
          </button>
          <button type="button" className="btn btn-outline-primary noi-ini-touch" onClick={onCancel}>
            {t('initiatives.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
